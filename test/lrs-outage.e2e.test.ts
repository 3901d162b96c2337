/**
 * LRS outage matrix for xAPI and cmi5 packages, in Chromium against the
 * embedded LRS behind a fault injector: 500s, time-outs, offline then online,
 * the page closed while statements are queued, and a 401 that cannot be
 * recovered. In every case the statements stored at the end are the ones the
 * learner produced, in order, once each.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Course } from '../src/course/model.js';
import { createCmi5Launch } from '../src/preview/lrs/cmi5-launch.js';
import { RESUME_STATE_ID } from '../src/runtime/lms/lrs-adapter.js';
import { decodeState } from '../src/runtime/state.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { it, poll } from './support/concurrent.js';
import { answer, heading, questionsOf, startAttempt, submit, takeAttempt, viewAllLessons } from './support/learner.js';
import { createTestLrs, LRS_AUTH, type TestLrs } from './support/lrs.js';
import { newTestPage, servePackages } from './support/harness.js';
import type { RunningServer } from './support/static-server.js';
import { expectCmi5Rules, expectValid } from './support/statements.js';

type Statement = Record<string, any>;
let course: Course;
let server: RunningServer;
let browser: Browser;

/** Each test's own LRS (its faults its own), all behind one server, so the tests run side by side. */
const lrsByBase = new Map<string, TestLrs>();
type OutageLrs = TestLrs & { endpoint: string };

function newLrs(): OutageLrs {
  const base = `/lrs-${randomUUID()}/xapi/`;
  const lrs = createTestLrs({ strict: true, base });
  lrsByBase.set(base, lrs);
  return { ...lrs, endpoint: `${server.origin}${base}` };
}

beforeAll(async () => {
  ({ course, server } = await servePackages(['xapi', 'cmi5'], [(req, res, url) => lrsByBase.get(url.pathname.split('/').slice(0, 3).join('/') + '/')?.route(req, res, url) ?? false]));
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
  await server?.close();
});

const verbOf = (s: Statement) => (s.verb.id as string).split('/').pop()!;
const stored = (lrs: TestLrs, registration: string) => lrs.store.queryStatements({ registration, ascending: true, limit: 1000 }).statements.map((s) => s.statement);
const outboxSize = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('skillpack:outbox:') && !k.endsWith(':set-aside')).reduce((n, k) => n + JSON.parse(localStorage.getItem(k)!).length, 0));

function xapiUrl(lrs: OutageLrs, registration: string): string {
  const actor = { objectType: 'Agent', name: 'Liu Yang', mbox: `mailto:${registration}@example.edu.cn` };
  return `${server.origin}/pkg/xapi/index.html?${new URLSearchParams({ endpoint: lrs.endpoint, auth: LRS_AUTH, actor: JSON.stringify(actor), registration, activity_id: course.activityId })}`;
}

/** A learner's whole session: lessons, a failed and a passed attempt, exit. Returns the drawn ids. */
async function session(page: Page): Promise<string[][]> {
  await viewAllLessons(page, course);
  const first = await takeAttempt(page, course, 1, false);
  const second = await takeAttempt(page, course, 2, true);
  await page.getByRole('button', { name: 'Exit' }).click();
  return [first, second];
}

/** What the learner produced, in order: the statements stored must be exactly these, once each. */
function expectComplete(statements: Statement[], attempts: string[][], sessions = 1): void {
  expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
  const verbs = statements.map(verbOf);
  expect(verbs.filter((v) => v === 'initialized')).toHaveLength(sessions);
  expect(verbs.filter((v) => v === 'experienced')).toHaveLength(course.lessons.length);
  expect(verbs.filter((v) => v === 'failed')).toHaveLength(1);
  expect(verbs.filter((v) => v === 'passed')).toHaveLength(1);
  expect(verbs.filter((v) => v === 'completed')).toHaveLength(1);
  expect(verbs.filter((v) => v === 'terminated').length).toBeGreaterThanOrEqual(1);
  const answered = statements.filter((s) => verbOf(s) === 'answered').map((s) => decodeURIComponent((s as Statement).object.id.split('/questions/')[1]));
  expect(answered).toEqual([...attempts[0]!, ...attempts[1]!].filter((id) => answered.includes(id)));
  expect(answered).toHaveLength(attempts[0]!.length + attempts[1]!.length);
  // Order: failed after the first attempt's answers, passed after the second's.
  const failed = verbs.indexOf('failed');
  const passed = verbs.indexOf('passed');
  expect(verbs.slice(0, failed).filter((v) => v === 'answered')).toHaveLength(attempts[0]!.length);
  expect(passed).toBeGreaterThan(failed);
  expect(verbs.indexOf('initialized')).toBe(0);
}

