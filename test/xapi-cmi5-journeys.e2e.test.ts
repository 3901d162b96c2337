/**
 * Learner journeys through the xAPI and cmi5 packages of the mini course, in
 * Chromium, against the embedded LRS in its strict cmi5 mode (the rules of
 * ADL's reference cmi5 player): pass, fail with retakes, fail then pass in a
 * later session, fail out, skip the lessons, leave mid-exam and resume
 * elsewhere, relaunch after completion, close the tab (or navigate away) at
 * once / while the results are in flight (terminated held back) / after they arrived, Browse and
 * Review launches, and a session abandoned with results that never left.
 *
 * After each: every stored statement valid xAPI and, for cmi5, no request
 * refused and the cmi5 rules hold over the registration; nothing the learner
 * produced is missing or stored twice.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Course } from '../src/course/model.js';
import { createCmi5Launch } from '../src/preview/lrs/cmi5-launch.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { whenTestEnds, it, poll } from './support/concurrent.js';
import { newTestPage, servePackages } from './support/harness.js';
import { answer, clickFarDown, drawnIds, heading, questionsOf, startAttempt, takeAttempt, viewAllLessons } from './support/learner.js';
import { createTestLrs, LRS_AUTH, type TestLrs } from './support/lrs.js';
import type { Route, RunningServer } from './support/static-server.js';
import { byLearner, expectCmi5Rules, expectValid, sessionOf, verbOf, type Statement } from './support/statements.js';

type Target = 'xapi' | 'cmi5';
interface Learner {
  actor: Record<string, unknown>;
  registration: string;
  /** The learner's gate in front of the LRS, for the journeys that hold requests in flight. */
  gate?: Gate;
}

let course: Course;
let lrs: TestLrs;
let server: RunningServer;
let browser: Browser;

/**
 * A learner's own gate in front of the LRS (its endpoint is `/gate-<id>/xapi/`): while closed it
 * holds the learner's statement POSTs (the LRS has them but has not answered: they are "in
 * flight"), then lets them through one at a time, in arrival order; while cut, every request
 * fails as on a lost connection (the socket is dropped, keepalive requests sent as the tab closes
 * included: Chromium's own offline mode can let those out once the tab is gone). Per learner, so
 * journeys run side by side without holding each other's requests.
 */
class Gate {
  readonly id = randomUUID();
  closed = false;
  cut = false;
  readonly queue: Array<() => Promise<void>> = [];
  async open(): Promise<void> {
    this.closed = false;
    while (this.queue.length) await this.queue.shift()!();
  }
}
const gates = new Map<string, Gate>();

const gateRoute: Route = async (req, res, url) => {
  const match = /^\/gate-([0-9a-f-]{36})(\/xapi\/.*)$/.exec(url.pathname);
  if (!match) return lrs.route(req, res, url);
  const gate = gates.get(match[1]!);
  const inner = new URL(`${match[2]}${url.search}`, url.origin);
  if (gate?.cut) {
    req.socket.destroy();
    return true;
  }
  if (!gate?.closed || inner.pathname !== '/xapi/statements' || req.method !== 'POST') return lrs.route(req, res, inner);
  return new Promise<boolean>((resolve) => gate.queue.push(async () => resolve(await lrs.route(req, res, inner))));
};

beforeAll(async () => {
  lrs = createTestLrs({ strict: true });
  ({ course, server } = await servePackages(['xapi', 'cmi5'], [
    gateRoute,
    (_req, res, url) => {
      if (url.pathname !== '/elsewhere.html') return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Elsewhere</title><h1>Another site</h1>');
      return true;
    },
  ]));
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
  await server?.close();
});

const auId = () => `${course.activityId}/au`;
const newLearner = (): Learner => ({
  actor: { objectType: 'Agent', name: 'Chen Jing', account: { homePage: 'https://lms.example.edu.cn', name: `learner-${randomUUID()}` } },
  registration: randomUUID(),
});

