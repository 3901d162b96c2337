/**
 * Code frames: a diagnostic shows the lines around its place, a long line cut around the column
 * with the caret still under it, and never the contents of a file the loader refused to read
 * (a lesson that is a link to a secret outside the course) or of one larger than a source may be.
 */
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCourses } from '../src/commands/check.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { codeFrame, formatReport } from '../src/diagnostics/reporter.js';
import { diagnosticViews } from '../src/preview/diagnostic-view.js';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';

const at = (file: string, line: number, column: number, rule: Diagnostic['rule'] = 'unsafe-html'): Diagnostic =>
  ({ file, line, column, rule, severity: 'warning', message: 'm', hint: 'h' }) as Diagnostic;

describe('code frames', () => {
  it('cut a long line around the column, with the caret under it', () => {
    const line = `${'a'.repeat(500_000)}X${'b'.repeat(500_000)}`;
    const frame = codeFrame(`first\n${line}\nlast`, 2, 500_001);
    const [, shown, caret] = frame.split('\n');
    expect(shown!.length).toBeLessThan(200);
    expect(shown![caret!.indexOf('^')]).toBe('X');
    // Short lines are shown whole.
    expect(codeFrame('one\ntwo\nthree', 2, 2)).toBe('  1 | one\n> 2 | two\n    |  ^\n  3 | three');
  });

  it('of many diagnostics in one file split it into lines once: a report is linear in the file and its diagnostics', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-frames-'));
    // A lesson of 150,000 lines that starts each with `##第` gives as many warnings.
    writeFileSync(path.join(root, 'big.md'), '##第二节\n'.repeat(150_000));
    const diagnostics = Array.from({ length: 150_000 }, (_, i) => at('big.md', i + 1, 1));
    // Without it every frame split the file up to its line: hours for this report (the test then fails on its timeout).
    const report = formatReport(diagnostics, { color: false, root });
    expect(report).toContain('> 150000 | ##第二节');
    expect(report.split('\n').filter((l) => l.startsWith('>'))).toHaveLength(150_000);
  });

  it('never print a file the loader refused, nor one larger than a source may be', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-frames-'));
    const dir = path.join(root, 'courses', 'mini-course');
    cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
    const secret = path.join(root, 'outside.env');
    writeFileSync(secret, 'AWS_SECRET_ACCESS_KEY=not-for-a-report\n');
    symlinkSync(secret, path.join(dir, 'lessons', '03-notes.md'));
    const { diagnostics } = await checkCourses(root, [dir]);
    expect(diagnostics.map((d) => `${d.file} ${d.rule}`)).toEqual(['courses/mini-course/lessons/03-notes.md path-escape']);
    expect(formatReport(diagnostics, { color: false, root })).not.toContain('not-for-a-report');
    expect(JSON.stringify(diagnosticViews(diagnostics, root))).not.toContain('not-for-a-report');

    const huge = path.join(root, 'huge.md');
    writeFileSync(huge, `${'x'.repeat(3 * 1024 * 1024)}\n`);
    expect(formatReport([at('huge.md', 1, 1)], { color: false, root })).not.toContain('xxx');
    // An ordinary file gets its frame.
    expect(formatReport([at('courses/mini-course/course.yml', 1, 1)], { color: false, root })).toContain(`> 1 | ${readFileSync(path.join(dir, 'course.yml'), 'utf8').split('\n')[0]}`);
  });
});
