/**
 * A pass exactly at the pass mark with points that binary floating point
 * cannot hold, in Chromium against the strict cmi5 LMS: ten questions worth
 * 0.67 points, six right, is 4.02 of 6.7, which divides to 0.5999999999999999.
 * The player shows a pass, so the LMS must record `passed`; the score carries
 * `scaled` alone, as cmi5 takes raw, min and max as integers only.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../src/course/model.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { newTestPage, servePackages } from './support/harness.js';
import { answer, questionsOf, say, startAttempt, submit, viewAllLessons } from './support/learner.js';
import { createTestLrs, launchCmi5, type TestLrs } from './support/lrs.js';
import { expectCmi5Rules, expectValid, verbOf, type Statement } from './support/statements.js';
import type { RunningServer } from './support/static-server.js';

let course: Course;
let lrs: TestLrs;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  lrs = createTestLrs({ strict: true });
  ({ course, server } = await servePackages(['cmi5'], [lrs.route], 'test/fixtures/courses/decimal-points'));
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
  await server?.close();
});

describe('cmi5 with questions worth 0.67 points', () => {
  it('records passed for an attempt exactly at the pass mark, with the scaled score alone', async () => {
    const page = await newTestPage(browser);
    const { au, launch } = await launchCmi5(page, lrs, server.origin, course);
    expect(au.masteryScore).toBe(0.6);
    await viewAllLessons(page, course);
    const questions = questionsOf(course);
    const ids = await startAttempt(page, 1);
    expect(ids).toHaveLength(10);
    for (const [i, id] of ids.entries()) await answer(page, questions.get(id)!, i < 6);
    await submit(page);
    await expect.poll(() => page.locator('main').innerText()).toContain(say('en', 'results.passed'));
    await page.getByRole('button', { name: 'Exit' }).click();

    const stored = () => lrs.store.queryStatements({ registration: launch.registration, ascending: true, limit: 1000 }).statements.map((s) => s.statement as Statement);
    await expect.poll(() => stored().map(verbOf)).toContain('terminated');
    const statements = stored().filter((s) => verbOf(s) !== 'launched');
    expect(lrs.store.cmi5.rejections(launch.registration)).toEqual([]);
    expectValid(statements);
    expectCmi5Rules(statements, { auId: au.auId, activityId: launch.activityId });
    const passed = statements.filter((s) => verbOf(s) === 'passed');
    expect(passed).toHaveLength(1);
    expect(passed[0]!.result).toMatchObject({ success: true, score: { scaled: 0.6 } });
    expect(Object.keys(passed[0]!.result.score)).toEqual(['scaled']);
    expect(statements.map(verbOf)).toContain('completed');
    await page.context().close();
  });
});
