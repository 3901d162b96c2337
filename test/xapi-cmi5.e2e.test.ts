/**
 * xAPI and cmi5 packages against a real HTTP LRS (the embedded one), in
 * Chromium: the Tin Can launch, the whole cmi5 launch sequence, every
 * statement checked with xapi-validation and with the cmi5 rules, resume
 * through the State API.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import XAPIModule from '@xapi/xapi';
import xapiValidation from 'xapi-validation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../src/course/model.js';
import { createCmi5Launch } from '../src/preview/lrs/cmi5-launch.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { answer, drawnIds, heading, questionsOf, startAttempt, takeAttempt, viewAllLessons } from './support/learner.js';
import { createTestLrs, LRS_AUTH, type TestLrs } from './support/lrs.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { build } from '../src/build.js';
import { loadProject } from '../src/course/config.js';
import { buildInto, readZip, REPO, unzipToTemp } from './support/packages.js';
import { newTestPage, servePackages } from './support/harness.js';
import { serve, type RunningServer } from './support/static-server.js';
import { expectCmi5Rules } from './support/statements.js';

type Statement = Record<string, any>;
// CommonJS in Node: the client class is `.default`.
const XAPI = XAPIModule.default;
type Validate = (s: unknown) => Array<{ path: string[]; constructor: { name: string } }>;
const validate: Validate = ((xapiValidation as unknown as { default?: Validate }).default ?? xapiValidation) as Validate;

let course: Course;
let lrs: TestLrs;
let server: RunningServer;
let browser: Browser;
const actor = () => ({ objectType: 'Agent', name: 'Zhang Wei', mbox: `mailto:${randomUUID()}@example.edu.cn` });
/** cmi5 learners are identified by an LMS account (cmi5 §9.2). */
const account = () => ({ objectType: 'Agent', name: 'Zhang Wei', account: { homePage: 'https://lms.example.edu.cn', name: `learner-${randomUUID()}` } });

beforeAll(async () => {
  lrs = createTestLrs({ strict: true });
  ({ course, server } = await servePackages(['xapi', 'cmi5'], [
    lrs.route,
    (_req, res, url) => {
      if (url.pathname !== '/returned.html') return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>LMS</title><h1>Back in the LMS</h1>');
      return true;
    },
  ]));
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
  await server?.close();
});

const newPage = () => newTestPage(browser);

/** Every statement stored for a registration, in the order the LRS received them. */
function stored(registration: string): Statement[] {
  return lrs.store.queryStatements({ registration, ascending: true, limit: 1000 }).statements.map((s) => s.statement);
}

const verbOf = (s: Statement) => (s.verb.id as string).split('/').pop()!;

function expectValid(statements: Statement[]): void {
  for (const s of statements) {
    const { stored: _s, authority: _a, ...sent } = s;
    expect(validate(sent).map((w) => `${verbOf(s)} ${w.path.join('.')}: ${w.constructor.name}`)).toEqual([]);
  }
}

function tinCanQuery(registration: string, who: Record<string, unknown>): string {
  return new URLSearchParams({ endpoint: `${server.origin}/xapi/`, auth: LRS_AUTH, actor: JSON.stringify(who), registration, activity_id: course.activityId }).toString();
}

/** Wait until the page's outbox is empty (everything delivered). */
async function drained(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('skillpack:outbox:') && !k.endsWith(':set-aside')).map((k) => JSON.parse(localStorage.getItem(k)!).length).reduce((a, b) => a + b, 0)))
    .toBe(0);
}

