/**
 * The preview's builds of one course may finish out of order (a start-up build on the
 * background thread, then a save's on the editing thread; or two saves): a build that
 * finishes after a newer one of its course changes nothing, so the page never goes back
 * to an older version of the course. And a save is built first: the start-up builds of
 * the other courses wait while one runs. Each target's package is served as its build left it.
 * A save that changes only lessons' text is told apart, so the page can show it without a relaunch.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject, type Project } from '../src/course/config.js';
import { draftLesson } from '../src/course/lesson-draft.js';
import { loadCourse, type LoadedCourse } from '../src/course/load.js';
import type { Course, Lesson } from '../src/course/model.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';
import { CourseBuilds, lessonTextChanges, type CourseLoading } from '../src/preview/course-builds.js';
import { TARGET_NAMES } from '../src/course/schema.js';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';

/** A loader whose loads finish when the test says so, in any order. */
class HeldLoader implements CourseLoading {
  readonly pending: Array<(loaded: LoadedCourse) => void> = [];
  load(): Promise<LoadedCourse> {
    return new Promise((resolve) => this.pending.push(resolve));
  }
  /** Drafts are compiled at once, from the files as they are. */
  async draft(dir: string, project: Project, file: string): Promise<Lesson | null> {
    return draftLesson(dir, project, file);
  }
  async close(): Promise<void> {}
}

let project: Project;
let dir: string;
let loaded: LoadedCourse;
const editing = new HeldLoader();
const background = new HeldLoader();
let builds: CourseBuilds;

/** The course as loaded, titled `title` (each build's result told apart by its title). */
const titled = (title: string): LoadedCourse => ({ ...loaded, course: { ...loaded.course!, title } });
/** A build with an error (as the sink reports one), and so no course. */
function failed(): LoadedCourse {
  const sink = new DiagnosticSink();
  sink.report('courses/mini-course', undefined, 'course-not-found', 'no course.yml in courses/mini-course');
  return { ...loaded, course: null, diagnostics: sink.items };
}

beforeAll(async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'skillpack-builds-'));
  dir = path.join(root, 'courses', 'mini-course');
  cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
  project = loadProject(root);
  loaded = loadCourse(dir, project);
  expect(loaded.course).not.toBeNull();
  builds = await CourseBuilds.create(project, { editing, background });
});

afterAll(async () => {
  await builds?.close();
});

/** Let the builds whose loads were released finish their packaging. */
const settle = (...builds: Array<Promise<unknown>>) => Promise.all(builds);

describe('preview builds finishing out of order', () => {
  it('keeps the newer build when an older one of the same course finishes after it', async () => {
    const key = builds.add(dir);
    const startUp = builds.rebuild(key, true); // on the background thread
    const save = builds.rebuild(key); // on the editing thread, started later
    editing.pending.shift()!(titled('After the save'));
    await settle(save);
    expect(builds.summary(key)).toMatchObject({ title: 'After the save', version: 1, ok: true });
    background.pending.shift()!(titled('At start-up'));
    await settle(startUp);
    // The older build changed nothing: same title, same version, no reload for the page.
    expect(builds.summary(key)).toMatchObject({ title: 'After the save', version: 1, ok: true });
    expect(builds.get(key)!.packages!.get('web')!.get('index.html')!.toString()).toContain('After the save');
  });

  it('keeps a newer failed build\'s diagnostics over an older good build that finishes later', async () => {
    const key = builds.add(dir); // the course of the test before, last built as 'After the save'
    const before = builds.summary(key)!.version;
    const first = builds.rebuild(key);
    const second = builds.rebuild(key);
    // Both on the editing thread: release the second first.
    const [older, newer] = editing.pending.splice(0, 2);
    newer!(failed());
    await settle(second);
    expect(builds.summary(key)).toMatchObject({ ok: false, errors: 1, version: before });
    older!(titled('An older good build'));
    await settle(first);
    expect(builds.summary(key)).toMatchObject({ ok: false, errors: 1, version: before, title: 'After the save' });
  });

  it('applies builds that finish in the order they started', async () => {
    const key = builds.add(dir);
    const before = builds.summary(key)!.version;
    const first = builds.rebuild(key);
    editing.pending.shift()!(titled('First'));
    await settle(first);
    const second = builds.rebuild(key);
    editing.pending.shift()!(titled('Second'));
    await settle(second);
    expect(builds.summary(key)).toMatchObject({ title: 'Second', version: before + 2, ok: true });
  });

  it('lets start-up builds wait while a save is being built, and not for one another', async () => {
    const key = builds.add(dir);
    await builds.editsSettled(); // nothing running
    const startUp = builds.rebuild(key, true);
    await builds.editsSettled(); // a start-up build is not waited for
    const save = builds.rebuild(key);
    let settled = false;
    const waiting = builds.editsSettled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    editing.pending.shift()!(titled('Saved while starting'));
    await settle(save, waiting);
    expect(settled).toBe(true);
    background.pending.shift()!(titled('Start-up'));
    await settle(startUp);
    expect(builds.summary(key)!.title).toBe('Saved while starting');
  });
});

describe("a build's packages", () => {
  it("serves each target's package as the build left it, whenever it is asked for", async () => {
    const key = builds.add(dir);
    const picture = path.join(dir, 'assets', 'diagram.svg');
    const built = readFileSync(picture);
    const save = builds.rebuild(key);
    editing.pending.shift()!(titled('Packaged when asked'));
    await settle(save);
    // The packages are put together when a file is first asked for, but from the build's files:
    // a picture replaced since then is in the next build, not in this one.
    writeFileSync(picture, '<svg xmlns="http://www.w3.org/2000/svg"><title>replaced</title></svg>');
    try {
      for (const target of TARGET_NAMES) {
        expect(builds.file(key, target, 'index.html')!.toString(), target).toContain('Packaged when asked');
        expect(builds.file(key, target, 'content/assets/diagram.svg'), target).toEqual(built);
      }
      expect(builds.file(key, 'scorm12', 'imsmanifest.xml')!.toString()).toContain('content/assets/diagram.svg');
    } finally {
      writeFileSync(picture, built);
    }
  });
});

