/** `skillpack new` scaffolds a course (English or Chinese) that passes `skillpack check` as it is. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCourses } from '../src/commands/check.js';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import { runCli } from './support/cli.js';

/** Run the command in `root`; its standard output, or a rejection with its error output. */
async function cli(root: string, ...args: string[]): Promise<string> {
  const run = await runCli(['-C', root, ...args]);
  if (run.status !== 0) throw new Error(run.stderr || run.stdout);
  return run.stdout;
}

describe('skillpack new', () => {
  for (const language of ['en', 'zh-CN']) {
    it(`scaffolds a ${language} course that checks clean, with every question type and an exam`, async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'skillpack-new-'));
      const output = await cli(root, 'new', 'fire-safety', '--language', language, '--title', 'Fire Safety');
      expect(output).toContain('no problems');
      expect(await cli(root, 'check')).toContain('no problems');
      expect((await checkCourses(root)).diagnostics).toEqual([]);
      const course = loadCourse(path.join(root, 'courses/fire-safety'), loadProject(root)).course!;
      expect(course).toMatchObject({ id: 'fire-safety', title: 'Fire Safety', language });
      expect(course.lessons).toHaveLength(2);
      expect(new Set(course.banks[0]!.questions.map((q) => q.type))).toEqual(new Set(['true-false', 'single', 'multiple', 'fill-in', 'numeric', 'matching', 'sequencing', 'likert', 'essay']));
      expect(course.exam).not.toBeNull();
    });
  }

  it('refuses a bad id and an existing folder', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-new-'));
    await expect(cli(root, 'new', 'Bad Id')).rejects.toThrow(/not a valid course id/);
    await cli(root, 'new', 'twice');
    await expect(cli(root, 'new', 'twice')).rejects.toThrow(/already exists/);
  });

  it('gives a Chinese scaffold a Chinese title', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-new-'));
    await cli(root, 'new', 'care-basics', '--language', 'zh-CN');
    const course = loadCourse(path.join(root, 'courses/care-basics'), loadProject(root)).course!;
    expect(course.title).toBe('新课程（care-basics）');
  });

  it('keeps a title with the characters YAML gives a meaning (a colon, a #, quotes) as written', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-new-'));
    const title = 'Fire: safety #1 "basics"';
    expect(await cli(root, 'new', 'fire-safety', '--title', title)).toContain('no problems');
    expect(loadCourse(path.join(root, 'courses/fire-safety'), loadProject(root)).course!.title).toBe(title);
  });
});
