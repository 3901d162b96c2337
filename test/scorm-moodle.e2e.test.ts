/**
 * The SCORM packages in a Moodle 4.x profile of the test LMS (test/support/lms.ts,
 * templates/preview/moodle-profile.js): Moodle's review-mode relaunch, its
 * entry/suspend_data rules, raw/100 grading, the 1.2 mastery override at LMSFinish,
 * what it stores only at Commit/Finish, and the ~64 KB budget for beacons sent while
 * a page unloads. Each scenario drives the mini course (2 lessons, 8-question exam,
 * pass mark 60 %, 3 attempts, completion lessons-and-exam) through one or more
 * sessions, then checks the record a partner institution sees.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Course } from '../src/course/model.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { it, poll } from './support/concurrent.js';
import { answer, clickFarDown, drawnIds, heading, questionsOf, startAttempt, submit, takeAttempt, viewAllLessons, type Scope } from './support/learner.js';
import { lmsRoutes, MoodleSite, type ScormVersion } from './support/lms.js';
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

/** A Moodle site with the package imported as the README says; the mastery score comes from the manifest. */
const moodle = (version: ScormVersion) =>
  new MoodleSite({ version, src: `/pkg/${version === '1.2' ? 'scorm12' : 'scorm2004'}/index.html`, mastery: version === '1.2' ? 60 : 0.6, learner: { id: 'u-7', name: 'Chen, Mei' } });

const tracksOf = (site: MoodleSite) => site.record.attempts.at(-1)!.tracks;
const rawOf = (site: MoodleSite, version: ScormVersion) => tracksOf(site)[version === '1.2' ? 'cmi.core.score.raw' : 'cmi.score.raw'];

/** Open lessons by address, as a learner using the menu would, wherever the course opened. */
async function visitLessons(scope: Scope, lessons: Course['lessons']): Promise<void> {
  for (const lesson of lessons) {
    await scope.evaluate((id) => (location.hash = `#/lesson/${id}`), lesson.id);
    await poll(() => heading(scope).textContent()).toBe(lesson.title);
  }
}

async function exit(scope: Scope): Promise<void> {
  await scope.getByRole('button', { name: 'Exit' }).click();
}

/** What every finished scenario must show: nothing refused, nothing lost while the page unloaded. */
function expectNothingLost(site: MoodleSite): void {
  const report = site.report();
  expect(report.refused, 'calls Moodle refused').toEqual([]);
  expect(report.beaconsDropped, 'unload beacons past the budget').toBe(0);
}