describe("a lesson's new text", () => {
  const lessonFile = () => path.join(dir, 'lessons', '01-welcome.md');
  /** The course with its first lesson changed. */
  const withFirst = (course: Course, change: Partial<Lesson>): Course => ({ ...course, lessons: course.lessons.map((l, i) => (i === 0 ? { ...l, ...change } : l)) });

  it('is told apart from every other change between two builds', () => {
    const course = loaded.course!;
    expect(lessonTextChanges(course, course)).toEqual([]);
    expect(lessonTextChanges(course, withFirst(course, { html: '<p>New.</p>' }))).toEqual([{ id: course.lessons[0]!.id, html: '<p>New.</p>' }]);
    expect(lessonTextChanges(course, withFirst(course, { html: '<p>New.</p>', title: 'Renamed' }))).toBeNull();
    const practice = course.lessons.flatMap((l) => l.practice);
    expect(practice.length).toBeGreaterThan(0);
    expect(lessonTextChanges(course, withFirst(course, { practice }))).toBeNull();
    expect(lessonTextChanges(course, { ...course, lessons: [...course.lessons].reverse() })).toBeNull();
    expect(lessonTextChanges(course, { ...course, banks: [] })).toBeNull();
    expect(lessonTextChanges(course, { ...course, title: 'Renamed' })).toBeNull();
  });

  it('comes with a build after a save of Markdown alone, from the version before it', async () => {
    const key = builds.add(dir);
    const first = builds.rebuild(key);
    editing.pending.shift()!(loaded);
    await settle(first);
    const version = builds.get(key)!.version;
    const edited = { ...loaded, course: withFirst(loaded.course!, { html: '<p>Edited.</p>' }) };
    const save = builds.rebuild(key, false, true);
    editing.pending.shift()!(edited);
    expect((await save).textChange).toEqual({ from: version, lessons: [{ id: loaded.course!.lessons[0]!.id, html: '<p>Edited.</p>' }] });
    // A picture saved (not Markdown alone), or a file more to carry: the package is launched again.
    const picture = builds.rebuild(key, false, false);
    editing.pending.shift()!({ ...edited, course: withFirst(loaded.course!, { html: '<p>Edited again.</p>' }) });
    expect((await picture).textChange).toBeNull();
    const more = builds.rebuild(key, false, true);
    writeFileSync(path.join(dir, 'assets', 'new.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    editing.pending.shift()!({ ...edited, assets: [...edited.assets, 'assets/new.svg'] });
    expect((await more).textChange).toBeNull();
    // A build with errors brings no new text.
    const broken = builds.rebuild(key, false, true);
    editing.pending.shift()!(failed());
    expect((await broken).textChange).toBeNull();
  });

  it('comes with no build after a file other than Markdown changed since the last good one, even in a build that failed', async () => {
    const key = builds.add(dir);
    const first = builds.rebuild(key);
    editing.pending.shift()!(loaded);
    await settle(first);
    // A picture replaced while the course had an error: that build fails...
    const picture = builds.rebuild(key, false, false);
    editing.pending.shift()!(failed());
    await settle(picture);
    // ...and the save that fixes the Markdown must still relaunch the package, which now holds the new picture.
    const fix = builds.rebuild(key, false, true);
    editing.pending.shift()!({ ...loaded, course: withFirst(loaded.course!, { html: '<p>Fixed.</p>' }) });
    expect((await fix).textChange).toBeNull();
    const next = builds.rebuild(key, false, true);
    editing.pending.shift()!({ ...loaded, course: withFirst(loaded.course!, { html: '<p>Next.</p>' }) });
    expect((await next).textChange?.lessons).toEqual([{ id: loaded.course!.lessons[0]!.id, html: '<p>Next.</p>' }]);
  });

  it('is not drafted while the course has errors', async () => {
    const key = builds.add(dir);
    const first = builds.rebuild(key);
    editing.pending.shift()!(loaded);
    await settle(first);
    const broken = builds.rebuild(key, false, true);
    editing.pending.shift()!(failed());
    await settle(broken);
    const file = lessonFile();
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace('This course is written in Markdown.', 'Drafted while broken.'));
      expect(await builds.draft(file)).toBeNull();
    } finally {
      writeFileSync(file, original);
    }
  });

  it('is drafted from a saved lesson file when only its text changed since the last good build', async () => {
    const key = builds.add(dir);
    const build = builds.rebuild(key);
    editing.pending.shift()!(loaded);
    await settle(build);
    const file = lessonFile();
    const original = readFileSync(file, 'utf8');
    try {
      expect(await builds.draft(file)).toBeNull(); // nothing changed
      writeFileSync(file, original.replace('This course is written in Markdown.', 'Drafted at once.'));
      const drafted = await builds.draft(file);
      expect(drafted).toEqual({ key, lesson: { id: 'welcome', html: expect.stringContaining('Drafted at once.') } });
      expect(drafted!.lesson.html).toBe(loadCourse(dir, project).course!.lessons[0]!.html);
      writeFileSync(file, original.replace('title: Welcome', 'title: Renamed'));
      expect(await builds.draft(file)).toBeNull(); // more than its text
      expect(await builds.draft(path.join(dir, 'course.yml'))).toBeNull();
      expect(await builds.draft(path.join(dir, 'banks', 'nothing.md'))).toBeNull();
    } finally {
      writeFileSync(file, original);
    }
  });
});
