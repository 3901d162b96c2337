/**
 * A statement the strict cmi5 LMS refuses, sent by the player in Chromium, the
 * refusal answered 403 (as ADL's reference cmi5 player answers today) or 401
 * (as it answered before, which a player could take for lost credentials):
 * either way the player sets that statement aside in the browser, tells the
 * learner, and delivers the rest of the session, and the LMS records the
 * refusal with its requirement for the preview's panel.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../src/course/model.js';
import { createCmi5Launch } from '../src/preview/lrs/cmi5-launch.js';
import { cmi5Au } from '../src/targets/cmi5.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { newTestPage, servePackages } from './support/harness.js';
import { say, takeAttempt, viewAllLessons } from './support/learner.js';
import { createTestLrs, type TestLrs } from './support/lrs.js';
import { expectCmi5Rules, expectValid, verbOf, type Statement } from './support/statements.js';
import type { RunningServer } from './support/static-server.js';

const STATUSES = [403, 401] as const;
const PASSED = 'http://adlnet.gov/expapi/verbs/passed';

let course: Course;
let server: RunningServer;
let browser: Browser;
/** One strict LMS per refusal status, each under a path of its own on the one server. */
const lmss = new Map<number, TestLrs>(STATUSES.map((status) => [status, createTestLrs({ strict: true, refusalStatus: status, base: `/lms-${status}/xapi/` })]));

beforeAll(async () => {
  ({ course, server } = await servePackages(['cmi5'], [...lmss.values()].map((lms) => lms.route)));
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
  await server?.close();
});

describe.each(STATUSES)('a statement the cmi5 LMS refuses with %i', (status) => {
  it('is set aside and the learner told; the rest of the session arrives', async () => {
    const lms = lmss.get(status)!;
    const au = cmi5Au(course);
    const actor = { objectType: 'Agent', name: 'Wang Fang', account: { homePage: 'https://lms.example.edu.cn', name: `learner-${randomUUID()}` } };
    const launch = createCmi5Launch(lms.store, { endpoint: `${server.origin}/lms-${status}/xapi/`, actor, auId: au.auId, masteryScore: au.masteryScore, moveOn: au.moveOn });
    const page = await newTestPage(browser);
    const answers: number[] = [];
    page.on('response', (response) => {
      if (response.request().method() === 'POST' && new URL(response.url()).pathname.endsWith('/xapi/statements')) answers.push(response.status());
    });
    await page.goto(`${server.origin}/pkg/cmi5/index.html?${launch.query}`);
    await viewAllLessons(page, course);
    // The LMS now holds the registration as passed (as if a pass had reached it from elsewhere): the
    // player, which found none at launch, sends its own, which a strict LMS refuses (9.3.0.0-2).
    lms.store.cmi5.progressOf(launch.registration).passed = true;
    await takeAttempt(page, course, 1, true);
    await expect.poll(() => page.locator('.sp-notice').allTextContents()).toContainEqual(expect.stringContaining(say('en', 'lrs.rejected')));
    await page.getByRole('button', { name: 'Exit' }).click();

    const stored = () => lms.store.queryStatements({ registration: launch.registration, ascending: true, limit: 1000 }).statements.map((s) => s.statement as Statement);
    await expect.poll(() => stored().map(verbOf)).toContain('terminated');
    const statements = stored().filter((s) => verbOf(s) !== 'launched');
    expectValid(statements);
    expectCmi5Rules(statements, { auId: au.auId, activityId: launch.activityId });
    const verbs = statements.map(verbOf);
    expect(verbs).not.toContain('passed');
    expect(verbs.filter((v) => v === 'answered').length).toBeGreaterThan(0);
    expect(verbs.slice(-2)).toEqual(['completed', 'terminated']);
    // Only the pass was refused (a batch holding it, then the pass alone), each time with the status asked for.
    const refusals = lms.store.cmi5.rejections(launch.registration);
    expect(refusals.length).toBeGreaterThan(0);
    expect(new Set(refusals.map((r) => `${r.requirement} ${r.verb}`))).toEqual(new Set([`9.3.0.0-2 ${PASSED}`]));
    expect(answers.filter((s) => s !== 200)).toEqual(refusals.map(() => status));
    // Kept in the browser, not dropped.
    const aside = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.endsWith(':set-aside')).flatMap(([, v]) => JSON.parse(v) as Array<{ item: { statement?: { verb: { id: string } } } }>));
    expect(aside.map((a) => a.item.statement?.verb.id)).toEqual([PASSED]);
    await page.context().close();
  });
});
