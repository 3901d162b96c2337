/**
 * Runtime speed in Chromium (Debian's /usr/bin/chromium through playwright-core,
 * launched as the browser tests launch it):
 * - first lesson: a fresh page opens a web build at `#/lesson/<first id>`; the
 *   page records performance.now() (ms since navigation start) when the lesson's
 *   heading enters the DOM;
 * - exam: a 100-question scorm2004 package runs inside an LMS page with
 *   scorm-again; every question is answered, then the page times one dispatched
 *   click on Submit until the results heading is in the DOM and the LMS holds
 *   every interaction (the submit handler is synchronous).
 */
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import yauzl from 'yauzl';
import { launchBrowser } from '../test/support/browser.js';
import { launchInLms, lmsRoutes } from '../test/support/lms.js';
import { serve } from '../test/support/static-server.js';
import { runColdOk, sleep, stat, type Stat } from './measure.js';
import { writeExamCourse } from './stress-course.js';

export interface FirstLessonFigures {
  course: string;
  lesson: string;
  /** Navigation start → lesson heading in the DOM. */
  headingMs: Stat;
  /** Navigation start → first contentful paint (for context). */
  fcpMs: Stat;
}

export interface ExamFigures {
  questions: number;
  interactions: number;
  /** Click on Submit → results heading in the DOM and every interaction at the LMS. */
  submitMs: Stat;
  /** Click on Submit → the next animation frame after it (style, layout and paint included). */
  nextFrameMs: Stat;
}

export interface BrowserFigures {
  chromium: string;
  firstLesson: FirstLessonFigures;
  exam: ExamFigures;
}

/**
 * Wait until `expression` is true in `scope`, asked from outside the page. The packages' CSP
 * forbids eval, which Playwright's waitForFunction needs for an expression: it failed now and
 * then with an EvalError. What is measured is timed inside the page, not by this wait.
 */