/** The resume state the LRS holds for a registration, decoded (null when there is none). */
function resumeInLrs(lrs: TestLrs, registration: string) {
  const doc = lrs.store.documentsOfKind('state').find((d) => d.registration === registration && d.docId === RESUME_STATE_ID);
  return doc ? decodeState(course, (JSON.parse(doc.body.toString('utf8')) as { state: string }).state) : null;
}

/** Open a lesson (by its place in the course) and wait until it is shown. */
async function openLesson(page: Page, index: number): Promise<void> {
  const lesson = course.lessons[index]!;
  await page.evaluate((id) => (location.hash = `#/lesson/${encodeURIComponent(id)}`), lesson.id);
  await poll(() => heading(page).textContent()).toBe(lesson.title);
}

/**
 * Close tabs one after the other as a learner does (each one's pagehide runs), each gone before the
 * next: `close()` returns before the tab is, and a tab still open would deliver its own queue.
 */
async function closeTabs(...tabs: Page[]): Promise<void> {
  for (const tab of tabs) {
    const closed = new Promise((resolve) => tab.once('close', resolve));
    await tab.close({ runBeforeUnload: true });
    await closed;
  }
}

async function context(): Promise<{ context: BrowserContext; page: Page }> {
  const page = await newTestPage(browser);
  return { context: page.context(), page };
}

