/**
 * `skillpack import` as a user runs it: exit status, the report with a CSV row's code
 * frame, "nothing written", and a bank written for a clean sheet.
 */
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { REPO } from './support/packages.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'skillpack-import-cli-'));
  cpSync(path.join(REPO, 'courses', 'hr-manager'), path.join(root, 'courses', 'hr-manager'), { recursive: true });
  cpSync(path.join(REPO, 'test/fixtures/import'), path.join(root, 'fixtures/import'), { recursive: true });
});

describe('the command', () => {
  it('prints each problem at its cell, says nothing was written, and exits 1', async () => {
    const run = await runCli(['-C', root, 'import', 'fixtures/import/broken.csv', '--course', 'hr-manager', '--bank', 'broken-cli'], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('fixtures/import/broken.csv:3:1  error  cell A3: "quiz" is not a question type  import-type');
    expect(run.stdout).toContain('> 3 | quiz,What type is this?,,,,,'); // a CSV row is its line: the code frame shows it
    expect(run.stdout).toMatch(/7 errors, 1 warning\nnothing written\n$/);
    expect(existsSync(path.join(root, 'courses/hr-manager/banks/broken-cli.md'))).toBe(false);
  });

  it('writes the bank and exits 0 for a clean sheet', async () => {
    const run = await runCli(['-C', root, 'import', 'fixtures/import/english.csv', '--course', 'hr-manager', '--bank', 'imported-en'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/7 questions → courses\/hr-manager\/banks\/imported-en\.md\n$/);
    // Imported again under another bank id, its ids would clash with this bank's.
    const again = await runCli(['-C', root, 'import', 'fixtures/import/english.csv', '--course', 'hr-manager', '--bank', 'english-copy'], { cwd: root });
    expect(again.status).toBe(1);
    expect(again.stdout).toContain('question id "probation-max" is already used by another bank or lesson of the course');
  });
});
