/**
 * `skillpack check` after edits, as an author runs it: once a course is being edited, its
 * unchanged files are not compiled again (their results are kept from the last command), and
 * what the command reports is exactly what it reports with every cache off.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keptResultsFile } from '../src/course/file-results.js';
import { runCli } from './support/cli.js';
import { REPO } from './support/packages.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('skillpack check after an edit', () => {
  it('reports what a check with every cache off reports', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'skillpack-check-edit-'));
    const dir = path.join(root, 'courses', 'bilingual-course');
    cpSync(path.join(REPO, 'test', 'fixtures', 'courses', 'bilingual-course'), dir, { recursive: true });
    const edit = (relative: string, change: (text: string) => string) => writeFileSync(path.join(dir, relative), change(readFileSync(path.join(dir, relative), 'utf8')));
    const check = (env: Record<string, string> = {}) => runCli(['check', '--format', 'json', 'courses/bilingual-course'], { cwd: root, env });

    // The translation's bank differs from its source: its diagnostic names the source question's line.
    edit('translations/en/banks/01-safety.md', (text) => text.replace('type=multiple points=2', 'type=multiple points=3'));
    const first = await check();
    expect(first.stdout).toContain('translation-mismatch');
    // Loaded the first time (a fresh clone's first build): nothing is kept file by file.
    expect(existsSync(keptResultsFile(dir))).toBe(false);

    // Then one lesson is edited: a link to a missing file, and a changed source for its translation.
    // (Words of this run's own: an earlier run's course cache entry for the same text would answer it.)
    edit('lessons/02-first-aid.md', (text) => `${text}\n参见[不存在的文件](../assets/missing.pdf)。${randomUUID()}\n`);
    const edited = await check();
    const fresh = await check({ SKILLPACK_NO_CACHE: '1' });
    expect(edited.stdout).toBe(fresh.stdout);
    expect(edited.status).toBe(fresh.status);
    const rules = (JSON.parse(edited.stdout) as { diagnostics: Array<{ rule: string; message: string }> }).diagnostics.map((d) => `${d.rule}: ${d.message}`);
    expect(rules).toEqual(expect.arrayContaining([
      expect.stringMatching(/^missing-file: /),
      expect.stringMatching(/^translation-mismatch: .*\(courses\/bilingual-course\/banks\/01-safety\.md:22\)/),
      expect.stringMatching(/^translation-outdated: the source lesson courses\/bilingual-course\/lessons\/02-first-aid\.md changed/),
    ]));
    // A course being edited: the results of its six Markdown files were kept for the next command, and
    // its course.yml as checked, and the links and images of its two translated lessons and of their sources.
    // The entry's first line says what it holds (each result's JSON is a line after it).
    const kept = JSON.parse(readFileSync(keptResultsFile(dir), 'utf8').split('\n')[0]!) as { results: Array<[string, unknown]> };
    const kinds = kept.results.map(([key]) => key.split('\0')[0]);
    expect(kinds.filter((kind) => kind === 'lesson' || kind === 'bank')).toHaveLength(6);
    expect(kinds.filter((kind) => kind === 'course-yml')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'lesson-facts')).toHaveLength(4);
    expect(kinds).toHaveLength(11);

    // The next edit: the other files' kept results serve, with the same report as ever.
    edit('lessons/01-basics.md', (text) => `${text}\n补充一句。\n`);
    const again = await check();
    expect(again.stdout).toBe((await check({ SKILLPACK_NO_CACHE: '1' })).stdout);
    expect(again.status).toBe(edited.status);
  });
});
