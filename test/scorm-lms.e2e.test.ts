/**
 * SCORM packages in a real LMS runtime: each package is built, unzipped and
 * served over HTTP inside an LMS page whose API is scorm-again's, in headless
 * Chromium. A scripted learner views the lessons and fails then passes the
 * exam; the tests read what scorm-again holds.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../src/course/model.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { answer, drawnIds, heading, questionsOf, startAttempt, takeAttempt, viewAllLessons } from './support/learner.js';
import { closePackage, interactions, launchInLms, lmsCalls, lmsData, lmsJson, lmsRoutes } from './support/lms.js';
import { newTestPage, servePackages } from './support/harness.js';
import type { RunningServer } from './support/static-server.js';

let course: Course;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ({ course, server } = await servePackages(['scorm12', 'scorm2004'], lmsRoutes));
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
  await server?.close();
});

const newPage = () => newTestPage(browser);

/** adl.nav.request as scorm-again holds it (outside the cmi tree). */
const navRequest = (page: Page) => page.evaluate(() => (window as unknown as { lmsApi: { adl: { nav: { request: string } } } }).lmsApi.adl.nav.request);

const CMI_TIMESPAN = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
const CMI_TIME = /^\d{2}:\d{2}:\d{2}(\.\d{1,2})?$/;
const ISO_DURATION = /^P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;

