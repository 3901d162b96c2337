/**
 * A web folder replaces the old one in two renames (old aside, new in place) and then the old
 * one is deleted. A build killed at any of those moments leaves the journal; the recovery
 * finishes the swap: the new folder in place, or the old one back, and never a leftover
 * `.web.old-*` folder published beside it. (The killed builds of output-integrity.e2e hit
 * these moments only by chance; here each is set up as the kill leaves it.)
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverOutput, WORK_DIR } from '../src/package/output.js';

/** An output folder as a build killed during the swap of `course/web` leaves it. */
function interrupted(state: { staged: boolean; current: 'old' | 'new' | null; aside: boolean }): { out: string; web: string } {
  const out = mkdtempSync(path.join(tmpdir(), 'skillpack-recover-'));
  const work = path.join(out, WORK_DIR);
  const staged = path.join(work, 'staging-999999', 'web');
  const web = path.join(out, 'course', 'web');
  const file = (dir: string, text: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), text);
  };
  mkdirSync(work, { recursive: true });
  if (state.staged) file(staged, 'new');
  if (state.current) file(web, state.current);
  if (state.aside) file(path.join(out, 'course', '.web.old-999999'), 'old');
  writeFileSync(path.join(work, 'publish.json'), JSON.stringify([{ from: staged, to: web, folder: true }]));
  return { out, web };
}

const shown = (web: string) => readFileSync(path.join(web, 'index.html'), 'utf8');
const leftovers = (web: string) => readdirSync(path.dirname(web)).filter((name) => name !== 'web');

describe('recovering an interrupted folder swap', () => {
  it.each([
    ['before the first rename: the new folder is published', { staged: true, current: 'old', aside: false }, 'new'],
    ['between the renames: the new folder is published and the old one deleted', { staged: true, current: null, aside: true }, 'new'],
    ['after the renames, before (or while) deleting the old folder: the old one is deleted', { staged: false, current: 'new', aside: true }, 'new'],
    ['the new folder lost between the renames: the old one goes back', { staged: false, current: null, aside: true }, 'old'],
  ] as const)('%s', (_name, state, expected) => {
    const { out, web } = interrupted(state);
    recoverOutput(out);
    expect([shown(web), leftovers(web)]).toEqual([expected, []]);
    expect(existsSync(path.join(out, WORK_DIR, 'publish.json'))).toBe(false);
  });
});
