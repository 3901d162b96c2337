/**
 * The SCORM packages in a Moodle 4.x profile of the test LMS (test/support/lms.ts,
 * templates/preview/moodle-profile.js): Moodle's review-mode relaunch, its
 * entry/suspend_data rules, raw/100 grading, the 1.2 mastery override at LMSFinish,
 * what it stores only at Commit/Finish, the total time it adds at Terminate, and the
 * 64 KiB of beacons a page may have in flight while it is hidden or closing. Most
 * scenarios drive the mini course (2 lessons, 8-question exam, pass mark 60 %,
 * 3 attempts, completion lessons-and-exam) through one or more sessions, then check
 * the record a partner institution sees; others a course complete once its lessons
 * are read, and a catalogue course with 60-question attempts.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Course } from '../src/course/model.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { it, poll } from './support/concurrent.js';
import { answer, clickFarDown, drawnIds, heading, questionsOf, say, startAttempt, submit, takeAttempt, viewAllLessons, type Scope } from './support/learner.js';
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

/** A total time that counts some time: not missing, and not Moodle's "P" or PT0H0M0S for none. */
const expectTime = (site: MoodleSite) => expect(site.report().totalTime, 'total time').toMatch(/[1-9]/);

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
    expectTime(site);
    expect(report.interactions.map((i) => i.id)).toEqual(drawn.map((id) => (v12 ? `${id}_a1` : `urn:skillpack:mini-course:${id}:1`)));
    // SCORM 2004: still suspended, so Moodle hands the record back; each answer only what reports show.
    if (!v12) expect([tracksOf(site)['cmi.exit'], tracksOf(site)['cmi.progress_measure']]).toEqual(['suspend', '1.0000']);
    const reported = ['id', 'type', 'correct_responses.0.pattern', 'learner_response', 'result'];
    if (!v12) for (const item of report.interactions) expect(Object.keys(item).filter((field) => !reported.includes(field))).toEqual([]);
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
    // Attempts remain: no failed status and no score that Moodle could turn into one (2004: success
    // stays unknown, Moodle's default, so it is not even posted).
    expect(tracksOf(site)[v12 ? 'cmi.core.lesson_status' : 'cmi.success_status']).toBe(v12 ? 'incomplete' : undefined);
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
    expectTime(site);
    expectNothingLost(site);
    await page.context().close();
  });

  it('fail out: every attempt used, the record is failed with the last score, and the next launch grants no new attempt', async () => {
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
    if (!v12) expect([report.status, tracksOf(site)['cmi.exit']]).toEqual(['incomplete', 'suspend']);
    expect(report.grade).not.toBeNull();
    expect(report.grade!).toBeLessThan(60);
    expect(report.interactions).toHaveLength(drawn);
    expectNothingLost(site);

    const before = structuredClone(site.record);
    scope = await site.launch(page, server.origin);
    // 1.2: failed is a finished status, so review mode. 2004: Moodle picks review mode from
    // completion_status alone, and the course is incomplete (its rule wants a pass): normal mode,
    // where the suspended attempt's record comes back and the course grants nothing new.
    expect([site.last!.mode, site.last!.entry]).toEqual(v12 ? ['review', ''] : ['normal', 'resume']);
    await scope.evaluate(() => (location.hash = '#/exam'));
    await poll(() => scope.locator('main').innerText()).toContain('Attempts used: 3 of 3.');
    expect(await scope.getByRole('button', { name: /^Start attempt/ }).count()).toBe(0);
    await site.close(scope);
    await site.finished();
    // Nothing of the outcome changes (2004: a normal-mode visit keeps its place and adds its time).
    const visit = /^cmi\.(location|suspend_data|session_time|total_time)$/;
    const outcome = (tracks: Record<string, string>) => Object.fromEntries(Object.entries(tracks).filter(([key]) => !visit.test(key)));
    if (v12) expect(site.record).toEqual(before);
    else expect(outcome(tracksOf(site))).toEqual(outcome(before.attempts.at(-1)!.tracks));
    expectTime(site);
    expectNothingLost(site);
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
    expect(report.success).toBe('');
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
    expectTime(site);
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
    // 1.2 reloads everything in review mode too (entry ""); 2004 does after the suspend it keeps:
    // the course shows its own history of attempts, the pass confirmed by the record.
    expect([site.last!.mode, site.last!.entry]).toEqual(['review', v12 ? '' : 'resume']);
    await visitLessons(scope, course.lessons);
    await scope.evaluate(() => (location.hash = '#/exam'));
    await poll(() => scope.locator('main').innerText()).toContain('Attempt 1: 100%, Passed');
    await site.close(scope);
    const review = await site.finished();
    expect(review.calls.sets, 'values written in review mode').toBe(0);
    expect(review.calls.commits, 'commits in review mode').toBe(0);
    // Its Terminate adds nothing to the total time it was handed.
    expect(site.record).toEqual(before);
    expectTime(site);
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
      expectTime(site);
      expect(report.interactions).toHaveLength(first.length + drawn.length);
      expectNothingLost(site);
      await page.context().close();
    });
  }
});

