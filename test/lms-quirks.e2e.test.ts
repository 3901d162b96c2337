/**
 * The LMS quirks matrix: each row runs a package in Chromium inside an LMS
 * page whose scorm-again API is wrapped to imitate a quirk seen in real LMSs.
 * For each: the expected data ends up in the LMS, or the learner is told
 * clearly, and no answer already given is lost.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Course, Question, Response } from '../src/course/model.js';
import { bankQuestions } from '../src/runtime/draw.js';
import { encodeState, type ResumeState } from '../src/runtime/state.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { it, poll } from './support/concurrent.js';
import { answer, drawnIds, heading, questionsOf, startAttempt, takeAttempt, viewAllLessons } from './support/learner.js';
import { closePackage, interactions, launchInLms, launchInPopup, lmsCalls, lmsData, lmsJson, lmsRoutes, quirkWrapper } from './support/lms.js';
import { newTestPage, servePackages } from './support/harness.js';
import type { RunningServer } from './support/static-server.js';

let course: Course;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ({ course, server } = await servePackages(['scorm12', 'scorm2004', 'xapi'], lmsRoutes));
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
  await server?.close();
});

const newPage = () => newTestPage(browser);

const notices = (scope: Page | Frame) => scope.locator('.sp-notice').allTextContents();

/** Some valid (not necessarily right) response to a question, as resume state keeps it. */
function someResponse(question: Question): Response {
  switch (question.type) {
    case 'true-false':
      return { type: 'true-false', value: true };
    case 'single':
    case 'multiple':
      return question.type === 'single' ? { type: 'single', value: question.choices[0]!.id } : { type: 'multiple', value: [question.choices[0]!.id] };
    case 'fill-in':
    case 'essay':
      return { type: question.type, value: 'draft' };
    case 'numeric':
      return { type: 'numeric', value: 1 };
    case 'matching':
      return { type: 'matching', value: [[question.sources[0]!.id, question.targets[0]!.id]] };
    case 'sequencing':
      return { type: 'sequencing', value: question.items.map((i) => i.id) };
    case 'likert':
      return { type: 'likert', value: question.scale[0]!.id };
  }
}

/**
 * The edition published before the one under test: its first lesson only (the second is new
 * since), and one more bank question, `retired`, first in the bank (removed since).
 */
function earlierEdition(): Course {
  const old = structuredClone(course);
  old.lessons = old.lessons.slice(0, 1);
  const retired: Question = { id: 'retired', type: 'true-false', points: 1, answer: true, prompt: '<p>Retired</p>', promptText: 'Retired', feedback: {} };
  old.banks[0]!.questions.unshift(retired);
  return old;
}

/** Resume state saved by the earlier edition: lesson 1 read, attempt 1 failed, attempt 2 running on `drawn` with 3 answers. */
function savedByEarlierEdition(old: Course, drawn: string[], extra: Partial<ResumeState> = {}): string {
  const all = bankQuestions(old);
  const questions = drawn.map((id) => all.findIndex((q) => q.id === id));
  const state: ResumeState = {
    viewed: [true],
    place: { view: 'exam' },
    completed: false,
    passed: false,
    attemptsUsed: 2,
    history: [{ attempt: 1, raw: 2, max: 9, passed: false }],
    current: { attempt: 2, questions, orders: questions.map(() => ''), answers: questions.map((i, n) => (n < 3 ? someResponse(all[i]!) : null)), elapsed: 30, submitted: false },
    ...extra,
  };
  return encodeState(old, state);
}