export async function untilTrue(scope: Page | Frame, expression: string, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while ((await scope.evaluate(expression).catch(() => false)) !== true) {
    if (performance.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${expression}`);
    await sleep(5);
  }
}

/** Unpack a zip into `dir` (yauzl, as the tests do). */
export function unzip(file: string, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        const target = path.join(dir, ...entry.fileName.split('/'));
        if (entry.fileName.endsWith('/')) {
          mkdirSync(target, { recursive: true });
          return zip.readEntry();
        }
        mkdirSync(path.dirname(target), { recursive: true });
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          stream.pipe(createWriteStream(target)).on('finish', () => zip.readEntry()).on('error', reject);
        });
      });
      zip.on('end', resolve);
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The course JSON embedded in a package page. */
function embeddedCourse(indexHtml: string): { id: string; lessons: Array<{ id: string; title: string }> } {
  const match = /<script[^>]*id="course-data"[^>]*>([\s\S]*?)<\/script>/.exec(indexHtml);
  if (!match) throw new Error('no course-data script in the package page');
  return JSON.parse(match[1]!) as { id: string; lessons: Array<{ id: string; title: string }> };
}

/*
 * The scripts that run in the page are plain JavaScript source: tsx compiles
 * this file with esbuild's keepNames, whose `__name` helper does not exist in
 * the page, so functions serialised from here would fail there.
 */

/** Records when the lesson heading first appears, from before any page script runs. */
const HEADING_OBSERVER = `(() => {
  const observer = new MutationObserver(() => {
    if (window.__benchHeading === undefined && document.querySelector('article.sp-lesson h1')) {
      window.__benchHeading = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

async function firstLesson(browser: Browser, root: string, courseDir: string, work: string, runs: number): Promise<FirstLessonFigures> {
  const out = path.join(work, 'first-lesson');
  await runColdOk(['build', courseDir, '-C', root, '-t', 'web', '--out', out], 'web build for the first-lesson figure');
  const id = path.basename(courseDir);
  const webDir = path.join(out, id, 'web');
  const course = embeddedCourse(readFileSync(path.join(webDir, 'index.html'), 'utf8'));
  const lesson = course.lessons[0]!;
  const server = await serve({ '/': webDir });
  try {
    const heading: number[] = [];
    const fcp: number[] = [];
    for (let i = 0; i <= runs; i++) {
      // A new context per page: empty cache, nothing shared with the previous page.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.addInitScript({ content: HEADING_OBSERVER });
        await page.goto(`${server.origin}/index.html#/lesson/${encodeURIComponent(lesson.id)}`);
        await untilTrue(page, 'window.__benchHeading !== undefined');
        const text = await page.locator('article.sp-lesson h1').first().textContent();
        if (text?.trim() !== lesson.title.trim()) throw new Error(`first lesson heading is "${text}", expected "${lesson.title}"`);
        await untilTrue(page, "performance.getEntriesByName('first-contentful-paint').length > 0");
        const times = (await page.evaluate(`({ heading: window.__benchHeading, fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime })`)) as { heading: number; fcp: number };
        // i = 0 warms up the browser process (not the page: every page is fresh).
        if (i > 0) {
          heading.push(times.heading);
          fcp.push(times.fcp);
        }
      } finally {
        await context.close();
      }
    }
    return { course: id, lesson: lesson.id, headingMs: stat(heading), fcpMs: stat(fcp) };
  } finally {
    await server.close();
  }
}

/** Answer every question on the exam page in one go, through the DOM events a learner's clicks and typing fire. */
export const ANSWER_ALL = `(() => {
  const fire = (el, type) => el.dispatchEvent(new Event(type, { bubbles: true }));
  for (const card of document.querySelectorAll('section[data-qid]')) {
    const body = card.querySelector('.sp-qbody');
    const type = [...body.classList].find((c) => c.startsWith('sp-type-')).slice('sp-type-'.length);
    if (['true-false', 'single', 'likert', 'multiple'].includes(type)) {
      const input = card.querySelector('input');
      input.checked = true;
      fire(input, 'change');
    } else if (['fill-in', 'numeric', 'essay'].includes(type)) {
      const field = card.querySelector('input, textarea');
      field.value = type === 'numeric' ? '42' : type === 'fill-in' ? 'record' : 'I would listen first, check the records, then explain the rules.';
      fire(field, 'input');
      fire(field, 'change');
    } else if (type === 'matching') {
      for (const select of card.querySelectorAll('select')) {
        select.value = select.options[1].value;
        fire(select, 'change');
      }
    } else if (type === 'sequencing') {
      card.querySelector('[data-move="down"]').click();
    } else {
      throw new Error('unknown question type ' + type);
    }
  }
  return document.querySelector('.sp-answered')?.textContent ?? '';
})()`;

/** Click Submit and time it, in the package frame. */
export const TIMED_SUBMIT = `(async () => {
  const lms = parent.lmsCalls;
  const isInteraction = (call) => /^cmi\\.interactions\\.\\d+\\.id$/.test(call[0] ?? '');
  const before = lms.filter(isInteraction).length;
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Submit my answers');
  if (!button) throw new Error('no Submit button');
  const rendered = () => document.querySelector('main h1')?.textContent === 'Exam results';
  const started = performance.now();
  button.click();
  let done = performance.now();
  // Synchronous in this player; should that change, wait (and count the wait) rather than misreport.
  for (let i = 0; i < 1000 && !rendered(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    done = performance.now();
  }
  const interactions = lms.filter(isInteraction).length - before;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { ms: done - started, nextFrameMs: performance.now() - started, rendered: rendered(), interactions };
})()`;

export interface SubmitTiming {
  ms: number;
  nextFrameMs: number;
  rendered: boolean;
  interactions: number;
}

async function exam(browser: Browser, work: string, runs: number): Promise<ExamFigures> {
  const root = path.join(work, 'exam-project');
  const course = writeExamCourse(root, 'exam-100', 100);
  const out = path.join(work, 'exam-out');
  await runColdOk(['build', '-C', root, '-t', 'scorm2004', '--out', out], '100-question exam course');
  const pkg = path.join(work, 'exam-pkg');
  await unzip(path.join(out, course.id, `${course.id}-scorm2004.zip`), pkg);
  const server = await serve({ '/pkg/': pkg }, lmsRoutes);
  try {
    const submit: number[] = [];
    const frame: number[] = [];
    let interactions = 0;
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        const sco: Frame = await launchInLms(page, server.origin, { version: '2004', src: '/pkg/index.html' });
        await sco.waitForSelector('main h1', { timeout: 15_000 });
        await sco.evaluate(`location.hash = '#/exam'`);
        await sco.getByRole('button', { name: 'Start attempt 1' }).click();
        await untilTrue(sco, `document.querySelectorAll('section[data-qid]').length === ${course.examQuestions}`);
        const answered = (await sco.evaluate(ANSWER_ALL)) as string;
        if (answered !== `${course.examQuestions} of ${course.examQuestions} answered`) throw new Error(`the scripted learner left questions open: "${answered}"`);
        const result = (await sco.evaluate(TIMED_SUBMIT)) as SubmitTiming;
        if (!result.rendered) throw new Error('the results screen did not appear after Submit');
        if (result.interactions !== course.examQuestions) throw new Error(`the LMS received ${result.interactions} interactions, expected ${course.examQuestions}`);
        interactions = result.interactions;
        if (i > 0) {
          submit.push(result.ms);
          frame.push(result.nextFrameMs);
        }
      } finally {
        await context.close();
      }
    }
    return { questions: course.examQuestions, interactions, submitMs: stat(submit), nextFrameMs: stat(frame) };
  } finally {
    await server.close();
  }
}

/**
 * Both browser figures.
 * @param root project folder of the real course
 * @param courseDir the real course whose first lesson is opened
 * @param runs fresh pages per figure (after one warm-up page)
 * @param progress progress lines
 */
export async function browserFigures(root: string, courseDir: string, runs: number, progress: (line: string) => void): Promise<BrowserFigures> {
  const work = mkdtempSync(path.join(tmpdir(), 'skillpack-bench-browser-'));
  const browser = await launchBrowser();
  try {
    progress('browser: first lesson');
    const first = await firstLesson(browser, root, courseDir, work, runs);
    progress('browser: 100-question exam');
    const scored = await exam(browser, work, runs);
    return { chromium: browser.version(), firstLesson: first, exam: scored };
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}