describe.concurrent.each(['1.2', '2004'] as const)('SCORM %s package in Moodle', (version) => {
  const v12 = version === '1.2';

  it('pass: the gradebook shows the score out of 100, the record is passed and complete, every answer is there', async () => {
    const page = await newTestPage(browser);
    const site = moodle(version);
    const frame = await site.launch(page, server.origin);
    await viewAllLessons(frame, course);
    const drawn = await takeAttempt(frame, course, 1, true);
    await exit(frame);
    await site.finished();

    const report = site.report();
    expect(report.grade).toBe(100);
    if (v12) expect(report.status).toBe('passed');
    else expect([report.status, report.success]).toEqual(['completed', 'passed']);
    expect(report.totalTime).not.toBe('');
    expect(report.interactions.map((i) => i.id)).toEqual(drawn.map((id) => (v12 ? `${id}_a1` : `urn:skillpack:mini-course:${id}:1`)));
    if (!v12) expect([tracksOf(site)['cmi.exit'], tracksOf(site)['adl.nav.request'], tracksOf(site)['cmi.progress_measure']]).toEqual(['normal', 'exitAll', '1.0000']);
    expectNothingLost(site);
    await page.context().close();
  });

  it('fail, close the window, come back and pass: the failed attempt stays retakable and is never graded', async () => {
    const page = await newTestPage(browser);
    const site = moodle(version);
    let scope = await site.launch(page, server.origin);
    await viewAllLessons(scope, course);
    const first = await takeAttempt(scope, course, 1, false);
    await site.sync();
    // Attempts remain: no failed status and no score that Moodle could turn into one.
    expect(tracksOf(site)[v12 ? 'cmi.core.lesson_status' : 'cmi.success_status']).toBe(v12 ? 'incomplete' : 'unknown');
    expect(rawOf(site, version)).toBeUndefined();
    await site.close(scope);
    await site.finished();
    expect(site.report().status).toBe('incomplete');
    expect(site.report().grade).toBeNull();

    scope = await site.launch(page, server.origin);
    expect([site.last!.mode, site.last!.entry]).toEqual(['normal', 'resume']);
    const second = await takeAttempt(scope, course, 2, true);
    await exit(scope);
    await site.finished();

    const report = site.report();
    expect(report.grade).toBe(100);
    expect(v12 ? report.status : report.success).toBe('passed');
    expect(report.interactions).toHaveLength(first.length + second.length);
    expect(report.totalTime).not.toBe('');
    expectNothingLost(site);
    await page.context().close();
  });

  it('fail out: every attempt used, the record is failed with the last score, and the next launch is review', async () => {
    const page = await newTestPage(browser);
    const site = moodle(version);
    let scope = await site.launch(page, server.origin);
    await viewAllLessons(scope, course);
    let drawn = 0;
    for (const attempt of [1, 2, 3]) drawn += (await takeAttempt(scope, course, attempt, false)).length;
    await poll(() => scope.locator('main').innerText()).toContain('You have no attempts left.');
    await exit(scope);
    await site.finished();

    const report = site.report();
    expect(v12 ? report.status : report.success).toBe('failed');
    if (!v12) expect([report.status, tracksOf(site)['cmi.exit'], tracksOf(site)['adl.nav.request']]).toEqual(['incomplete', 'normal', 'exitAll']);
    expect(report.grade).not.toBeNull();
    expect(report.grade!).toBeLessThan(60);
    expect(report.interactions).toHaveLength(drawn);
    expectNothingLost(site);

    const before = structuredClone(site.record);
    scope = await site.launch(page, server.origin);
    expect(site.last!.mode).toBe('review');
    await poll(() => scope.locator('main').innerText()).toContain('Not passed');
    await site.close(scope);
    await site.finished();
    expect(site.record).toEqual(before);
    await page.context().close();
  });

  it('skip the lessons and pass the exam: not passed until the lessons are done, then passed', async () => {
    const page = await newTestPage(browser);
    const site = moodle(version);
    let scope = await site.launch(page, server.origin);
    await poll(() => heading(scope).textContent()).toBe(course.title);
    await takeAttempt(scope, course, 1, true);
    await site.close(scope);
    await site.finished();
    // Lessons-and-exam: the pass is not the course's outcome yet, so nothing a gradebook or
    // Moodle's mastery override could turn into "passed" was written.
    let report = site.report();
    expect(report.status).toBe('incomplete');
    expect(report.success).toBe(v12 ? '' : 'unknown');
    expect(report.grade).toBeNull();

    scope = await site.launch(page, server.origin);
    expect(site.last!.mode).toBe('normal');
    await visitLessons(scope, course.lessons);
    await site.sync();
    report = site.report();
    expect(report.grade).toBe(100);
    if (v12) expect(report.status).toBe('passed');
    else expect([report.status, report.success]).toEqual(['completed', 'passed']);
    await site.close(scope);
    await site.finished();
    expect(site.report().grade).toBe(100);
    expect(site.report().totalTime).not.toBe('');
    expectNothingLost(site);
    await page.context().close();
  });

  it('leave mid-exam and resume: the same questions and answers come back', async () => {
    const page = await newTestPage(browser);
    const site = moodle(version);
    let scope = await site.launch(page, server.origin, { popup: true });
    await viewAllLessons(scope, course);
    const drawn = await startAttempt(scope, 1);
    const questions = questionsOf(course);
    for (const id of drawn.slice(0, 3)) await answer(scope, questions.get(id)!, true);
    await site.close(scope);
    await site.finished();
    expect(tracksOf(site)[v12 ? 'cmi.core.exit' : 'cmi.exit']).toBe('suspend');

    scope = await site.launch(page, server.origin);
    expect([site.last!.mode, site.last!.entry]).toEqual(['normal', 'resume']);
    await poll(() => heading(scope).textContent()).toBe('Final exam');
    expect(await drawnIds(scope)).toEqual(drawn);
    await poll(() => scope.locator('.sp-answered').textContent()).toBe(`3 of ${drawn.length} answered`);
    for (const id of drawn.slice(3)) await answer(scope, questions.get(id)!, true);
    await submit(scope);
    await exit(scope);
    await site.finished();
    expect(site.report().grade).toBe(100);
    expect(site.report().interactions).toHaveLength(drawn.length);
    expectNothingLost(site);
    await page.context().close();
  });

  it('relaunch after completion: review mode shows the result and changes nothing in the record', async () => {
    const page = await newTestPage(browser);
    const site = moodle(version);
    let scope = await site.launch(page, server.origin);
    await viewAllLessons(scope, course);
    await takeAttempt(scope, course, 1, true);
    await exit(scope);
    await site.finished();
    const before = structuredClone(site.record);

    scope = await site.launch(page, server.origin);
    expect([site.last!.mode, site.last!.entry]).toEqual(['review', 'ab-initio']);
    await poll(() => scope.locator('main').innerText()).toContain('Your recorded result');
    const shown = await scope.locator('.sp-recorded').innerText();
    expect(shown).toContain('Passed');
    expect(shown).toContain('100%');
    await visitLessons(scope, course.lessons);
    await scope.evaluate(() => (location.hash = '#/exam'));
    await poll(() => scope.locator('main').innerText()).toContain('Your recorded result');
    await site.close(scope);
    const review = await site.finished();
    expect(review.calls.sets, 'values written in review mode').toBe(0);
    expect(review.calls.commits, 'commits in review mode').toBe(0);
    expect(site.record).toEqual(before);
    expectNothingLost(site);
    await page.context().close();
  });

  // The learner closes the course without pressing Exit, at three moments after submitting
  // the passing attempt. "Seconds" are conditions: at once, once the score is shown, and
  // once the per-question review is built and the learner has gone back to a lesson.
  const moments: Array<[string, (scope: Scope) => Promise<void>]> = [
    ['0 s', async () => {}],
    ['1 s', async (scope) => poll(() => heading(scope).textContent()).toBe('Exam results')],
    [
      '5 s',
      async (scope) => {
        await poll(() => scope.locator('.sp-answers-review:not([aria-busy])').count()).toBe(1);
        await visitLessons(scope, course.lessons.slice(0, 1));
      },
    ],
  ];
  for (const [moment, wait] of moments) {
    it(`close the window ${moment} after submitting: the record is complete without Exit`, async () => {
      const page = await newTestPage(browser);
      const site = moodle(version);
      // After a failed first attempt, so the second session carries two attempts of interactions.
      let scope: Frame | Page = await site.launch(page, server.origin);
      await viewAllLessons(scope, course);
      const first = await takeAttempt(scope, course, 1, false);
      await site.close(scope);
      await site.finished();

      scope = await site.launch(page, server.origin, { popup: moment === '5 s' });
      const questions = questionsOf(course);
      const drawn = await startAttempt(scope, 2);
      for (const id of drawn) await answer(scope, questions.get(id)!, true);
      await clickFarDown(scope.getByRole('button', { name: 'Submit my answers' }));
      await wait(scope);
      await site.close(scope);
      // The session ended while the page unloaded: what it sent went by beacon, within the budget.
      const closed = await site.finished();
      expect(closed.beacons.sent).toBeGreaterThan(0);

      const report = site.report();
      if (v12) expect(report.status).toBe('passed');
      else expect([report.status, report.success]).toEqual(['completed', 'passed']);
      expect(report.grade).toBe(100);
      expect(report.totalTime).not.toBe('');
      expect(report.interactions).toHaveLength(first.length + drawn.length);
      expectNothingLost(site);
      await page.context().close();
    });
  }
});
