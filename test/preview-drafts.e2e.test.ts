/**
 * A saved lesson's text reaches the preview's frame ahead of its course's rebuild (drafted as
 * soon as the file changes), and the rebuild then confirms it in place or launches the package
 * again: the frame never keeps text that the build it runs does not hold. The course's loads
 * are held back here, so the order of draft and rebuild is the test's, not the machine's.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../src/course/config.js';
import { CourseLoader } from '../src/course/course-loader.js';
import type { LoadedCourse } from '../src/course/load.js';
import type { Lesson } from '../src/course/model.js';
import type { CourseLoading } from '../src/preview/course-builds.js';
import { startPreview, type PreviewServer } from '../src/preview/server.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { heading } from './support/learner.js';
import { REPO } from './support/packages.js';

/** A loader whose loads wait while it is held; drafts go through at once. */
class GatedLoader implements CourseLoading {
  private held = false;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly inner: CourseLoader) {}
  hold(): void {
    this.held = true;
  }
  release(): void {
    this.held = false;
    for (const go of this.waiting.splice(0)) go();
  }
  /** Loads waiting for release. */
  get queued(): number {
    return this.waiting.length;
  }
  async load(dir: string, project: Project): Promise<LoadedCourse> {
    if (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.inner.load(dir, project);
  }
  draft(dir: string, project: Project, file: string): Promise<Lesson | null> {
    return this.inner.draft(dir, project, file);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

let project: string;
let preview: PreviewServer;
let page: Page;
let gate: GatedLoader;
let lesson: string;
let bank: string;
let original: { lesson: string; bank: string };
const EDITED = 'This sentence was saved during the preview.';

beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), 'skillpack-preview-drafts-'));
  cpSync(path.join(REPO, 'test/fixtures/courses/mini-course'), path.join(project, 'courses/mini-course'), { recursive: true });
  lesson = path.join(project, 'courses/mini-course/lessons/01-welcome.md');
  bank = path.join(project, 'courses/mini-course/banks/core.md');
  original = { lesson: readFileSync(lesson, 'utf8'), bank: readFileSync(bank, 'utf8') };
  gate = new GatedLoader(new CourseLoader(undefined, undefined, { reuseFiles: true }));
  preview = await startPreview({ root: project, port: 0, db: ':memory:', log: () => undefined, loaders: { editing: gate, background: new CourseLoader() } });
  const context = await (await sharedBrowser()).newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(preview.url);
});