/** A learner whose requests pass a gate of their own; a test that fails with it closed still opens it. */
function gatedLearner(): Learner & { gate: Gate } {
  const gate = new Gate();
  gates.set(gate.id, gate);
  whenTestEnds(() => gate.open());
  return { ...newLearner(), gate };
}

/** The launch URL of a new session, as the LMS (cmi5) or the launching system (xAPI) makes it. */
function launchUrl(target: Target, learner: Learner, launchMode?: 'Browse' | 'Review'): string {
  const endpoint = `${server.origin}${learner.gate ? `/gate-${learner.gate.id}` : ''}/xapi/`;
  if (target === 'cmi5') {
    const launch = createCmi5Launch(lrs.store, { endpoint, actor: learner.actor, auId: auId(), masteryScore: 0.6, moveOn: 'CompletedAndPassed', registration: learner.registration, launchMode });
    return `${server.origin}/pkg/cmi5/index.html?${launch.query}`;
  }
  const query = new URLSearchParams({ endpoint, auth: LRS_AUTH, actor: JSON.stringify(learner.actor), registration: learner.registration, activity_id: course.activityId });
  return `${server.origin}/pkg/xapi/index.html?${query}`;
}

/** Open a launch in a new tab of `context` (a new browser when none is given). */
async function open(url: string, context?: BrowserContext): Promise<Page> {
  let page: Page;
  if (context) {
    page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
  } else page = await newTestPage(browser);
  await page.goto(url);
  await poll(() => page.locator('main h1').count()).toBeGreaterThan(0);
  await home(page);
  return page;
}

/** The learner's statements of a registration, in the order the LRS stored them. */
const stored = (learner: Learner): Statement[] => byLearner(lrs.store.queryStatements({ registration: learner.registration, ascending: true, limit: 1000 }).statements.map((s) => s.statement));
const verbs = (learner: Learner) => stored(learner).map(verbOf);
const count = (learner: Learner, verb: string) => verbs(learner).filter((v) => v === verb).length;

/** Wait until the LRS holds `n` terminated statements for the registration. */
async function terminatedTimes(learner: Learner, n: number): Promise<void> {
  try {
    await poll(() => count(learner, 'terminated')).toBe(n);
  } catch (error) {
    throw new Error(`${(error as Error).message}; stored: ${verbs(learner).join(' ')}; refused: ${JSON.stringify(lrs.store.cmi5.rejections(learner.registration))}`);
  }
}

/** Back to the course overview (a relaunch resumes where the learner was). */
async function home(page: Page): Promise<void> {
  await page.evaluate(() => (location.hash = '#/'));
  await poll(() => heading(page).textContent()).toBe(course.title);
}

/**
 * Everything stored is valid, nothing was refused, the cmi5 rules hold; returns the verbs.
 * @param abandoned a session the LMS abandoned: a request the browser still delivers for it after
 *   its tab closed (a keepalive held while offline) is refused as abandoned, as the LMS must
 */
function checked(target: Target, learner: Learner, allTerminated = true, abandoned?: string): string[] {
  const statements = stored(learner);
  expectValid(statements);
  if (target === 'cmi5') {
    const refused = lrs.store.cmi5.rejections(learner.registration).filter((r) => !(abandoned && r.sessionId === abandoned && r.requirement === '9.3.6.0-2'));
    expect(refused).toEqual([]);
    expectCmi5Rules(statements, { auId: auId(), activityId: `${auId()}?lms-registration=${learner.registration}` }, allTerminated);
  }
  return statements.map(verbOf);
}

/**
 * A closed tab's last writes to localStorage (its queue, with the `terminated` it pushed as it
 * closed) can reach the browser's store after the tab is gone: wait until they have, so that they
 * land before the next launch reads the queue, not on top of what it wrote.
 */