describe.concurrent('LMS quirks', () => {
  it('an LMS that refuses every call: the learner is told, and progress stays in the browser', async () => {
    const page = await newPage();
    const frame = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html', wrap: quirkWrapper('1.2', { refuseEverything: true }) });
    await poll(() => notices(frame)).toContainEqual(expect.stringContaining('did not accept the connection'));
    await viewAllLessons(frame, course);
    await takeAttempt(frame, course, 1, true);
    const saved = await frame.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('skillpack:')).length);
    expect(saved).toBeGreaterThan(0);
    await page.context().close();
  });

  it('interactions not supported: status and score are still recorded, without alarming the learner', async () => {
    const page = await newPage();
    const frame = await launchInLms(page, server.origin, { version: '2004', src: '/pkg/scorm2004/index.html', seed: { scaled_passing_score: '0.6' }, wrap: quirkWrapper('2004', { refuseElements: '^cmi\\.interactions' }) });
    await viewAllLessons(frame, course);
    await takeAttempt(frame, course, 1, true);
    const data = await lmsData(page);
    expect(data['cmi.success_status']).toBe('passed');
    expect(data['cmi.completion_status']).toBe('completed');
    expect(Number(data['cmi.score.scaled'])).toBe(1);
    expect(interactions(data)).toHaveLength(0);
    expect((await notices(frame)).join(' ')).not.toContain('error');
    await page.context().close();
  });

  it('a refused status: the learner is told that results were not saved', async () => {
    const page = await newPage();
    const frame = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html', wrap: quirkWrapper('1.2', { refuseElements: '^cmi\\.core\\.lesson_status' }) });
    await viewAllLessons(frame, course);
    await poll(() => notices(frame)).toContainEqual(expect.stringContaining('reported an error while saving'));
    await page.context().close();
  });

  it('no mastery score from the LMS: the course pass mark decides', async () => {
    const page = await newPage();
    const frame = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html' });
    await viewAllLessons(frame, course);
    await takeAttempt(frame, course, 1, false);
    // Below the course's pass mark, with attempts left: still open, no score.
    expect((await lmsData(page))['cmi.core.lesson_status']).toBe('incomplete');
    await takeAttempt(frame, course, 2, true);
    const data = await lmsData(page);
    expect(data['cmi.core.lesson_status']).toBe('passed');
    expect(data['cmi.core.score.raw']).toBe('100');
    await page.context().close();
  });

  it('a commit that fails once: the learner is told, and the next commit saves everything', async () => {
    const page = await newPage();
    const frame = await launchInLms(page, server.origin, { version: '2004', src: '/pkg/scorm2004/index.html', seed: { scaled_passing_score: '0.6' }, wrap: quirkWrapper('2004', { failCommits: 1 }) });
    await viewAllLessons(frame, course);
    await poll(() => notices(frame)).toContainEqual(expect.stringContaining('did not save your latest progress'));
    await takeAttempt(frame, course, 1, true);
    await frame.getByRole('button', { name: 'Exit' }).click();
    const calls = await page.evaluate(() => (window as unknown as { lmsCalls: string[][] }).lmsCalls.filter((c) => c[0] === 'Commit').length);
    expect(calls).toBeGreaterThanOrEqual(1); // commits after the failed one reached the LMS
    const data = await lmsData(page);
    expect(data['cmi.success_status']).toBe('passed');
    expect(data['cmi.suspend_data']!.length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('the API only in the opener window: found and used', async () => {
    const page = await newPage();
    const popup = await launchInPopup(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html', seed: { student_data: { mastery_score: '60' } } });
    await viewAllLessons(popup, course);
    await takeAttempt(popup, course, 1, true);
    const data = await lmsData(page);
    expect(data['cmi.core.lesson_status']).toBe('passed');
    expect(interactions(data).length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('an xAPI launch URL that lost its query string: the course runs and says where progress is kept', async () => {
    const page = await newPage();
    await page.goto(`${server.origin}/pkg/xapi/index.html`);
    await poll(() => notices(page)).toContainEqual(expect.stringContaining('No learning platform was found'));
    await viewAllLessons(page, course);
    await page.context().close();
  });

  it('the frame unloaded mid-exam: the answers given come back on the next launch', async () => {
    const page = await newPage();
    const frame = await launchInLms(page, server.origin, { version: '2004', src: '/pkg/scorm2004/index.html' });
    await viewAllLessons(frame, course);
    const drawn = await startAttempt(frame, 1);
    const questions = questionsOf(course);
    for (const id of drawn.slice(0, 4)) await answer(frame, questions.get(id)!, true);
    await closePackage(page);
    const saved = await lmsJson(page);
    expect(saved.exit).toBe('suspend');
    const next = await launchInLms(page, server.origin, { version: '2004', src: '/pkg/scorm2004/index.html', seed: { entry: 'resume', suspend_data: saved.suspend_data, location: saved.location } });
    await poll(() => heading(next).textContent()).toBe('Final exam');
    expect(await drawnIds(next)).toEqual(drawn);
    await poll(() => next.locator('.sp-answered').textContent()).toBe(`4 of ${drawn.length} answered`);
    await page.context().close();
  });

  it('suspend_data that comes back truncated or corrupt: a clean start with a message, never a crash', async () => {
    const page = await newPage();
    const first = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html' });
    await viewAllLessons(first, course);
    await closePackage(page);
    const saved = (await lmsJson(page)).suspend_data as string;
    for (const damaged of [saved.slice(0, Math.floor(saved.length / 2)), `${saved.slice(0, -3)}zzz`, '%%%not-state%%%']) {
      const frame = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html', seed: { core: { entry: 'resume' }, suspend_data: damaged } });
      await poll(() => notices(frame)).toContainEqual(expect.stringContaining('could not be read'));
      await poll(() => heading(frame).textContent()).toBe(course.title);
      await viewAllLessons(frame, course); // and the course works from a clean start
    }
    await page.context().close();
  });

  it('corrupt suspend_data after every exam attempt was used never grants fresh attempts', async () => {
    const page = await newPage();
    // The LMS recorded the final fail (the package reports failed only once every attempt is used).
    const frame = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html', seed: { core: { entry: 'resume', lesson_status: 'failed', score: { raw: '40' } }, suspend_data: '%%%not-state%%%' } });
    await poll(() => notices(frame)).toContainEqual(expect.stringContaining('could not be read'));
    await frame.evaluate(() => (location.hash = '#/exam'));
    await poll(() => frame.locator('main').innerText()).toContain(`You have used all ${course.exam!.attempts} attempts`);
    expect(await frame.getByRole('button', { name: /Start attempt/ }).count()).toBe(0);
    await page.context().close();
  });

  it('a republished package relaunched with the old suspend_data: progress carried over, the learner told what changed', async () => {
    const page = await newPage();
    const old = earlierEdition();
    // Sequencing questions always get an order of their own: leave them out of this draw.
    const drawn = bankQuestions(course).filter((q) => q.type !== 'sequencing').map((q) => q.id).slice(0, 6);
    const frame = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html', seed: { core: { entry: 'resume', lesson_status: 'incomplete' }, suspend_data: savedByEarlierEdition(old, drawn) } });
    await poll(() => notices(frame)).toContainEqual(expect.stringContaining('has been updated since your last visit'));
    expect(await notices(frame)).toContainEqual(expect.stringContaining('New lessons: 1.'));
    expect((await notices(frame)).join(' ')).not.toContain('could not be read');
    // The lesson read before is still read; the running attempt is the same one, with its answers.
    expect(await frame.locator('.sp-nav-list li.sp-done').count()).toBe(1);
    await poll(() => heading(frame).textContent()).toBe('Final exam');
    expect(await drawnIds(frame)).toEqual(drawn);
    await poll(() => frame.locator('.sp-answered').textContent()).toBe(`3 of ${drawn.length} answered`);
    // Saved again in this edition's format.
    await closePackage(page);
    expect(((await lmsJson(page)).suspend_data as string).startsWith('2~')).toBe(true);
    await page.context().close();
  });

  it('a republish that removed a question of the running attempt: the attempt is closed and does not count; the attempt limit is never reset', async () => {
    const page = await newPage();
    const old = earlierEdition();
    const drawn = ['retired', ...bankQuestions(course).slice(0, 7).map((q) => q.id)];
    const frame = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html', seed: { core: { entry: 'resume', lesson_status: 'incomplete' }, suspend_data: savedByEarlierEdition(old, drawn) } });
    await poll(() => notices(frame)).toContainEqual(expect.stringContaining('unfinished exam attempt was closed'));
    await frame.evaluate(() => (location.hash = '#/exam'));
    // Attempt 1 stays used; attempt 2 was closed, so it is drawn afresh as attempt 2.
    await poll(() => frame.getByRole('button', { name: 'Start attempt 2' }).count()).toBe(1);

    // Every attempt used before the republish: still used after it.
    const failedOut = savedByEarlierEdition(old, drawn, {
      attemptsUsed: 3,
      history: [1, 2, 3].map((attempt) => ({ attempt, raw: 2, max: 9, passed: false })),
      current: null,
      place: { view: 'exam' },
    });
    const again = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html', seed: { core: { entry: 'resume', lesson_status: 'incomplete' }, suspend_data: failedOut } });
    await poll(() => notices(again)).toContainEqual(expect.stringContaining('has been updated since your last visit'));
    await again.evaluate(() => (location.hash = '#/exam'));
    await poll(() => again.locator('main').innerText()).toContain(`You have used all ${course.exam!.attempts} attempts`);
    expect(await again.getByRole('button', { name: /Start attempt/ }).count()).toBe(0);
    await page.context().close();
  });

  it('a pass written into the resume data by hand is not shown as a pass, nor its certificate, unless the LMS recorded it', async () => {
    const page = await newPage();
    const all = bankQuestions(course);
    const questions = all.slice(0, 8).map((_, i) => i);
    const forged: ResumeState = {
      viewed: course.lessons.map(() => true),
      place: { view: 'results' },
      completed: true,
      passed: true,
      attemptsUsed: 1,
      history: [{ attempt: 1, raw: 9, max: 9, passed: true }],
      current: { attempt: 1, questions, orders: questions.map(() => ''), answers: questions.map((i) => someResponse(all[i]!)), elapsed: 60, submitted: true },
    };
    const suspend = encodeState(course, forged); // a valid checksum: what an editing learner would produce
    const frame = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html', seed: { core: { entry: 'resume', lesson_status: 'incomplete' }, suspend_data: suspend } });
    await poll(() => heading(frame).textContent()).toBe('Exam results');
    await poll(() => frame.locator('.sp-score .sp-badge').textContent()).toBe('Not confirmed');
    expect(await frame.locator('main').innerText()).toContain('The learning platform (SCORM 1.2) has not confirmed this result');
    expect(await frame.locator('.sp-certificate').count()).toBe(0);

    // The same data where the LMS holds the pass: shown as a pass, with the certificate.
    const confirmed = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html', seed: { core: { entry: 'resume', lesson_status: 'passed', score: { raw: '100' } }, suspend_data: suspend } });
    await poll(() => heading(confirmed).textContent()).toBe('Exam results');
    await poll(() => confirmed.locator('.sp-score .sp-badge').textContent()).toBe('Passed');
    expect(await confirmed.locator('.sp-certificate').count()).toBe(1);
    await page.context().close();
  });

  it('a second launch after completion, in review mode: results shown, no status downgrade', async () => {
    const page = await newPage();
    const frame = await launchInLms(page, server.origin, { version: '1.2', src: '/pkg/scorm12/index.html', seed: { student_data: { mastery_score: '60' } } });
    await viewAllLessons(frame, course);
    await takeAttempt(frame, course, 1, true);
    await frame.getByRole('button', { name: 'Exit' }).click();
    const done = await lmsJson(page);
    expect(done.core.lesson_status).toBe('passed');
    const countBefore = interactions(await lmsData(page)).length;

    for (const mode of ['review', 'normal'] as const) {
      const again = await launchInLms(page, server.origin, {
        version: '1.2',
        src: '/pkg/scorm12/index.html',
        seed: { core: { entry: 'resume', lesson_status: 'passed', lesson_mode: mode, score: { raw: '100', min: '0', max: '100' } }, suspend_data: done.suspend_data, student_data: { mastery_score: '60' } },
      });
      await poll(() => heading(again).textContent()).toBeTruthy();
      if (mode === 'review') await poll(() => notices(again)).toContainEqual(expect.stringContaining('Review mode'));
      await again.evaluate(() => (location.hash = '#/lesson/welcome'));
      await again.evaluate(() => (location.hash = '#/results'));
      await poll(() => again.locator('main').innerText()).toContain('Passed');
      await closePackage(page);
      // Review changes nothing: not one value written, no commit.
      if (mode === 'review') expect((await lmsCalls(page)).filter((c) => c[0]!.startsWith('cmi.') || c[0] === 'LMSCommit')).toEqual([]);
      const data = await lmsData(page);
      expect(data['cmi.core.lesson_status'], mode).toBe('passed');
      expect(interactions(data).length, mode).toBeLessThanOrEqual(countBefore);
    }
    await page.context().close();
  });
});