afterAll(async () => {
  gate?.release();
  await closeContexts();
  await preview?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

const frame = (): Frame => page.frame({ name: 'course' })!;
const version = () => preview.builds.get('mini-course')!.version;
/** Whether the frame still runs the document it had when `mark` was called (no relaunch since). */
const kept = () => frame().evaluate(() => (window as unknown as { keptAcrossSaves?: boolean }).keptAcrossSaves === true).catch(() => false);
const mark = () => frame().evaluate(() => Object.assign(window, { keptAcrossSaves: true }));
const shows = (text: string) => frame().locator('main').textContent().then((t) => (t ?? '').includes(text), () => false);

/** Write a file only if it differs (a write that changes nothing would still rebuild the course). */
const restore = (file: string, text: string) => readFileSync(file, 'utf8') !== text && writeFileSync(file, text);

beforeEach(async () => {
  // Every test starts from the fixture's files, built, with the frame showing that build on the edited lesson.
  gate.release();
  restore(lesson, original.lesson);
  restore(bank, original.bank);
  await expect.poll(() => preview.builds.get('mini-course')?.ok && !/during the preview/.test(preview.builds.get('mini-course')!.course!.lessons[0]!.html), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => page.locator('#course-frame').getAttribute('data-version'), { timeout: 20_000 }).toBe(String(version()));
  await expect.poll(() => frame()?.url() ?? '', { timeout: 20_000 }).toContain('/pkg/mini-course/');
  await frame().evaluate(() => (location.hash = '#/lesson/welcome'));
  await expect.poll(() => heading(frame()).textContent().catch(() => '')).toBe('Welcome');
  await expect.poll(() => shows(EDITED)).toBe(false);
  await mark();
});

describe('a saved lesson in the preview', () => {
  it('shows its new text before the course is rebuilt, and the rebuild confirms it in place', async () => {
    gate.hold();
    const before = version();
    writeFileSync(lesson, original.lesson.replace('This course is written in Markdown.', EDITED));
    await expect.poll(() => shows(EDITED), { interval: 25 }).toBe(true);
    // Shown by the draft alone: the course's load has not run.
    expect(version()).toBe(before);
    expect(await kept()).toBe(true);
    gate.release();
    await expect.poll(() => page.locator('#build-status').getAttribute('data-version')).toBe(String(before + 1));
    expect(await kept()).toBe(true);
    expect(await shows(EDITED)).toBe(true);
  });

  it('launches the package again, with the last good build, when the rebuild of the shown text fails', async () => {
    gate.hold();
    writeFileSync(bank, original.bank.replace('- [x] True\n', '- [ ] True\n'));
    writeFileSync(lesson, original.lesson.replace('This course is written in Markdown.', EDITED));
    await expect.poll(() => shows(EDITED), { interval: 25 }).toBe(true);
    gate.release();
    await expect.poll(() => page.locator('#overlay').isVisible()).toBe(true);
    await expect.poll(() => kept()).toBe(false);
    await expect.poll(() => heading(frame()).textContent().catch(() => '')).toBe('Welcome');
    expect(await shows(EDITED)).toBe(false);
  });

  it('launches the package again when the shown text is undone before the rebuild', async () => {
    gate.hold();
    const before = version();
    writeFileSync(lesson, original.lesson.replace('This course is written in Markdown.', EDITED));
    await expect.poll(() => shows(EDITED), { interval: 25 }).toBe(true);
    writeFileSync(lesson, original.lesson);
    await expect.poll(() => gate.queued).toBeGreaterThan(0);
    gate.release();
    await expect.poll(() => version()).toBeGreaterThan(before);
    await expect.poll(() => kept()).toBe(false);
    await expect.poll(() => heading(frame()).textContent().catch(() => '')).toBe('Welcome');
    expect(await shows(EDITED)).toBe(false);
  });

  it('under the strict cmi5 LMS, leaves the session as it was: the lesson is reported once, and Exit ends the session with nothing refused', async () => {
    await page.locator('#targets input[value="cmi5"]').check();
    await expect.poll(() => frame()?.url() ?? '').toContain('/pkg/mini-course/cmi5/index.html');
    await expect.poll(() => heading(frame()).textContent().catch(() => '')).not.toBe('');
    await frame().evaluate(() => (location.hash = '#/lesson/welcome'));
    await expect.poll(() => heading(frame()).textContent().catch(() => '')).toBe('Welcome');
    await mark();
    const registration = new URL(frame().url()).searchParams.get('registration')!;
    const experienced = () => preview.store.queryStatements({ registration, limit: 1000 }).statements.filter((s) => (s.statement as { verb: { id: string } }).verb.id.endsWith('/experienced')).length;
    await expect.poll(experienced).toBe(1);
    const before = version();
    writeFileSync(lesson, original.lesson.replace('This course is written in Markdown.', EDITED));
    await expect.poll(() => shows(EDITED), { interval: 25 }).toBe(true);
    await expect.poll(() => page.locator('#course-frame').getAttribute('data-version')).toBe(String(before + 1));
    expect(await kept()).toBe(true);
    // Closed at once, while the rebuild's event may still be on its way.
    await frame().getByRole('button', { name: 'Exit' }).click();
    const verbs = () => preview.store.queryStatements({ registration, limit: 1000 }).statements.map((s) => (s.statement as { verb: { id: string } }).verb.id.split('/').pop());
    await expect.poll(verbs).toContain('terminated');
    expect(experienced()).toBe(1);
    expect(preview.store.cmi5.rejections(registration)).toEqual([]);
  });
});
