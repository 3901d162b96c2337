/**
 * The benchmark's grown catalogue (bench/catalogue.ts): every course copied under
 * new ids passes `skillpack check`, courses with errors are found and can be left
 * out, and the preview edit lands in the lesson body.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brokenCourses, copyCatalogue } from '../bench/catalogue.js';
import { withParagraph } from '../bench/preview.js';
import { writeEmptyCourse, writeExamCourse } from '../bench/stress-course.js';
import { checkCourses } from '../src/commands/check.js';

const work = mkdtempSync(path.join(tmpdir(), 'skillpack-bench-catalogue-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('bench catalogue copies', () => {
  const source = path.join(work, 'source');
  writeEmptyCourse(source, 'alpha');
  writeExamCourse(source, 'beta', 9);

  it('copies every course n times under new ids that pass check', async () => {
    const copy = copyCatalogue(source, path.join(work, 'times-3'), 3);
    expect(copy.courses.map((dir) => path.basename(dir))).toEqual(['alpha', 'alpha-copy2', 'alpha-copy3', 'beta', 'beta-copy2', 'beta-copy3']);
    expect(readFileSync(path.join(copy.root, 'courses', 'beta-copy3', 'course.yml'), 'utf8')).toMatch(/^id: beta-copy3$/m);
    // Three times the Markdown, each copy's files with bytes of their own (copy n ends in n - 1 more blank lines).
    const markdownFiles = ['alpha', 'beta'].flatMap((id) => ['lessons', 'banks'].flatMap((sub) => (existsSync(path.join(source, 'courses', id, sub)) ? readdirSync(path.join(source, 'courses', id, sub), { recursive: true, encoding: 'utf8' }) : []).filter((f) => f.endsWith('.md')))).length;
    expect(copy.markdownBytes).toBe(3 * copyCatalogue(source, path.join(work, 'times-1'), 1).markdownBytes + markdownFiles * (0 + 1 + 2));
    const lesson = (id: string) => readFileSync(path.join(copy.root, 'courses', id, 'lessons', readdirSync(path.join(copy.root, 'courses', id, 'lessons'))[0]!), 'utf8');
    expect(lesson('beta-copy2')).not.toBe(lesson('beta'));
    expect(lesson('beta-copy2').trimEnd()).toBe(lesson('beta').trimEnd());
    const { diagnostics, checked } = await checkCourses(copy.root);
    expect(checked).toBe(6);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('names the courses check finds errors in, and leaves them out on request', async () => {
    const broken = copyCatalogue(source, path.join(work, 'broken'), 1);
    writeFileSync(path.join(broken.root, 'courses', 'alpha', 'course.yml'), 'id: alpha\n');
    expect(await brokenCourses(broken.root)).toEqual(['alpha']);
    const healthy = copyCatalogue(broken.root, path.join(work, 'healthy'), 2, new Set(['alpha']));
    expect(readdirSync(path.join(healthy.root, 'courses')).sort()).toEqual(['beta', 'beta-copy2']);
  });

  it('puts the preview edit right under the lesson title', () => {
    const text = '---\nid: x\n---\n# Title\n\nBody.\n';
    expect(withParagraph(text, 'New sentence.')).toBe('---\nid: x\n---\n# Title\n\nNew sentence.\n\n\nBody.\n');
  });
});