async function closingWritesLanded(context: BrowserContext, session: string): Promise<void> {
  const reader = await context.newPage();
  await reader.goto(`${server.origin}/elsewhere.html`);
  const queued = () =>
    reader.evaluate((session) => Object.entries(localStorage).some(([key, value]) => /^skillpack:outbox:[^:]+:[^:]+$/.test(key) && (JSON.parse(value) as Array<{ session: string; statement?: { verb: { id: string } } }>).some((i) => i.session === session && i.statement?.verb.id.endsWith('/terminated'))), session);
  await poll(queued).toBe(true);
  await reader.close();
}

const exit = (page: Page) => page.getByRole('button', { name: 'Exit' }).click();

/** Close the tab as a learner does (unload handlers run) and wait until it is gone. */
async function closeTab(page: Page): Promise<void> {
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
}
const outcome = (v: string[]) => v.filter((x) => ['passed', 'failed', 'completed'].includes(x));
const answeredIds = (learner: Learner) =>
  stored(learner)
    .filter((s) => verbOf(s) === 'answered' && !s.context.contextActivities.category?.some((c: { id: string }) => c.id.endsWith('/practice')))
    .map((s) => decodeURIComponent(s.object.id.split('/questions/')[1]));

describe.concurrent.each(['xapi', 'cmi5'] as const)('%s journeys', (target) => {
  it('fail with retakes in one session: every answer once; cmi5 records only the pass (one verdict per session)', async () => {
    const learner = newLearner();
    const page = await open(launchUrl(target, learner));
    await viewAllLessons(page, course);
    const drawn = [...(await takeAttempt(page, course, 1, false)), ...(await takeAttempt(page, course, 2, false)), ...(await takeAttempt(page, course, 3, true))];
    await exit(page);
    await terminatedTimes(learner, 1);
    const v = checked(target, learner);
    expect(outcome(v)).toEqual(target === 'cmi5' ? ['passed', 'completed'] : ['failed', 'failed', 'passed', 'completed']);
    expect(answeredIds(learner)).toEqual(drawn.filter((id) => answeredIds(learner).includes(id)));
    expect(answeredIds(learner)).toHaveLength(drawn.length);
    if (target === 'xapi') {
      // completion on a verdict only once the course is complete (here: with the pass)
      const verdicts = stored(learner).filter((s) => ['passed', 'failed'].includes(verbOf(s)));
      expect(verdicts.map((s) => s.result.completion)).toEqual([undefined, undefined, true]);
    }
    await page.context().close();
  });

  it('fail, leave, and pass in a later session of the same registration', async () => {
    const learner = newLearner();
    const first = await open(launchUrl(target, learner));
    const context = first.context();
    await viewAllLessons(first, course);
    await takeAttempt(first, course, 1, false);
    await closeTab(first);
    await terminatedTimes(learner, 1);
    expect(outcome(checked(target, learner))).toEqual(['failed']); // the deferred fail went with the end of the session
    const second = await open(launchUrl(target, learner), context);
    await takeAttempt(second, course, 2, true);
    await exit(second);
    await terminatedTimes(learner, 2);
    expect(outcome(checked(target, learner))).toEqual(['failed', 'passed', 'completed']);
    await context.close();
  });

  it('fail out: every attempt used, one failed verdict for cmi5, never a pass', async () => {
    const learner = newLearner();
    const page = await open(launchUrl(target, learner));
    for (let attempt = 1; attempt <= 3; attempt++) await takeAttempt(page, course, attempt, false);
    await page.evaluate(() => (location.hash = '#/exam'));
    await poll(() => heading(page).textContent()).toBe('Final exam');
    expect(await page.getByRole('button', { name: /Start attempt/ }).count()).toBe(0);
    await exit(page);
    await terminatedTimes(learner, 1);
    expect(outcome(checked(target, learner))).toEqual(target === 'cmi5' ? ['failed'] : ['failed', 'failed', 'failed']);
    await page.context().close();
  });

  it('skip the lessons: the pass is recorded at once, completion only once the lessons are viewed', async () => {
    const learner = newLearner();
    const page = await open(launchUrl(target, learner));
    await takeAttempt(page, course, 1, true);
    await poll(() => count(learner, 'passed')).toBe(1);
    expect(count(learner, 'completed')).toBe(0);
    if (target === 'xapi') expect(stored(learner).find((s) => verbOf(s) === 'passed')!.result.completion).toBeUndefined();
    await home(page);
    await viewAllLessons(page, course);
    await exit(page);
    await terminatedTimes(learner, 1);
    expect(outcome(checked(target, learner))).toEqual(['passed', 'completed']);
    await page.context().close();
  });

  it('leave mid-exam and resume in another browser: the same questions and answers, then pass', async () => {
    const learner = newLearner();
    const page = await open(launchUrl(target, learner));
    await viewAllLessons(page, course);
    const drawn = await startAttempt(page, 1);
    const questions = questionsOf(course);
    for (const id of drawn.slice(0, 2)) await answer(page, questions.get(id)!, true);
    await closeTab(page);
    await terminatedTimes(learner, 1);
    const other = await open(launchUrl(target, learner));
    await other.evaluate(() => (location.hash = '#/exam'));
    await poll(() => drawnIds(other)).toEqual(drawn);
    await poll(() => other.locator('.sp-answered').textContent()).toBe(`2 of ${drawn.length} answered`);
    for (const id of drawn.slice(2)) await answer(other, questions.get(id)!, true);
    for (const id of drawn.slice(0, 2)) await answer(other, questions.get(id)!, true);
    await clickFarDown(other.getByRole('button', { name: 'Submit my answers' }));
    await poll(() => heading(other).textContent()).toBe('Exam results');
    await exit(other);
    await terminatedTimes(learner, 2);
    expect(outcome(checked(target, learner))).toEqual(['passed', 'completed']);
    expect(answeredIds(learner).sort()).toEqual([...drawn].sort());
    await other.context().close();
  });

  it('relaunch after completion: the pass and completion are never sent again', async () => {
    const learner = newLearner();
    const page = await open(launchUrl(target, learner));
    await viewAllLessons(page, course);
    await takeAttempt(page, course, 1, true);
    await exit(page);
    await terminatedTimes(learner, 1);
    // Another browser: nothing local, so what was sent can only be learned from the LRS.
    const again = await open(launchUrl(target, learner));
    await exit(again);
    await terminatedTimes(learner, 2);
    const v = checked(target, learner);
    expect(outcome(v)).toEqual(['passed', 'completed']);
    expect(v.slice(v.lastIndexOf('initialized'))).toEqual(['initialized', 'terminated']);
    await again.context().close();
    await page.context().close();
  });

  for (const leave of ['close', 'navigate'] as const) {
    const away = (page: Page) => (leave === 'close' ? closeTab(page) : page.goto(`${server.origin}/elsewhere.html`).then(() => undefined));

    it(`${leave} at once after submitting: passed, completed and terminated all arrive, once`, async () => {
      const learner = newLearner();
      const page = await open(launchUrl(target, learner));
      await viewAllLessons(page, course);
      await takeAttempt(page, course, 1, true);
      await away(page);
      await terminatedTimes(learner, 1);
      expect(outcome(checked(target, learner))).toEqual(['passed', 'completed']);
      await page.context().close();
    });

    it(`${leave} while the results are in flight: the request outlives the page, and terminated is held back so it cannot overtake it`, async () => {
      const learner = gatedLearner();
      const { gate } = learner;
      const page = await open(launchUrl(target, learner));
      await viewAllLessons(page, course);
      await poll(() => count(learner, 'experienced')).toBe(course.lessons.length);
      gate.closed = true;
      // The LRS is slow: the results show after the wait bound, their request still unanswered.
      await takeAttempt(page, course, 1, true);
      await poll(() => gate.queue.length).toBeGreaterThan(0);
      await away(page);
      // Requests on separate connections may be handled in any order, and a strict cmi5 LMS refuses
      // what comes after terminated: the closing page sends no terminated beside the results.
      await gate.open();
      await poll(() => count(learner, 'completed')).toBe(1);
      expect(outcome(checked(target, learner, false))).toEqual(['passed', 'completed']);
      expect(count(learner, 'terminated')).toBe(0);
      await page.context().close();
    });

    it(`${leave} after the results arrived: only the end of the session is left, and it arrives`, async () => {
      const learner = newLearner();
      const page = await open(launchUrl(target, learner));
      await viewAllLessons(page, course);
      await takeAttempt(page, course, 1, true);
      await poll(() => count(learner, 'completed')).toBe(1);
      await away(page);
      await terminatedTimes(learner, 1);
      expect(outcome(checked(target, learner))).toEqual(['passed', 'completed']);
      await page.context().close();
    });
  }
});

