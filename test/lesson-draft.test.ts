/**
 * A saved lesson compiled on its own (the preview shows it before the course is loaded again)
 * is exactly the lesson that loading the course gives, and nothing when the lesson itself has a
 * problem that loading would report (problems elsewhere in the course are the rebuild's to find:
 * the preview then launches the last good build again, see test/preview-drafts.e2e.test.ts).
 */
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../src/course/config.js';
import { draftLesson } from '../src/course/lesson-draft.js';
import { loadCourse } from '../src/course/load.js';
import { copyBilingualCourse } from './support/bilingual.js';


let root: string;
let dir: string;
let project: Project;
const lesson = (name: string) => path.join(dir, 'lessons', name);

beforeEach(() => {
  ({ root, dir, project } = copyBilingualCourse('skillpack-lesson-draft-'));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));

describe('draftLesson', () => {
  it('gives each lesson exactly as loading the course does: links to other lessons, images and practice questions', () => {
    edit(lesson('01-basics.md'), (text) => text.replace('电流经过人体会造成伤害。', '电流经过人体会造成伤害，**务必**先断电。'));
    const loaded = loadCourse(dir, project);
    expect(loaded.course).not.toBeNull();
    const drafts = ['01-basics.md', '02-first-aid.md'].map((name) => draftLesson(dir, project, lesson(name)));
    expect(drafts).toEqual(loaded.course!.lessons);
    expect(drafts[0]!.html).toContain('<strong>务必</strong>');
    expect(drafts[0]!.html).toMatch(/href="#\/lesson\/first-aid"/);
    expect(drafts[0]!.practice.map((q) => q.id)).toEqual(['basics-check']);
  });

  it('gives nothing for a lesson the load would report a problem in, or whose id another lesson has', () => {
    edit(lesson('01-basics.md'), (text) => text.replace('diagram.svg', 'missing.svg'));
    expect(loadCourse(dir, project).course).toBeNull();
    expect(draftLesson(dir, project, lesson('01-basics.md'))).toBeNull();
    // The other lesson is still drafted: its own text has no problem.
    expect(draftLesson(dir, project, lesson('02-first-aid.md'))?.id).toBe('first-aid');
    writeFileSync(lesson('03-copy.md'), '---\ntitle: Copy\nid: first-aid\n---\n\nText.\n');
    expect(draftLesson(dir, project, lesson('02-first-aid.md'))).toBeNull();
  });

  it('gives nothing for a file that is not a lesson of the course, or a link out of the course folder', () => {
    expect(draftLesson(dir, project, path.join(dir, 'banks', '01-safety.md'))).toBeNull();
    expect(draftLesson(dir, project, path.join(dir, 'translations', 'en', 'lessons', '01-basics.md'))).toBeNull();
    const outside = path.join(root, 'outside.md');
    writeFileSync(outside, '---\ntitle: Outside\n---\n\nRead from outside the course.\n');
    symlinkSync(outside, lesson('03-outside.md'));
    expect(draftLesson(dir, project, lesson('03-outside.md'))).toBeNull();
    expect(draftLesson(path.join(root, 'courses', 'no-such-course'), project, lesson('01-basics.md'))).toBeNull();
  });
});