describe.concurrent('LRS outages (xAPI)', () => {
  it('500 errors: statements wait and are retried in order', async () => {
    const lrs = newLrs();
    const { context: ctx, page } = await context();
    const registration = randomUUID();
    lrs.faults.mode = 'error500';
    lrs.faults.remaining = 6;
    await page.goto(xapiUrl(lrs, registration));
    const attempts = await session(page);
    await poll(() => outboxSize(page)).toBe(0);
    expect(lrs.faults.remaining).toBe(0);
    expectComplete(stored(lrs, registration), attempts);
    await ctx.close();
  });

  it('time-outs: a hung LRS is abandoned after the time-out and retried', async () => {
    const lrs = newLrs();
    const { context: ctx, page } = await context();
    const registration = randomUUID();
    await page.clock.install();
    lrs.faults.mode = 'hang';
    lrs.faults.remaining = 2;
    await page.goto(xapiUrl(lrs, registration));
    // The first requests hang; time passes (the 10 s time-out, then the backoff) on the page's clock,
    // not the test's: the course shows once they are abandoned and retried.
    for (let i = 0; i < 12 && !(await heading(page).isVisible()); i++) await page.clock.runFor(5_000);
    await poll(() => heading(page).textContent()).toBe(course.title);
    for (let i = 0; i < 6 && lrs.faults.remaining !== 0; i++) await page.clock.runFor(12_000);
    const attempts = await session(page);
    for (let i = 0; i < 20 && (await outboxSize(page)) > 0; i++) await page.clock.runFor(5_000);
    expect(await outboxSize(page)).toBe(0);
    // Both hung requests were made, and given up on.
    expect(lrs.faults.remaining).toBe(0);
    expectComplete(stored(lrs, registration), attempts);
    await ctx.close();
  });

  it('offline then online: the learner is told, and everything is sent when the connection returns', async () => {
    const lrs = newLrs();
    const { context: ctx, page } = await context();
    const registration = randomUUID();
    await page.goto(xapiUrl(lrs, registration));
    await poll(() => heading(page).textContent()).toBe(course.title);
    await ctx.setOffline(true);
    const attempts = await session(page);
    await poll(() => page.locator('.sp-notice').allTextContents()).toContainEqual(expect.stringContaining('offline'));
    expect(await outboxSize(page)).toBeGreaterThan(0);
    await ctx.setOffline(false);
    await poll(() => outboxSize(page)).toBe(0);
    expectComplete(stored(lrs, registration), attempts);
    await ctx.close();
  });

  it('page closed with statements queued: they are sent on the next launch', async () => {
    const lrs = newLrs();
    const { context: ctx, page } = await context();
    const registration = randomUUID();
    await page.goto(xapiUrl(lrs, registration));
    await poll(() => heading(page).textContent()).toBe(course.title);
    await ctx.setOffline(true);
    const attempts = await session(page);
    const queued = await outboxSize(page);
    expect(queued).toBeGreaterThan(0);
    await page.close();
    await ctx.setOffline(false);
    const again = await ctx.newPage();
    await again.goto(xapiUrl(lrs, registration));
    await poll(() => outboxSize(again)).toBe(0);
    expectComplete(stored(lrs, registration), attempts, 2);
    await ctx.close();
  });

  it('two tabs of one registration queue during an outage and close one after the other: the next launch sends what both queued', async () => {
    const lrs = newLrs();
    const { context: ctx, page: tabA } = await context();
    const registration = randomUUID();
    lrs.faults.mode = 'error500';
    lrs.faults.remaining = -1; // down until the test says otherwise
    await tabA.goto(xapiUrl(lrs, registration));
    await poll(() => heading(tabA).textContent()).toBe(course.title);
    const tabB = await ctx.newPage();
    await tabB.goto(xapiUrl(lrs, registration));
    await poll(() => heading(tabB).textContent()).toBe(course.title);
    // A makes statements after B has read the stored queue; then B stores its own.
    await openLesson(tabA, 0);
    await openLesson(tabA, 1);
    await openLesson(tabB, 0);
    await closeTabs(tabA, tabB);
    lrs.faults.mode = 'none';
    const again = await ctx.newPage();
    await again.goto(xapiUrl(lrs, registration));
    await poll(() => outboxSize(again)).toBe(0);
    const statements = stored(lrs, registration);
    const lessonOf = (s: Statement) => decodeURIComponent((s.object.id as string).split('/lessons/')[1] ?? '');
    // Each tab's own: its start, the lessons it showed, its end; once each.
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
    expect(statements.filter((s) => verbOf(s) === 'experienced').map(lessonOf).sort()).toEqual([course.lessons[0]!.id, course.lessons[0]!.id, course.lessons[1]!.id].sort());
    expect(statements.filter((s) => verbOf(s) === 'initialized')).toHaveLength(3);
    expect(statements.filter((s) => verbOf(s) === 'terminated')).toHaveLength(2);
    await ctx.close();
  });

  it('a tab left open while the learner carries on in another never rolls the progress back: it stops saving and says so', async () => {
    const lrs = newLrs();
    const { context: ctx, page: idle } = await context();
    const registration = randomUUID();
    await idle.goto(xapiUrl(lrs, registration));
    await poll(() => heading(idle).textContent()).toBe(course.title);
    const active = await ctx.newPage();
    await active.goto(xapiUrl(lrs, registration));
    await poll(() => heading(active).textContent()).toBe(course.title);
    await openLesson(active, 0);
    await openLesson(active, 1);
    await poll(() => resumeInLrs(lrs, registration)?.viewed).toEqual([true, true]);
    // Back in the old tab: what it would save is older than what the other tab saved.
    await idle.bringToFront();
    await openLesson(idle, 0);
    await poll(() => idle.locator('.sp-notice').textContent()).toContain('continued in another window or tab');
    await closeTabs(idle, active);
    expect(resumeInLrs(lrs, registration)?.viewed).toEqual([true, true]);
    const again = await ctx.newPage();
    await again.goto(xapiUrl(lrs, registration));
    await poll(() => again.locator('.sp-nav-list li.sp-done').count()).toBe(2);
    await ctx.close();
  });

  it('resume state saved during an outage is newer than the LRS\'s copy: it wins, on the next launch too', async () => {
    const lrs = newLrs();
    const { context: ctx, page } = await context();
    const registration = randomUUID();
    await page.goto(xapiUrl(lrs, registration));
    await poll(() => heading(page).textContent()).toBe(course.title);
    await openLesson(page, 0);
    await poll(() => resumeInLrs(lrs, registration)?.viewed).toEqual([true, false]);
    await ctx.setOffline(true);
    await openLesson(page, 1);
    expect(await outboxSize(page)).toBeGreaterThan(0);
    await page.close();
    await ctx.setOffline(false);
    // The LRS answers with its older copy before the newer one queued here has left.
    const again = await ctx.newPage();
    await again.goto(xapiUrl(lrs, registration));
    await poll(() => again.locator('.sp-nav-list li.sp-done').count()).toBe(2);
    await poll(() => outboxSize(again)).toBe(0);
    expect(resumeInLrs(lrs, registration)?.viewed).toEqual([true, true]);
    await ctx.close();
  });

  it('resume state queued during an outage is older than what another browser saved since: it never overwrites it', async () => {
    const lrs = newLrs();
    const first = await context();
    const registration = randomUUID();
    await first.page.goto(xapiUrl(lrs, registration));
    await poll(() => heading(first.page).textContent()).toBe(course.title);
    await openLesson(first.page, 0);
    await poll(() => resumeInLrs(lrs, registration)?.viewed).toEqual([true, false]);
    await first.context.setOffline(true);
    await openLesson(first.page, 1);
    expect(await outboxSize(first.page)).toBeGreaterThan(0);
    // Meanwhile the learner goes on in another browser: lesson 2 and an exam attempt started.
    const second = await context();
    await second.page.goto(xapiUrl(lrs, registration));
    await poll(() => second.page.locator('.sp-nav-list li.sp-done').count()).toBe(1);
    await openLesson(second.page, 1);
    await startAttempt(second.page, 1);
    await poll(() => resumeInLrs(lrs, registration)?.attemptsUsed).toBe(1);
    // The first browser comes back online: its queue is delivered, but not its older resume state.
    await first.context.setOffline(false);
    await poll(() => outboxSize(first.page)).toBe(0);
    expect(resumeInLrs(lrs, registration)).toMatchObject({ viewed: [true, true], attemptsUsed: 1 });
    expect(stored(lrs, registration).filter((s) => verbOf(s) === 'experienced')).toHaveLength(3);
    await first.context.close();
    await second.context.close();
  });

  it('resume state lost: what the LRS recorded still holds (a final fail grants no fresh attempts, a pass stays a pass)', async () => {
    const lrs = newLrs();
    const forget = (registration: string) => {
      for (const d of lrs.store.documentsOfKind('state').filter((doc) => doc.registration === registration)) lrs.store.deleteDocuments(d.kind, d.activity, d.agent, d.registration);
    };
    const failedOut = randomUUID();
    const first = await context();
    await first.page.goto(xapiUrl(lrs, failedOut));
    for (let n = 1; n <= course.exam!.attempts; n++) await takeAttempt(first.page, course, n, false);
    await poll(() => outboxSize(first.page)).toBe(0);
    // Each verdict names its attempt.
    const attempts = stored(lrs, failedOut).filter((s) => verbOf(s) === 'failed').map((s) => (s as Statement).context.extensions['https://w3id.org/skillpack/extensions/attempt']);
    expect(attempts).toEqual([1, 2, 3]);
    await first.context.close();
    forget(failedOut);
    const again = await context(); // another browser: no copy of the state either
    await again.page.goto(`${xapiUrl(lrs, failedOut)}#/exam`);
    await poll(() => again.page.locator('main').innerText()).toContain(`You have used all ${course.exam!.attempts} attempts`);
    expect(await again.page.getByRole('button', { name: /Start attempt/ }).count()).toBe(0);
    await again.context.close();

    const passed = randomUUID();
    const third = await context();
    await third.page.goto(xapiUrl(lrs, passed));
    await takeAttempt(third.page, course, 1, true);
    await poll(() => outboxSize(third.page)).toBe(0);
    await third.context.close();
    forget(passed);
    const fourth = await context();
    await fourth.page.goto(`${xapiUrl(lrs, passed)}#/exam`);
    await poll(() => fourth.page.locator('main').innerText()).toContain('You have passed this exam.');
    expect(await fourth.page.getByRole('button', { name: /Start attempt/ }).count()).toBe(0);
    await fourth.context.close();
  });

  it('401 that does not recover: the queue is kept, the learner is told, nothing is dropped', async () => {
    const lrs = newLrs();
    const { context: ctx, page } = await context();
    const registration = randomUUID();
    lrs.faults.mode = 'unauthorized';
    lrs.faults.remaining = -1; // every request
    await page.goto(xapiUrl(lrs, registration));
    const attempts = await session(page);
    await poll(() => page.locator('.sp-notice').allTextContents()).toContainEqual(expect.stringContaining('refused access'));
    expect(stored(lrs, registration)).toHaveLength(0);
    const queued = await outboxSize(page);
    expect(queued).toBeGreaterThan(attempts[0]!.length + attempts[1]!.length);
    // Access restored (e.g. the administrator fixed the account): the next launch delivers everything.
    lrs.faults.mode = 'none';
    const again = await ctx.newPage();
    await again.goto(xapiUrl(lrs, registration));
    await poll(() => outboxSize(again)).toBe(0);
    expectComplete(stored(lrs, registration), attempts, 2);
    await ctx.close();
  });
});

