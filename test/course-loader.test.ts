/**
 * Courses load on a worker thread with a time limit (the preview's, and a
 * build's one per core): the calling thread stays free while a course is
 * parsed, and a course that takes too long is reported and stopped instead
 * of freezing the caller.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../src/course/config.js';
import { CourseLoader } from '../src/course/course-loader.js';
import { draftLesson } from '../src/course/lesson-draft.js';
import { loadCourse } from '../src/course/load.js';
import { questionOrigin } from '../src/course/question-origin.js';
import { REPO } from './support/packages.js';

const MINI = path.join(REPO, 'test/fixtures/courses/mini-course');
const project = loadProject(REPO);
let loader: CourseLoader | null = null;

afterEach(async () => {
  await loader?.close();
  loader = null;
});

describe('the course loader', () => {
  it('gives the course back with where each question was written (an export reports a question at its line)', async () => {
    loader = new CourseLoader();
    const loaded = await loader.load(MINI, project);
    const fresh = loadCourse(MINI, project).course!.banks[0]!.questions.map((q) => questionOrigin.get(q));
    expect(fresh.every((origin) => origin?.place !== undefined)).toBe(true);
    expect(loaded.course!.banks[0]!.questions.map((q) => questionOrigin.get(q))).toEqual(fresh);
  });

  it('loads a course off the calling thread, which keeps turning meanwhile', async () => {
    loader = new CourseLoader();
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const loaded = await loader.load(MINI, project);
    const during = turns;
    spinning = false;
    expect(loaded.course?.title).toBe('Mini Course');
    expect(loaded.diagnostics).toEqual([]);
    expect(during).toBeGreaterThan(0);
  });

  it('stops a load that passes the time limit, says so on course.yml, and loads the next course on a fresh thread', async () => {
    loader = new CourseLoader(1);
    const stopped = await loader.load(MINI, project);
    expect(stopped.course).toBeNull();
    expect(stopped.diagnostics.map((d) => [d.file, d.rule])).toEqual([['test/fixtures/courses/mini-course/course.yml', 'load-time-limit']]);
    loader.limitMs = 60_000;
    expect((await loader.load(MINI, project)).course?.title).toBe('Mini Course');
  });

  it('drafts a lesson on its thread, after the loads asked for before it', async () => {
    loader = new CourseLoader();
    const lesson = path.join(MINI, 'lessons', '01-welcome.md');
    const [loaded, drafted] = await Promise.all([loader.load(MINI, project), loader.draft(MINI, project, lesson)]);
    expect(drafted).toEqual(loaded.course!.lessons[0]);
    expect(drafted).toEqual(draftLesson(MINI, project, lesson));
    expect(await loader.draft(MINI, project, path.join(MINI, 'course.yml'))).toBeNull();
  });

  it('gives a draft up at its limit, and loads the course next on a fresh thread', async () => {
    loader = new CourseLoader(1);
    expect(await loader.draft(MINI, project, path.join(MINI, 'lessons', '01-welcome.md'))).toBeNull();
    loader.limitMs = 60_000;
    expect((await loader.load(MINI, project)).course?.title).toBe('Mini Course');
  });
});
