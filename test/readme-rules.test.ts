/**
 * Every rule skillpack can report is named in the README (the authoring rules' table, the
 * validate rules' table or the text around them), so that an author or an administrator who meets
 * a rule id can look it up.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/diagnostics/catalogue.js';
import { REPO } from './support/packages.js';

describe('the README', () => {
  it('names every rule of the catalogue', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    expect(Object.keys(RULES).filter((rule) => !readme.includes(`\`${rule}\``))).toEqual([]);
  });
});