describe.concurrent('LRS outages (cmi5)', () => {
  it('500 errors and an offline spell: cmi5 statements arrive in order, once each', async () => {
    const lrs = newLrs();
    const { context: ctx, page } = await context();
    const actor = { objectType: 'Agent', name: 'He Min', account: { homePage: 'https://lms.example.edu.cn', name: `learner-${randomUUID()}` } };
    const launch = createCmi5Launch(lrs.store, { endpoint: lrs.endpoint, actor, auId: `${course.activityId}/au`, masteryScore: 0.6, moveOn: 'CompletedAndPassed' });
    await page.goto(`${server.origin}/pkg/cmi5/index.html?${launch.query}`);
    await poll(() => heading(page).textContent()).toBe(course.title);
    lrs.faults.mode = 'error500';
    lrs.faults.remaining = 4;
    await viewAllLessons(page, course);
    await ctx.setOffline(true);
    const first = await takeAttempt(page, course, 1, false);
    await ctx.setOffline(false);
    const second = await takeAttempt(page, course, 2, true);
    await page.getByRole('button', { name: 'Exit' }).click();
    await poll(() => outboxSize(page)).toBe(0);
    const statements = stored(lrs, launch.registration).filter((s) => verbOf(s) !== 'launched');
    const verbs = statements.map(verbOf);
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
    expect(verbs[0]).toBe('initialized');
    expect(verbs.at(-1)).toBe('terminated');
    expect(verbs.filter((v) => v === 'answered')).toHaveLength(first.length + second.length);
    expect(verbs.filter((v) => v === 'passed')).toHaveLength(1);
    expect(verbs.filter((v) => v === 'completed')).toHaveLength(1);
    // In order: each attempt's answers before the verdict; nothing refused by the strict LMS.
    const answered = statements.filter((s) => verbOf(s) === 'answered').map((s) => decodeURIComponent((s as Statement).object.id.split('/questions/')[1]));
    expect(answered).toEqual([...first, ...second]);
    expect(verbs.indexOf('passed')).toBeGreaterThan(verbs.lastIndexOf('answered'));
    expectValid(statements);
    expect(lrs.store.cmi5.rejections(launch.registration)).toEqual([]);
    expectCmi5Rules(statements, { auId: `${course.activityId}/au`, activityId: launch.activityId });
    await ctx.close();
  });

  it('two launches open in two tabs queue during an outage and close one after the other: the next launch keeps what both queued, set aside, none of it sent in its session', async () => {
    const lrs = newLrs();
    const { context: ctx, page: tabA } = await context();
    const actor = { objectType: 'Agent', name: 'Wu Fang', account: { homePage: 'https://lms.example.edu.cn', name: `learner-${randomUUID()}` } };
    const auId = `${course.activityId}/au`;
    const launch = (registration?: string) => createCmi5Launch(lrs.store, { endpoint: lrs.endpoint, actor, auId, masteryScore: 0.6, moveOn: 'CompletedAndPassed', ...(registration ? { registration } : {}) });
    const open = async (page: Page, query: string) => {
      await page.goto(`${server.origin}/pkg/cmi5/index.html?${query}`);
      await poll(() => heading(page).textContent()).toBe(course.title);
    };
    const first = launch();
    await open(tabA, first.query);
    // The learner opens the course again from the LMS in a second tab: the LMS abandons the first session.
    const tabB = await ctx.newPage();
    await open(tabB, launch(first.registration).query);
    lrs.faults.mode = 'error500';
    lrs.faults.remaining = -1; // down until the test says otherwise
    // A makes statements after B has read the stored queue; then B stores its own.
    await openLesson(tabA, 0);
    await openLesson(tabA, 1);
    await openLesson(tabB, 0);
    await closeTabs(tabA, tabB);
    lrs.faults.mode = 'none';
    const third = launch(first.registration);
    const again = await ctx.newPage();
    // It resumes where the tabs left off (their resume state waited in the browser too).
    await again.goto(`${server.origin}/pkg/cmi5/index.html?${third.query}`);
    await poll(() => heading(again).textContent()).toBe(course.lessons[0]!.title);
    await poll(() => outboxSize(again)).toBe(0);
    const aside = await again.evaluate(() => Object.entries(localStorage).filter(([k]) => k.endsWith(':set-aside')).flatMap(([, v]) => (JSON.parse(v) as Array<{ item: { statement?: unknown } }>).map((a) => a.item.statement)));
    const sessionOf = (s: Statement) => (s.context?.extensions as Record<string, unknown> | undefined)?.['https://w3id.org/xapi/cmi5/context/extensions/sessionid'];
    const lessonOf = (s: Statement) => decodeURIComponent((s.object.id as string).split('/lessons/')[1] ?? '');
    // What the two tabs made, wherever it is now: nothing lost, nothing twice.
    const made = [...stored(lrs, first.registration).filter((s) => sessionOf(s) !== third.sessionId), ...(aside as Statement[])].filter((s) => verbOf(s) === 'experienced');
    expect(new Set(made.map((s) => s.id)).size).toBe(made.length);
    expect(made.map(lessonOf).sort()).toEqual([course.lessons[0]!.id, course.lessons[0]!.id, course.lessons[1]!.id].sort());
    // The new session sent nothing of the old ones, and the strict LMS refused nothing of it. (A closed
    // tab's keepalive request may reach the LMS after the new launch abandoned its session: refused,
    // and its items are among those kept above.)
    const oldIds = new Set(made.map((s) => s.id));
    expect(stored(lrs, first.registration).filter((s) => sessionOf(s) === third.sessionId && oldIds.has(s.id))).toEqual([]);
    expect(lrs.store.cmi5.rejections(first.registration).filter((r) => r.sessionId === third.sessionId)).toEqual([]);
    await ctx.close();
  });

  it('Exit while the last answers are still on their way: terminated arrives after them, nothing is refused', async () => {
    const lrs = newLrs();
    const { context: ctx, page } = await context();
    const actor = { objectType: 'Agent', name: 'Zhao Li', account: { homePage: 'https://lms.example.edu.cn', name: `learner-${randomUUID()}` } };
    const launch = createCmi5Launch(lrs.store, { endpoint: lrs.endpoint, actor, auId: `${course.activityId}/au`, masteryScore: 0.6, moveOn: 'CompletedAndPassed' });
    await page.goto(`${server.origin}/pkg/cmi5/index.html?${launch.query}`);
    await poll(() => heading(page).textContent()).toBe(course.title);
    await viewAllLessons(page, course);
    const questions = questionsOf(course);
    const ids = await startAttempt(page, 1);
    for (const id of ids) await answer(page, questions.get(id)!, true);
    await poll(() => outboxSize(page)).toBe(0);
    // The verdict's request is held on the way; the learner leaves at once.
    lrs.faults.delayMs = 1500;
    lrs.faults.mode = 'slow';
    lrs.faults.remaining = 1;
    await submit(page);
    await page.getByRole('button', { name: 'Exit' }).click();
    await poll(() => outboxSize(page)).toBe(0);
    expect(lrs.faults.remaining).toBe(0);
    expect(lrs.store.cmi5.rejections(launch.registration)).toEqual([]);
    const verbs = stored(lrs, launch.registration).map(verbOf);
    expect(verbs.at(-1)).toBe('terminated');
    expect(verbs.filter((v) => v === 'answered')).toHaveLength(ids.length);
    expect(verbs.filter((v) => v === 'passed')).toHaveLength(1);
    await ctx.close();
  });
});