describe('xAPI (Tin Can) package', () => {
  it('sends valid statements for lessons, every answer, failed then passed, completed and terminated', async () => {
    const page = await newPage();
    const registration = randomUUID();
    await page.goto(`${server.origin}/pkg/xapi/index.html?${tinCanQuery(registration, actor())}`);
    // Clicked through with the mouse, as most learners work (the other journeys use keys).
    await viewAllLessons(page, course, 'mouse');
    const first = await takeAttempt(page, course, 1, false, 'mouse');
    const second = await takeAttempt(page, course, 2, true, 'mouse');
    await page.getByRole('button', { name: 'Exit' }).click();
    await drained(page);

    const statements = stored(registration);
    expectValid(statements);
    const verbs = statements.map(verbOf);
    const answeredCount = (from: number, to: number) => verbs.slice(from, to).filter((v) => v === 'answered').length;
    expect(verbs[0]).toBe('initialized');
    expect(verbs.filter((v) => v === 'experienced')).toHaveLength(course.lessons.length);
    const failed = verbs.indexOf('failed');
    const passed = verbs.indexOf('passed');
    expect(failed).toBeGreaterThan(0);
    expect(passed).toBeGreaterThan(failed);
    expect(answeredCount(0, failed)).toBe(first.length);
    expect(answeredCount(failed, passed)).toBe(second.length);
    expect(verbs.at(-1)).toBe('terminated');
    expect(verbs).toContain('completed');

    const questions = questionsOf(course);
    for (const s of statements.filter((x) => verbOf(x) === 'answered')) {
      const id = decodeURIComponent((s.object.id as string).split('/questions/')[1]!);
      const question = questions.get(id)!;
      expect(s.object.id).toBe(`${course.activityId}/questions/${encodeURIComponent(id)}`);
      expect(s.object.definition.type).toBe('http://adlnet.gov/expapi/activities/cmi.interaction');
      const expectedType = { single: 'choice', multiple: 'choice', essay: 'long-fill-in' }[question.type as string] ?? question.type;
      expect(s.object.definition.interactionType).toBe(expectedType);
      if (question.type === 'likert' || question.type === 'essay') expect(s.object.definition.correctResponsesPattern).toBeUndefined();
      else expect(s.object.definition.correctResponsesPattern.length).toBeGreaterThan(0);
      expect(typeof s.result.response).toBe('string');
      expect(s.context.registration).toBe(registration);
      expect(s.context.contextActivities.grouping[0].id).toBe(course.activityId);
      expect(s.context.extensions['https://w3id.org/skillpack/extensions/credits']).toBe(course.credits);
    }
    // After launch the page may connect to the LRS only (its CSP is narrowed to the LRS origin).
    const blocked = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
          fetch('http://127.0.0.2:9/elsewhere').catch(() => setTimeout(() => resolve('not blocked by CSP'), 500));
        }),
    );
    expect(blocked).toBe('connect-src');
    // What any reporting tool sees over HTTP, read with an independent xAPI client.
    const reader = new XAPI({ endpoint: `${server.origin}/xapi/`, auth: LRS_AUTH, version: '1.0.3' });
    const viaHttp = (await reader.getStatements({ registration, ascending: true, limit: 500 })).data.statements as Statement[];
    expect(viaHttp.map((s) => s.id)).toEqual(statements.map((s) => s.id));
    const pass = statements[passed]!;
    expect(pass.result).toMatchObject({ success: true, score: { scaled: 1, min: 0 } });
    expect(pass.result.duration).toMatch(/^PT/);
    expect(statements.at(-1)!.result.duration).toMatch(/^PT/);
    await page.context().close();
  });

  it('resumes from the State API with the same questions and answers', async () => {
    const page = await newPage();
    const registration = randomUUID();
    const who = actor();
    await page.goto(`${server.origin}/pkg/xapi/index.html?${tinCanQuery(registration, who)}`);
    await viewAllLessons(page, course);
    const drawn = await startAttempt(page, 1);
    const questions = questionsOf(course);
    for (const id of drawn.slice(0, 2)) await answer(page, questions.get(id)!, true);
    // Typed answers are saved after a short pause or when the learner moves on: move on.
    await page.evaluate(() => (location.hash = '#/'));
    await expect.poll(() => heading(page).textContent()).toBe(course.title);
    await drained(page);
    // Another browser: nothing in localStorage, so the state can only come from the LRS.
    const other = await newPage();
    await other.goto(`${server.origin}/pkg/xapi/index.html?${tinCanQuery(registration, who)}`);
    await expect.poll(() => heading(other).textContent()).toBe(course.title); // where the learner left off
    await other.evaluate(() => (location.hash = '#/exam'));
    await expect.poll(() => heading(other).textContent()).toBe('Final exam');
    expect(await drawnIds(other)).toEqual(drawn);
    await expect.poll(() => other.locator('.sp-answered').textContent()).toBe(`2 of ${drawn.length} answered`);
    await page.context().close();
    await other.context().close();
  });
});