describe.concurrent('cmi5 launch modes and sessions', () => {
  for (const mode of ['Browse', 'Review'] as const) {
    it(`${mode}: only initialized and terminated, whatever the learner does`, async () => {
      const learner = newLearner();
      const page = await open(launchUrl('cmi5', learner, mode));
      await viewAllLessons(page, course);
      await page.getByRole('button', { name: 'Check my answer' }).first().click();
      await page.evaluate(() => (location.hash = '#/exam'));
      await page.getByRole('button', { name: 'Start a practice attempt' }).click();
      await poll(async () => (await drawnIds(page)).length).toBeGreaterThan(0);
      await clickFarDown(page.getByRole('button', { name: 'Submit my answers' }));
      const confirm = page.getByRole('button', { name: 'Submit anyway' });
      if (await confirm.isVisible().catch(() => false)) await confirm.click();
      await exit(page);
      await terminatedTimes(learner, 1);
      expect(checked('cmi5', learner)).toEqual(['initialized', 'terminated']);
      await page.context().close();
    });
  }

  it('an abandoned session: its results that never left are set aside and kept (its terminated dropped), never sent in the new session, which reports the pass afresh', async () => {
    const learner = gatedLearner();
    const first = await open(launchUrl('cmi5', learner));
    const context = first.context();
    await viewAllLessons(first, course);
    await poll(() => count(learner, 'experienced')).toBe(course.lessons.length);
    const oldSession = sessionOf(stored(learner)[0]!)!;
    // The connection drops for good for this session: whatever it sends from now on never arrives.
    learner.gate.cut = true;
    await takeAttempt(first, course, 1, true);
    await closeTab(first); // the end of the session cannot leave either
    await closingWritesLanded(context, oldSession);
    const second = await open(launchUrl('cmi5', { ...learner, gate: undefined }), context);
    await poll(() => second.locator('.sp-notice').allTextContents()).toContainEqual(expect.stringContaining('refused some of your results'));
    const aside = await second.evaluate(() => Object.entries(localStorage).filter(([k]) => k.endsWith(':set-aside')).flatMap(([, v]) => JSON.parse(v) as Array<{ item: { statement?: { verb: { id: string } } } }>));
    const asideVerbs = aside.map((a) => a.item.statement!.verb.id.split('/').pop());
    expect(asideVerbs).toEqual(expect.arrayContaining(['passed', 'completed']));
    // The old session's terminated is dropped, not kept: the LMS has recorded that session as abandoned.
    expect(asideVerbs).not.toContain('terminated');
    await exit(second);
    await terminatedTimes(learner, 1);
    const statements = stored(learner);
    // Nothing of the old session arrived after it was abandoned, and the new session holds only its own.
    expect(statements.filter((s) => sessionOf(s) === oldSession).map(verbOf)).toEqual(['initialized', ...course.lessons.map(() => 'experienced')]);
    // The learner's pass and completion, which the LMS never received, are reported by the new session itself.
    expect(statements.filter((s) => sessionOf(s) !== oldSession).map(verbOf)).toEqual(['initialized', 'passed', 'completed', 'terminated']);
    const oldIds = new Set(aside.map((a) => (a.item.statement as unknown as { id: string }).id));
    expect(statements.filter((s) => oldIds.has(s.id))).toEqual([]);
    checked('cmi5', learner, false, oldSession);
    await context.close();
  });
});