describe.concurrent('a course complete once its lessons are read, with an exam to pass (completion: lessons)', () => {
  let lessonsCourse: Course;
  let lessonsServer: RunningServer;
  beforeAll(async () => {
    ({ course: lessonsCourse, server: lessonsServer } = await servePackages(['scorm12', 'scorm2004'], lmsRoutes, 'test/fixtures/courses/lessons-rule'));
  });
  afterAll(async () => {
    await lessonsServer?.close();
  });

  for (const version of ['1.2', '2004'] as const) {
    it(`SCORM ${version}: lessons read and the window closed; the next launch takes the exam and Moodle records it`, async () => {
      const page = await newTestPage(browser);
      const site = new MoodleSite({ version, src: `/pkg/${version === '1.2' ? 'scorm12' : 'scorm2004'}/index.html`, mastery: version === '1.2' ? 60 : 0.6 });
      let scope = await site.launch(page, lessonsServer.origin);
      await viewAllLessons(scope, lessonsCourse);
      await site.close(scope);
      await site.finished();
      // Complete by the course's rule, but the exam can still change the outcome: Moodle, which opens
      // a completed attempt in review mode, is not told yet.
      expect(site.report().status).toBe('incomplete');

      scope = await site.launch(page, lessonsServer.origin);
      expect([site.last!.mode, site.last!.entry]).toEqual(['normal', 'resume']);
      await takeAttempt(scope, lessonsCourse, 1, true);
      await exit(scope);
      await site.finished();
      const report = site.report();
      if (version === '1.2') expect(report.status).toBe('passed');
      else expect([report.status, report.success]).toEqual(['completed', 'passed']);
      expect(report.grade).toBe(100);
      expectTime(site);
      expectNothingLost(site);
      await page.context().close();
    });
  }
});