describe('LRS credentials', () => {
  it('are never in a package by default, and a standalone build with an explicit LRS reports there', async () => {
    const plain = await buildInto(['test/fixtures/courses/mini-course'], ['xapi', 'cmi5']);
    for (const p of plain.packages) {
      const page = (await readZip(path.join(plain.out, p.file))).get('index.html')!.toString();
      expect(page).not.toContain('launch-defaults');
      expect(page).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/);
    }
    const out = mkdtempSync(path.join(tmpdir(), 'skillpack-baked-'));
    const project = loadProject(REPO);
    await build({ project, folders: [path.join(REPO, 'test/fixtures/courses/mini-course')], targets: ['xapi'], out, options: { lrs: { endpoint: `${server.origin}/xapi/`, auth: LRS_AUTH } } });
    const dir = await unzipToTemp(path.join(out, 'mini-course/mini-course-xapi.zip'));
    const baked = await serve({ '/': dir }, [lrs.route]);
    try {
      const page = await newPage();
      const before = lrs.store.countStatements();
      await page.goto(`${baked.origin}/index.html`); // no launch parameters at all
      await viewAllLessons(page, course);
      await drained(page);
      expect(lrs.store.countStatements() - before).toBe(1 + course.lessons.length); // initialized + experienced
      await page.context().close();
    } finally {
      await baked.close();
    }
  });
});