/** SCORM 1.2 response formats (RTE §3.4, CMIFeedback): single characters, "," and ".". */
const SCORM12_RESPONSE: Record<string, RegExp> = {
  'true-false': /^[01tf]$/,
  choice: /^[0-9a-z](,[0-9a-z])*$/,
  'fill-in': /^.{0,255}$/s,
  numeric: /^-?\d+(\.\d+)?$/,
  likert: /^[0-9a-z]$/,
  matching: /^[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*$/,
  sequencing: /^[0-9a-z](,[0-9a-z])*$/,
};

describe('SCORM 1.2 package in scorm-again', () => {
  it('reports lessons, a failed then a passed attempt with every interaction, and ends cleanly', async () => {
    const page = await newPage();
    const frame = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html', seed: { core: { student_id: 'u-1', student_name: 'Chen, Mei' }, student_data: { mastery_score: '60' } } });
    // Clicked through with the mouse, as most learners work (the other journeys use keys).
    await viewAllLessons(frame, course, 'mouse');
    let data = await lmsData(page);
    expect(data['cmi.core.lesson_location']).toBe(`lesson:${course.lessons.at(-1)!.id}`);
    expect(data['cmi.core.lesson_status']).toBe('incomplete');

    const first = await takeAttempt(frame, course, 1, false, 'mouse');
    data = await lmsData(page);
    // Attempts remain: not failed (an LMS would close the attempt) and no score an LMS could turn into failed.
    expect(data['cmi.core.lesson_status']).toBe('incomplete');
    expect(data['cmi.core.score.raw']).toBe('');
    expect(data['cmi.core.exit']).toBe('suspend');
    let list = interactions(data);
    expect(list).toHaveLength(first.length);

    const second = await takeAttempt(frame, course, 2, true, 'mouse');
    data = await lmsData(page);
    expect(data['cmi.core.lesson_status']).toBe('passed');
    expect(data['cmi.core.score.raw']).toBe('100');
    expect([data['cmi.core.score.min'], data['cmi.core.score.max']]).toEqual(['0', '100']);
    list = interactions(data);
    expect(list).toHaveLength(first.length + second.length);
    const questions = questionsOf(course);
    for (const [i, item] of list.entries()) {
      const attempt = i < first.length ? 1 : 2;
      const id = (attempt === 1 ? first : second)[attempt === 1 ? i : i - first.length]!;
      const question = questions.get(id)!;
      expect(item.id).toBe(`${id}_a${attempt}`);
      expect(item.id).toMatch(/^[A-Za-z0-9_-]{1,255}$/);
      expect(item.type).toMatch(/^(true-false|choice|fill-in|matching|performance|sequencing|likert|numeric)$/);
      if (SCORM12_RESPONSE[item.type!]) expect(item.student_response, `${id} response`).toMatch(SCORM12_RESPONSE[item.type!]!);
      const unscored = question.type === 'likert' || question.type === 'essay';
      expect(item.result).toBe(unscored ? 'neutral' : attempt === 1 ? 'wrong' : 'correct');
      expect(item.weighting).toBe(String(question.points));
      expect(item.latency).toMatch(CMI_TIMESPAN);
      expect(item.time).toMatch(CMI_TIME);
      if (!unscored && !(question.type === 'numeric' && question.min !== question.max)) {
        expect(item['correct_responses.0.pattern'], `${id} pattern`).toMatch(SCORM12_RESPONSE[item.type!] ?? /.*/);
      }
    }

    // Score before status, every time (LMSs compare raw with mastery_score when the status is set).
    const calls = await lmsCalls(page);
    const lastRaw = calls.map((c) => c[0]).lastIndexOf('cmi.core.score.raw');
    const lastStatus = calls.map((c) => c[0]).lastIndexOf('cmi.core.lesson_status');
    expect(lastRaw).toBeLessThan(lastStatus);

    await frame.getByRole('button', { name: 'Exit' }).click();
    await expect.poll(() => heading(frame).textContent()).not.toBe('Exam results');
    data = await lmsData(page);
    expect(data['cmi.core.session_time']).toMatch(CMI_TIMESPAN);
    expect(data['cmi.core.exit']).toBe('');
    expect(data['cmi.suspend_data']!.length).toBeGreaterThan(0);
    expect(data['cmi.suspend_data']!.length).toBeLessThanOrEqual(4096);
    const after = await lmsCalls(page);
    expect(after.filter((c) => c[0] === 'LMSFinish')).toHaveLength(1);
    expect(after.at(-1)).toEqual(['LMSFinish']);
    expect(after.filter((c) => c[0] === 'LMSCommit').length).toBeGreaterThan(2);
    await page.context().close();
  });

  it('resumes where the learner closed the window, with the same questions and answers', async () => {
    const page = await newPage();
    const frame = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html', seed: { student_data: { mastery_score: '60' } } });
    await viewAllLessons(frame, course);
    const drawn = await startAttempt(frame, 1);
    const questions = questionsOf(course);
    for (const id of drawn.slice(0, 3)) await answer(frame, questions.get(id)!, true);
    await closePackage(page);
    const saved = await lmsJson(page);
    const data = await lmsData(page);
    expect(data['cmi.core.exit']).toBe('suspend');
    expect(data['cmi.core.session_time']).toMatch(CMI_TIMESPAN);
    expect(saved.suspend_data.length).toBeLessThanOrEqual(4096);

    const next = await launchInLms(page, server.origin, {
      version: '1.2',
      src: '/pkg/scorm12/index.html',
      seed: { core: { entry: 'resume', lesson_location: saved.core.lesson_location, lesson_status: 'incomplete' }, suspend_data: saved.suspend_data, student_data: { mastery_score: '60' } },
    });
    await expect.poll(() => heading(next).textContent()).toBe('Final exam');
    expect(await drawnIds(next)).toEqual(drawn);
    await expect.poll(() => next.locator('.sp-answered').textContent()).toBe(`3 of ${drawn.length} answered`);
    await expect.poll(() => next.locator('.sp-progress-text').textContent()).toBe(`${course.lessons.length} of ${course.lessons.length} lessons viewed`);

    // entry=ab-initio means a new start, whatever suspend_data still holds.
    const fresh = await launchInLms(page, server.origin, {
      version: '1.2',
      src: '/pkg/scorm12/index.html',
      seed: { core: { entry: 'ab-initio', lesson_status: 'incomplete' }, suspend_data: saved.suspend_data, student_data: { mastery_score: '60' } },
    });
    await expect.poll(() => heading(fresh).textContent()).toBe(course.title);
    await expect.poll(() => fresh.locator('.sp-progress-text').textContent()).toBe(`0 of ${course.lessons.length} lessons viewed`);
    await page.context().close();
  });
});

describe('SCORM 2004 4th edition package in scorm-again', () => {
  it('reports completion and success separately, scaled scores and interactions in 2004 formats', async () => {
    const page = await newPage();
    const frame = await launchInLms(page, server.origin, { version: '2004', src: '/pkg/scorm2004/index.html', seed: { learner_id: 'u-2', learner_name: 'Wang, Lei', scaled_passing_score: '0.6' } });
    // Clicked through with the mouse, as most learners work (the other journeys use keys).
    await viewAllLessons(frame, course, 'mouse');
    let data = await lmsData(page);
    // Every lesson viewed, the exam still to pass: incomplete, and progress below 1 to match.
    expect(data['cmi.completion_status']).toBe('incomplete');
    expect(Number(data['cmi.progress_measure'])).toBeGreaterThan(0);
    expect(Number(data['cmi.progress_measure'])).toBeLessThan(1);
    expect([data['cmi.exit'], await navRequest(page)]).toEqual(['suspend', 'suspendAll']);

    const first = await takeAttempt(frame, course, 1, false, 'mouse');
    data = await lmsData(page);
    // Attempts remain: the attempt stays open (suspended), with no failed status or score yet.
    expect(data['cmi.success_status']).toBe('unknown');
    expect(data['cmi.completion_status']).toBe('incomplete');
    expect(data['cmi.score.scaled']).toBe('');
    expect(data['cmi.exit']).toBe('suspend');

    const second = await takeAttempt(frame, course, 2, true, 'mouse');
    data = await lmsData(page);
    expect(data['cmi.success_status']).toBe('passed');
    expect(data['cmi.completion_status']).toBe('completed');
    expect(Number(data['cmi.progress_measure'])).toBe(1);
    expect(Number(data['cmi.score.scaled'])).toBe(1);
    // raw is a percentage, as gradebooks read it (Moodle grades raw out of 100).
    expect([data['cmi.score.raw'], data['cmi.score.min'], data['cmi.score.max']]).toEqual(['100', '0', '100']);
    // Still suspended, final or not: LMSs hand a SCO's data back only after a suspend.
    expect([data['cmi.exit'], await navRequest(page)]).toEqual(['suspend', 'suspendAll']);
    const list = interactions(data);
    expect(list).toHaveLength(first.length + second.length);
    for (const item of list) {
      expect(item.id).toMatch(/^urn:skillpack:mini-course:[\w-]+:[12]$/);
      expect(item.type).toMatch(/^(true-false|choice|fill-in|long-fill-in|matching|performance|sequencing|likert|numeric|other)$/);
      expect(item.result).toMatch(/^(correct|incorrect|neutral)$/);
      // Only what reports show: each field of each answer is re-posted with every commit by some LMSs.
      expect([item.weighting, item.latency, item.timestamp, item.description].filter(Boolean)).toEqual([]);
      if (item.type === 'true-false') expect(item.learner_response).toMatch(/^(true|false)$/);
      if (item.type === 'matching') expect(item['correct_responses.0.pattern']).toMatch(/^\w\[\.\]\w(\[,\]\w\[\.\]\w)*$/);
      if (item.type === 'choice' || item.type === 'sequencing') expect(item.learner_response).toMatch(/^\w(\[,\]\w)*$/);
    }

    await frame.getByRole('button', { name: 'Exit' }).click();
    await expect.poll(async () => (await lmsCalls(page)).at(-1)).toEqual(['Terminate']);
    data = await lmsData(page);
    expect(data['cmi.session_time']).toMatch(ISO_DURATION);
    expect(data['cmi.exit']).toBe('suspend');
    await page.context().close();
  });
});
