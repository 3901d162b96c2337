/** `skillpack new` scaffolds a course (English or Chinese) that passes `skillpack check` as it is. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCourses } from '../src/commands/check.js';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import { REPO } from './support/packages.js';

const cli = (root: string, ...args: string[]) => execFileSync(process.execPath, [path.join(REPO, 'src/bin.js'), '-C', root, ...args], { encoding: 'utf8' });

describe('skillpack new', () => {
  for (const language of ['en', 'zh-CN']) {
    it(`scaffolds a ${language} course that checks clean, with every question type and an exam`, async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'skillpack-new-'));
      const output = cli(root, 'new', 'fire-safety', '--language', language, '--title', 'Fire Safety');
      expect(output).toContain('no problems');
      expect(cli(root, 'check')).toContain('no problems');
      expect((await checkCourses(root)).diagnostics).toEqual([]);
      const course = loadCourse(path.join(root, 'courses/fire-safety'), loadProject(root)).course!;
      expect(course).toMatchObject({ id: 'fire-safety', title: 'Fire Safety', language });
      expect(course.lessons).toHaveLength(2);
      expect(new Set(course.banks[0]!.questions.map((q) => q.type))).toEqual(new Set(['true-false', 'single', 'multiple', 'fill-in', 'numeric', 'matching', 'sequencing', 'likert', 'essay']));
      expect(course.exam).not.toBeNull();
    });
  }

  it('refuses a bad id and an existing folder', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-new-'));
    expect(() => cli(root, 'new', 'Bad Id')).toThrow(/not a valid course id/);
    cli(root, 'new', 'twice');
    expect(() => cli(root, 'new', 'twice')).toThrow(/already exists/);
  });
});