describe('cmi5 package', () => {
  const auId = () => `${course.activityId}/au`;
  const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
  const MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
  const categories = (s: Statement) => ((s.context?.contextActivities?.category ?? []) as Array<{ id: string }>).map((c) => c.id);

  it('runs the whole launch sequence and follows the cmi5 statement rules', async () => {
    const page = await newPage();
    const who = account();
    const launch = createCmi5Launch(lrs.store, { endpoint: `${server.origin}/xapi/`, actor: who, auId: auId(), masteryScore: 0.6, moveOn: 'CompletedAndPassed', returnURL: `${server.origin}/returned.html` });
    await page.goto(`${server.origin}/pkg/cmi5/index.html?${launch.query}`);
    await viewAllLessons(page, course, 'mouse');
    await takeAttempt(page, course, 1, false, 'mouse');
    await takeAttempt(page, course, 2, true, 'mouse');
    await page.getByRole('button', { name: 'Exit' }).click();
    // At exit the AU leaves for returnURL (§10.2.6).
    await page.waitForURL(`${server.origin}/returned.html`);

    const statements = stored(launch.registration).filter((s) => verbOf(s) !== 'launched');
    expectValid(statements);
    expect(lrs.store.cmi5.rejections(launch.registration)).toEqual([]);
    expectCmi5Rules(statements, { auId: auId(), activityId: launch.activityId });
    const verbs = statements.map(verbOf);
    expect(verbs[0]).toBe('initialized');
    expect(verbs.at(-1)).toBe('terminated');
    // One of passed/failed per session: the failed attempt with retakes left is not sent once the learner passes.
    expect(verbs).not.toContain('failed');
    expect(verbs.filter((v) => v === 'passed')).toHaveLength(1);
    expect(verbs.filter((v) => v === 'completed')).toHaveLength(1);
    const defined = ['initialized', 'completed', 'passed', 'failed', 'terminated'];
    for (const s of statements) {
      const verb = verbOf(s);
      expect(s.actor).toEqual(who);
      expect(s.context.registration).toBe(launch.registration);
      expect(s.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe(launch.sessionId);
      expect(s.context.contextActivities.grouping.map((g: { id: string }) => g.id)).toContain(auId());
      expect(s.timestamp).toMatch(/Z$/);
      if (defined.includes(verb)) {
        expect(s.object.id, verb).toBe(launch.activityId);
        expect(categories(s), verb).toContain(CMI5);
        expect(categories(s).includes(MOVEON), verb).toBe(['completed', 'passed', 'failed'].includes(verb));
        if (verb !== 'initialized') expect(s.result.duration, verb).toMatch(/^PT/);
        if (verb !== 'passed' && verb !== 'failed') expect(s.result?.score, verb).toBeUndefined();
      } else {
        expect(categories(s), verb).not.toContain(CMI5);
      }
    }
    const passed = statements.find((s) => verbOf(s) === 'passed')!;
    expect(passed.result).toMatchObject({ success: true, score: { scaled: 1 } });
    expect(passed.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore']).toBe(0.6);
    expect(statements.find((s) => verbOf(s) === 'completed')!.result.completion).toBe(true);
    // The fetch URL is one-time and was used by the AU.
    const fetchUrl = new URLSearchParams(launch.query).get('fetch')!;
    expect((await (await fetch(fetchUrl, { method: 'POST' })).json())['error-code']).toBe('1');
    await page.context().close();
  });

  it('sends only initialized and terminated in Browse mode', async () => {
    const page = await newPage();
    const launch = createCmi5Launch(lrs.store, { endpoint: `${server.origin}/xapi/`, actor: account(), auId: auId(), masteryScore: 0.6, moveOn: 'CompletedAndPassed', launchMode: 'Browse' });
    await page.goto(`${server.origin}/pkg/cmi5/index.html?${launch.query}`);
    await viewAllLessons(page, course);
    await page.getByRole('button', { name: 'Exit' }).click();
    await drained(page);
    const verbs = stored(launch.registration).map(verbOf).filter((v) => v !== 'launched');
    expect(verbs).toEqual(['initialized', 'terminated']);
    expect(lrs.store.cmi5.rejections(launch.registration)).toEqual([]);
    await page.context().close();
  });

  it("reads the learner preferences before any statement and speaks the learner's language", async () => {
    const page = await newPage();
    const launch = createCmi5Launch(lrs.store, { endpoint: `${server.origin}/xapi/`, actor: account(), auId: auId(), masteryScore: 0.6, moveOn: 'CompletedAndPassed', languagePreference: 'zh-CN,en-US' });
    await page.goto(`${server.origin}/pkg/cmi5/index.html?${launch.query}`);
    // The course is in English; the player's own words follow the learner's preference.
    await expect.poll(() => heading(page).textContent()).toBe(course.title);
    await expect.poll(() => page.getByRole('button', { name: '退出' }).count()).toBe(1);
    await page.getByRole('button', { name: '退出' }).click();
    await drained(page);
    expect(stored(launch.registration).map(verbOf).filter((v) => v !== 'launched')).toEqual(['initialized', 'terminated']);
    expect(lrs.store.cmi5.rejections(launch.registration)).toEqual([]); // 11.0.0.0-3 would refuse the first statement otherwise
    await page.context().close();
  });

  it('reports practice answers as practice: the lesson as parent, the practice category, no cmi5 category', async () => {
    const page = await newPage();
    const launch = createCmi5Launch(lrs.store, { endpoint: `${server.origin}/xapi/`, actor: account(), auId: auId(), masteryScore: 0.6, moveOn: 'CompletedAndPassed' });
    await page.goto(`${server.origin}/pkg/cmi5/index.html?${launch.query}`);
    await viewAllLessons(page, course);
    const practice = course.lessons.flatMap((l) => l.practice.map((q) => ({ lesson: l, question: q })))[0]!;
    const card = page.locator('.sp-practice').first();
    await card.locator(`input[value="${(practice.question as { correct: string[] }).correct[0]}"]`).check();
    await card.getByRole('button', { name: 'Check my answer' }).click();
    await page.getByRole('button', { name: 'Exit' }).click();
    await expect.poll(() => stored(launch.registration).filter((s) => verbOf(s) === 'terminated').length).toBe(1);
    const answered = stored(launch.registration).filter((s) => verbOf(s) === 'answered');
    expect(answered).toHaveLength(1);
    expect(answered[0]!.object.id).toBe(`${course.activityId}/questions/${practice.question.id}`);
    expect(answered[0]!.context.contextActivities.parent).toEqual([{ objectType: 'Activity', id: `${course.activityId}/lessons/${practice.lesson.id}` }]);
    expect(categories(answered[0]!)).toEqual(['https://w3id.org/skillpack/activities/practice']);
    expect(answered[0]!.result.success).toBe(true);
    expect(lrs.store.cmi5.rejections(launch.registration)).toEqual([]);
    await page.context().close();
  });
});
