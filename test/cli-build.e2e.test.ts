/**
 * `skillpack build` as a user runs it: a project with one good and one broken
 * course packages the good one, reports the broken one with file:line:col and
 * exits 1; the summary table lists what was built.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';
import { runCli } from './support/cli.js';

describe('skillpack build (command line)', () => {
  it('builds the good courses, reports the broken ones and exits 1', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-cli-'));
    cpSync(path.join(REPO, MINI_COURSE), path.join(root, 'courses', 'good'), { recursive: true });
    cpSync(path.join(REPO, MINI_COURSE), path.join(root, 'courses', 'broken'), { recursive: true });
    for (const id of ['good', 'broken']) {
      const yml = path.join(root, 'courses', id, 'course.yml');
      writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^id: .*$/m, `id: ${id}`));
    }
    const bank = path.join(root, 'courses', 'broken', 'banks', 'core.md');
    writeFileSync(bank, readFileSync(bank, 'utf8').replace('- [ ] banks/', '- [x] banks/'));

    const run = await runCli(['-C', root, 'build', '--target', 'scorm12,web']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/courses\/broken\/banks\/core\.md:\d+:\d+ {2}error {2}2 options are marked correct in a single-choice question {2}single-several-correct/);
    expect(run.stdout).toMatch(/^good\s+\d+\.\d KB\s+\d+\.\d KB$/m);
    expect(run.stdout).toContain('2 packages from 1 of 2 courses');
    expect(run.stdout).toContain('(1 with errors, not built)');
    expect(existsSync(path.join(root, 'dist', 'good', 'good-scorm12.zip'))).toBe(true);
    expect(existsSync(path.join(root, 'dist', 'broken'))).toBe(false);
    const catalogue = JSON.parse(readFileSync(path.join(root, 'dist', 'catalog.json'), 'utf8')) as { courses: Array<{ id: string }> };
    expect(catalogue.courses.map((c) => c.id)).toEqual(['good']);
  });

  it('refuses an unknown target with a clear message', async () => {
    const run = await runCli(['build', '--target', 'scorm3']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unknown target scorm3');
  });
});