describe.concurrent('SCORM 2004 records left by earlier packages, and beacons', () => {
  it('a review visit to an attempt closed with a normal exit keeps its total time', async () => {
    const page = await newTestPage(browser);
    const site = moodle('2004');
    // What packages before this one left: exit normal, so Moodle hands nothing back, total time included.
    site.record = { attempts: [{ tracks: { 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed', 'cmi.score.raw': '87.5', 'cmi.exit': 'normal', 'cmi.total_time': 'PT42M7S' } }] };
    const before = structuredClone(site.record);
    const scope = await site.launch(page, server.origin);
    expect([site.last!.mode, site.last!.entry]).toEqual(['review', 'ab-initio']);
    await poll(() => heading(scope).textContent()).toBe(course.title);
    await site.close(scope);
    // No Terminate: Moodle would add the session to a total time of zero and store "P".
    await poll(() => page.evaluate(() => document.querySelector('iframe')?.contentWindow?.location.href)).toBe('about:blank');
    await site.sync();
    expect(site.last!.calls.finished).toBe(false);
    expect(site.record).toEqual(before);
    await page.context().close();
  });

  it('the profile sizes a beacon as Chromium encodes the FormData that Moodle sends', async () => {
    const page = await newTestPage(browser);
    await page.goto(`${server.origin}/lms.html`);
    const entries: Array<[string, string]> = [
      ['cmi.interactions.0.id', 'urn:skillpack:psychological-counsellor:crisis-first-step:1'],
      ['cmi.interactions.0.correct_responses.0.pattern', 'b'],
      ['cmi.suspend_data', '2~abc~{"f":"求助者自述最近两周失眠"}'],
      ['cmi.total_time', 'P'],
    ];
    for (const version of ['1.2', '2004'] as const) {
      const sizes = await page.evaluate(
        async ({ version, entries }) => {
          const moodle = (window as unknown as { SkillpackMoodle: { beaconBytes(v: string, e: Array<[string, string]>): number } }).SkillpackMoodle;
          // request.js DoRequest: the urlencoded post split into pairs, each appended to a FormData, then unloading=1.
          const post = [['id', '123'], ['a', '45'], ['sesskey', 'abcdefghij'], ['attempt', '1'], ['scoid', '678']]
            .concat(entries.map(([key, value]) => [key.replace(/\.(\d+)\./g, version === '2004' ? '.N$1.' : '_$1.').replace(/\./g, '__'), value]))
            .map(([key, value]) => `${encodeURIComponent(key!)}=${encodeURIComponent(value!)}`)
            .join('&');
          const form = new FormData();
          for (const pair of post.split('&')) {
            const [key, value] = pair.split('=');
            form.append(decodeURIComponent(key!), decodeURIComponent(value!));
          }
          form.append('unloading', '1');
          return { chromium: (await new Response(form).arrayBuffer()).byteLength, profile: moodle.beaconBytes(version, entries) };
        },
        { version, entries },
      );
      expect(sizes.profile, `SCORM ${version}`).toBe(sizes.chromium);
    }
    await page.context().close();
  });
});

describe.concurrent('SCORM 2004 with 60-question attempts, at the real beacon budget', () => {
  let big: Course;
  let bigServer: RunningServer;
  beforeAll(async () => {
    ({ course: big, server: bigServer } = await servePackages(['scorm2004'], lmsRoutes, 'courses/psychological-counsellor'));
  });
  afterAll(async () => {
    await bigServer?.close();
  });

  it('two attempts recorded, a third under way when the window closes: the lost Terminate costs the last answers, never the attempt', async () => {
    const page = await newTestPage(browser);
    const site = new MoodleSite({ version: '2004', src: '/pkg/scorm2004/index.html', mastery: big.exam!.passingScore / 100, learner: { id: 'u-9', name: '陈, 美' } });
    let scope = await site.launch(page, bigServer.origin);
    await viewAllLessons(scope, big);
    const first = await takeAttempt(scope, big, 1, false);
    const second = await takeAttempt(scope, big, 2, false);
    const drawn = await startAttempt(scope, 3, big.language);
    const questions = questionsOf(big);
    const given = 15;
    for (const id of drawn.slice(0, given)) await answer(scope, questions.get(id)!, true);
    await site.close(scope);
    const closed = await site.finished();
    // 120 answers recorded: every post re-sends them all, more than one beacon may carry.
    expect(closed.beacons.dropped.map((d) => d.call)).toEqual(['Terminate']);
    expect(site.report().interactions).toHaveLength(first.length + second.length);

    scope = await site.launch(page, bigServer.origin);
    expect([site.last!.mode, site.last!.entry]).toEqual(['normal', 'resume']);
    await poll(() => drawnIds(scope)).toEqual(drawn);
    // The attempt was committed as it started, its answers every tenth save: those since the last
    // commit may have gone with the Terminate, never the attempt (nor the questions drawn for it).
    const shown = (await scope.locator('.sp-answered').textContent()) ?? '';
    const answered = [...Array(given + 1).keys()].find((n) => shown === say(big.language, 'exam.answered', { n, total: drawn.length }));
    expect(answered, shown).toBeGreaterThan(0);
    await page.context().close();
  });
});
