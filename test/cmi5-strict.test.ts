/**
 * The strict cmi5 LMS: every rule refuses the statement that breaks it with
 * 403 and the cmi5 requirement id, a conforming session is accepted whole, a
 * new launch abandons the open session and kills its token, and tokens are
 * bound to their learner and registration and die with the process. The
 * statements are written here by hand, as an AU would send them.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import xapiValidation from 'xapi-validation';
import { createCmi5Launch, type Cmi5LaunchOptions } from '../src/preview/lrs/cmi5-launch.js';
import { CMI5_RULES } from '../src/preview/lrs/cmi5-rules.js';
import { createLrsHandler } from '../src/preview/lrs/handler.js';
import { readReply } from '../src/runtime/lms/lrs-client.js';
import { LrsStore } from '../src/preview/lrs/store.js';
import { createTestLrs, LRS_AUTH, LRS_KEY, LRS_SECRET, serveLrs, type TestLrs } from './support/lrs.js';

type Statement = Record<string, any>;
type Validate = (s: unknown) => Array<{ path: string[]; constructor: { name: string } }>;
const validate: Validate = ((xapiValidation as unknown as { default?: Validate }).default ?? xapiValidation) as Validate;

const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const MASTERY = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const ABANDONED = 'https://w3id.org/xapi/adl/verbs/abandoned';
const AU = 'https://skills.example.org/courses/fire-safety-officer/au';
const MASTERY_SCORE = 0.8;
const VERSION = { 'X-Experience-API-Version': '1.0.3' };

const learner = () => ({ objectType: 'Agent', name: 'Chen Jing', account: { homePage: 'https://lms.example.edu.cn', name: `learner-${randomUUID()}` } });

/** One launched session, seen from the AU: its token and what LMS.LaunchData told it. */
interface Au {
  origin: string;
  actor: Record<string, unknown>;
  registration: string;
  activityId: string;
  sessionId: string;
  token: string;
  template: { contextActivities: Record<string, Statement[]>; extensions: Record<string, unknown> };
}

let lrs: TestLrs;
let server: { origin: string; close(): Promise<void> };

beforeAll(async () => {
  lrs = createTestLrs({ strict: true });
  server = await serveLrs(lrs);
});
afterAll(() => server.close());

const auth = (au: Pick<Au, 'token'>) => ({ ...VERSION, Authorization: `Basic ${au.token}`, 'Content-Type': 'application/json' });

/** Launch as the LMS, then start as the AU does: redeem the fetch URL, read LMS.LaunchData and (unless told not to) the learner preferences. */
async function start(options: Partial<Cmi5LaunchOptions> & { readPrefs?: boolean } = {}, origin = server.origin, store = lrs.store): Promise<Au> {
  const actor = options.actor ?? learner();
  const launch = createCmi5Launch(store, { endpoint: `${origin}/xapi/`, actor, auId: AU, masteryScore: MASTERY_SCORE, moveOn: 'CompletedAndPassed', ...options });
  const query = new URLSearchParams(launch.query);
  const fetched = await (await fetch(query.get('fetch')!, { method: 'POST' })).json();
  const token = fetched['auth-token'] as string;
  expect(token).toBeTruthy();
  const state = new URLSearchParams({ activityId: launch.activityId, agent: query.get('actor')!, registration: launch.registration, stateId: 'LMS.LaunchData' });
  const launchData = await fetch(`${origin}/xapi/activities/state?${state}`, { headers: auth({ token }) });
  expect(launchData.status).toBe(200);
  const au: Au = { origin, actor, registration: launch.registration, activityId: launch.activityId, sessionId: launch.sessionId, token, template: (await launchData.json()).contextTemplate };
  if (options.readPrefs !== false) {
    const prefs = await fetch(`${origin}/xapi/agents/profile?${new URLSearchParams({ agent: JSON.stringify(actor), profileId: 'cmi5LearnerPreferences' })}`, { headers: auth(au) });
    expect(prefs.status).toBe(200);
  }
  return au;
}

const post = (au: Au, body: unknown) => fetch(`${au.origin}/xapi/statements`, { method: 'POST', headers: auth(au), body: JSON.stringify(body) });

/** Post and expect it stored. */
async function send(au: Au, ...statements: Statement[]): Promise<void> {
  const response = await post(au, statements);
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
}

/** The context an AU builds: the template's, plus its own entries after the template's. */
function context(au: Au, categories: string[] = [], extensions: Record<string, unknown> = {}): Statement {
  const { grouping = [], ...others } = au.template.contextActivities;
  return {
    registration: au.registration,
    contextActivities: { ...others, grouping: [...grouping, { objectType: 'Activity', id: 'https://skills.example.org/courses/fire-safety-officer' }], ...(categories.length ? { category: categories.map((id) => ({ id })) } : {}) },
    extensions: { ...au.template.extensions, ...extensions },
  };
}

const DEFINED = {
  initialized: () => ({}),
  completed: () => ({ result: { completion: true, duration: 'PT12M' }, moveOn: true }),
  passed: () => ({ result: { success: true, score: { scaled: 0.9 }, duration: 'PT12M' }, moveOn: true, mastery: true }),
  failed: () => ({ result: { success: false, score: { scaled: 0.4 }, duration: 'PT12M' }, moveOn: true, mastery: true }),
  terminated: () => ({ result: { duration: 'PT13M' } }),
} as const;

/** A conforming cmi5 defined statement. */
function defined(au: Au, verb: keyof typeof DEFINED): Statement {
  const shape: { result?: Statement; moveOn?: boolean; mastery?: boolean } = DEFINED[verb]();
  return {
    id: randomUUID(),
    actor: au.actor,
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
    object: { objectType: 'Activity', id: au.activityId },
    ...(shape.result ? { result: structuredClone(shape.result) } : {}),
    context: context(au, shape.moveOn ? [CMI5, MOVEON] : [CMI5], shape.mastery ? { [MASTERY]: MASTERY_SCORE } : {}),
    timestamp: new Date().toISOString(),
  };
}

/** A conforming cmi5 allowed statement: an answered question, no cmi5 category. */
function answered(au: Au): Statement {
  return {
    id: randomUUID(),
    actor: au.actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
    object: { objectType: 'Activity', id: 'https://skills.example.org/courses/fire-safety-officer/questions/extinguisher-class', definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType: 'true-false', correctResponsesPattern: ['true'] } },
    result: { success: true, response: 'true' },
    context: context(au),
    timestamp: new Date().toISOString(),
  };
}

interface Case {
  rule: string;
  requirement: string;
  launch?: Partial<Cmi5LaunchOptions> & { readPrefs?: boolean };
  /** What the AU sends first (accepted); returns the session that then sends the statement under test. */
  before?: (au: Au) => Promise<Au>;
  bad: (au: Au) => Statement;
}

const initializedFirst = async (au: Au) => (await send(au, defined(au, 'initialized')), au);
const change = (s: Statement, edit: (s: Statement) => void) => (edit(s), s);
/** A UTC timestamp this many minutes from now: well clear of the statements stamped now. */
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const stamped = (s: Statement, timestamp: string) => change(s, (x) => (x.timestamp = timestamp));

const CASES: Case[] = [
  { rule: 'a statement before the learner preferences were read', requirement: '11.0.0.0-3', launch: { readPrefs: false }, bad: (au) => defined(au, 'initialized') },
  { rule: 'a first statement that is not initialized', requirement: '9.3.0.0-4', bad: answered },
  { rule: 'initialized twice in a session', requirement: '9.3.0.0-2', before: initializedFirst, bad: (au) => defined(au, 'initialized') },
  {
    rule: 'passed twice in a session',
    requirement: '9.3.0.0-2',
    before: async (au) => (await send(au, defined(au, 'initialized'), defined(au, 'passed')), au),
    bad: (au) => defined(au, 'passed'),
  },
  {
    rule: 'completed again in a later session of the registration',
    requirement: '9.3.0.0-2',
    before: async (au) => {
      await send(au, defined(au, 'initialized'), defined(au, 'completed'), defined(au, 'terminated'));
      const again = await start({ actor: au.actor, registration: au.registration });
      await send(again, defined(again, 'initialized'));
      return again;
    },
    bad: (au) => defined(au, 'completed'),
  },
  {
    rule: 'passed again in a later session of the registration',
    requirement: '9.3.0.0-2',
    before: async (au) => {
      await send(au, defined(au, 'initialized'), defined(au, 'passed'), defined(au, 'terminated'));
      const again = await start({ actor: au.actor, registration: au.registration });
      await send(again, defined(again, 'initialized'));
      return again;
    },
    bad: (au) => defined(au, 'passed'),
  },
  { rule: 'failed after passed', requirement: '9.3.0.0-3', before: async (au) => (await send(au, defined(au, 'initialized'), defined(au, 'passed')), au), bad: (au) => defined(au, 'failed') },
  {
    rule: 'failed in a later session of a registration already passed',
    requirement: '9.3.0.0-3',
    before: async (au) => {
      await send(au, defined(au, 'initialized'), defined(au, 'passed'), defined(au, 'terminated'));
      const again = await start({ actor: au.actor, registration: au.registration });
      await send(again, defined(again, 'initialized'));
      return again;
    },
    bad: (au) => defined(au, 'failed'),
  },
  { rule: 'passed after failed', requirement: '9.3.0.0-3', before: async (au) => (await send(au, defined(au, 'initialized'), defined(au, 'failed')), au), bad: (au) => defined(au, 'passed') },
  { rule: 'a statement without a context', requirement: '9.6.0.0-1', before: initializedFirst, bad: (au) => change(answered(au), (s) => delete s.context) },
  {
    rule: 'a cmi5 statement by a group',
    requirement: '9.2.0.0-2',
    launch: { actor: { objectType: 'Group', name: 'Shift B', account: { homePage: 'https://lms.example.edu.cn', name: `group-${randomUUID()}` } } },
    bad: (au) => defined(au, 'initialized'),
  },
  { rule: 'passed with result.success false', requirement: '9.5.2.0-1', before: initializedFirst, bad: (au) => change(defined(au, 'passed'), (s) => (s.result.success = false)) },
  { rule: 'failed with result.success true', requirement: '9.5.2.0-2', before: initializedFirst, bad: (au) => change(defined(au, 'failed'), (s) => (s.result.success = true)) },
  { rule: 'result.completion on passed', requirement: '9.5.3.0-2', before: initializedFirst, bad: (au) => change(defined(au, 'passed'), (s) => (s.result.completion = true)) },
  { rule: 'a statement without an id', requirement: '9.1.0.0-1', before: initializedFirst, bad: (au) => change(answered(au), (s) => delete s.id) },
  { rule: 'a statement without a timestamp', requirement: '9.7.0.0-1', before: initializedFirst, bad: (au) => change(answered(au), (s) => delete s.timestamp) },
  { rule: 'a timestamp that is not UTC', requirement: '9.7.0.0-2', before: initializedFirst, bad: (au) => change(answered(au), (s) => (s.timestamp = '2026-12-03T20:15:00.000+08:00')) },
  { rule: 'another actor than the launch actor', requirement: '8.1.3.0-3', before: initializedFirst, bad: (au) => change(answered(au), (s) => (s.actor = learner())) },
  { rule: 'the launch actor under another name', requirement: '8.1.3.0-3', before: initializedFirst, bad: (au) => change(answered(au), (s) => (s.actor = { ...au.actor, name: 'Someone Else' })) },
  { rule: 'no registration', requirement: '9.6.1.0-1', before: initializedFirst, bad: (au) => change(answered(au), (s) => delete s.context.registration) },
  { rule: 'another registration', requirement: '9.6.1.0-1', before: initializedFirst, bad: (au) => change(answered(au), (s) => (s.context.registration = randomUUID())) },
  { rule: 'no session id extension', requirement: '10.2.1.0-6', before: initializedFirst, bad: (au) => change(answered(au), (s) => delete s.context.extensions[SESSION]) },
  { rule: "another session's id", requirement: '10.2.1.0-6', before: initializedFirst, bad: (au) => change(answered(au), (s) => (s.context.extensions[SESSION] = randomUUID())) },
  {
    rule: "the template's grouping after the AU's own",
    requirement: '10.2.1.0-6',
    before: initializedFirst,
    bad: (au) => change(answered(au), (s) => s.context.contextActivities.grouping.reverse()),
  },
  {
    rule: "the template's grouping entry altered",
    requirement: '10.2.1.0-6',
    before: initializedFirst,
    bad: (au) => change(answered(au), (s) => (s.context.contextActivities.grouping[0].definition = { type: 'https://w3id.org/xapi/cmi5/activitytype/course' })),
  },
  { rule: 'the cmi5 category on a verb that is not cmi5', requirement: '9.3.0.0-1', before: initializedFirst, bad: (au) => change(answered(au), (s) => (s.context.contextActivities.category = [{ id: CMI5 }])) },
  { rule: 'the cmi5 category on another object', requirement: '8.1.5.0-6', before: initializedFirst, bad: (au) => change(defined(au, 'completed'), (s) => (s.object.id = AU)) },
  { rule: 'a cmi5 verb without the cmi5 category', requirement: '9.6.2.1-1', before: initializedFirst, bad: (au) => change(defined(au, 'terminated'), (s) => delete s.context.contextActivities.category) },
  { rule: 'a cmi5 statement by an actor without an account', requirement: '9.2.0.0-3', launch: { actor: { objectType: 'Agent', mbox: `mailto:${randomUUID()}@example.edu.cn` } }, bad: (au) => defined(au, 'initialized') },
  { rule: 'passed below the masteryScore', requirement: '9.3.4.0-2', before: initializedFirst, bad: (au) => change(defined(au, 'passed'), (s) => (s.result.score.scaled = 0.79)) },
  { rule: 'failed at the masteryScore', requirement: '9.3.5.0-2', before: initializedFirst, bad: (au) => change(defined(au, 'failed'), (s) => (s.result.score.scaled = MASTERY_SCORE)) },
  { rule: 'completed without the moveOn category', requirement: '9.6.2.2-1', before: initializedFirst, bad: (au) => change(defined(au, 'completed'), (s) => (s.context.contextActivities.category = [{ id: CMI5 }])) },
  { rule: 'the moveOn category on terminated', requirement: '9.6.2.2-2', before: initializedFirst, bad: (au) => change(defined(au, 'terminated'), (s) => s.context.contextActivities.category.push({ id: MOVEON })) },
  { rule: 'passed without the masteryscore extension', requirement: '9.6.3.2-2', before: initializedFirst, bad: (au) => change(defined(au, 'passed'), (s) => delete s.context.extensions[MASTERY]) },
  { rule: 'failed with another masteryscore', requirement: '9.6.3.2-2', before: initializedFirst, bad: (au) => change(defined(au, 'failed'), (s) => (s.context.extensions[MASTERY] = 0.5)) },
  { rule: 'terminated without a duration', requirement: '9.5.4.1-1', before: initializedFirst, bad: (au) => change(defined(au, 'terminated'), (s) => delete s.result) },
  { rule: 'completed without a duration', requirement: '9.5.4.1-2', before: initializedFirst, bad: (au) => change(defined(au, 'completed'), (s) => delete s.result.duration) },
  { rule: 'passed without a duration', requirement: '9.5.4.1-3', before: initializedFirst, bad: (au) => change(defined(au, 'passed'), (s) => delete s.result.duration) },
  { rule: 'failed without a duration', requirement: '9.5.4.1-4', before: initializedFirst, bad: (au) => change(defined(au, 'failed'), (s) => delete s.result.duration) },
  { rule: 'a score on completed', requirement: '9.5.1.0-2', before: initializedFirst, bad: (au) => change(defined(au, 'completed'), (s) => (s.result.score = { scaled: 0.9 })) },
  { rule: 'result.success on completed', requirement: '9.5.2.0-3', before: initializedFirst, bad: (au) => change(defined(au, 'completed'), (s) => (s.result.success = true)) },
  { rule: 'completed without result.completion', requirement: '9.5.3.0-1', before: initializedFirst, bad: (au) => change(defined(au, 'completed'), (s) => delete s.result.completion) },
  { rule: 'a raw score without min and max', requirement: '9.5.1.0-3', before: initializedFirst, bad: (au) => change(defined(au, 'passed'), (s) => (s.result.score.raw = 9)) },
  { rule: 'a raw score that is not an integer', requirement: '9.5.1', before: initializedFirst, bad: (au) => change(defined(au, 'passed'), (s) => (s.result.score = { scaled: 0.9, raw: 19.8, min: 0, max: 22 })) },
  { rule: 'a maximum score that is not an integer', requirement: '9.5.1', before: initializedFirst, bad: (au) => change(defined(au, 'failed'), (s) => (s.result.score = { scaled: 0.4, raw: 8, min: 0, max: 20.5 })) },
  { rule: 'passed in Browse mode', requirement: '10.2.2.0-2', launch: { launchMode: 'Browse' }, before: initializedFirst, bad: (au) => defined(au, 'passed') },
  { rule: 'completed in Review mode', requirement: '10.2.2.0-3', launch: { launchMode: 'Review' }, before: initializedFirst, bad: (au) => defined(au, 'completed') },
  { rule: 'a statement after terminated', requirement: '9.3.0.0-5', before: async (au) => (await send(au, defined(au, 'initialized'), defined(au, 'terminated')), au), bad: answered },
  { rule: 'an answer timestamped before initialized', requirement: '9.3 (timestamps)', before: initializedFirst, bad: (au) => stamped(answered(au), minutesFromNow(-1)) },
  { rule: 'passed timestamped before initialized', requirement: '9.3 (timestamps)', before: initializedFirst, bad: (au) => stamped(defined(au, 'passed'), minutesFromNow(-1)) },
  { rule: 'completed timestamped before initialized', requirement: '9.3 (timestamps)', before: initializedFirst, bad: (au) => stamped(defined(au, 'completed'), minutesFromNow(-1)) },
  {
    rule: 'terminated timestamped before a statement of its session',
    requirement: '9.3 (terminated last)',
    before: async (au) => (await send(au, defined(au, 'initialized'), stamped(answered(au), minutesFromNow(1))), au),
    bad: (au) => defined(au, 'terminated'),
  },
  {
    rule: 'a voiding statement',
    requirement: '6.3.0.0-1',
    before: initializedFirst,
    bad: (au) => change(answered(au), (s) => ((s.verb = { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } }), (s.object = { objectType: 'StatementRef', id: randomUUID() }), delete s.result)),
  },
];

describe('strict cmi5 LMS: each rule', () => {
  it.each(CASES)('refuses $rule with 403 and $requirement', async ({ requirement, launch, before, bad }) => {
    let au = await start(launch);
    if (before) au = await before(au);
    const statement = bad(au);
    const before_ = lrs.store.countStatements();
    const response = await post(au, statement);
    const body = await response.json();
    expect(response.status).toBe(403);
    expect(body.requirement).toBe(requirement);
    expect(typeof body.error).toBe('string');
    expect(body.error.length).toBeGreaterThan(10);
    expect(lrs.store.countStatements()).toBe(before_);
    // Recorded for the preview's panel, with the statement's verb.
    expect(lrs.store.cmi5.rejections(au.registration).at(-1)).toMatchObject({ requirement, verb: statement.verb.id, registration: au.registration });
  });

  it('has a case for every rule in the table', () => {
    const tested = new Set(CASES.map((c) => c.requirement));
    expect(CMI5_RULES.map((r) => r.requirement).filter((id) => !tested.has(id))).toEqual([]);
  });
});

describe('strict cmi5 LMS: sessions', () => {
  it('accepts a conforming session whole: initialized, answered, completed, passed, terminated', async () => {
    const au = await start();
    const session = [defined(au, 'initialized'), answered(au), defined(au, 'completed'), defined(au, 'passed'), defined(au, 'terminated')];
    const response = await post(au, session);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(session.map((s) => s.id));
    const stored = lrs.store.queryStatements({ registration: au.registration, ascending: true, limit: 100 }).statements.map((s) => s.statement);
    expect(stored.map((s) => (s.verb as { id: string }).id.split('/').pop())).toEqual(['launched', 'initialized', 'answered', 'completed', 'passed', 'terminated']);
    expect(lrs.store.cmi5.rejections(au.registration)).toEqual([]);
  });

  it('accepts the same session sent one statement at a time', async () => {
    const au = await start();
    for (const s of [defined(au, 'initialized'), answered(au), answered(au), defined(au, 'failed'), defined(au, 'completed'), defined(au, 'terminated')]) await send(au, s);
  });

  it('refuses a batch whole when one statement breaks a rule, naming the first', async () => {
    const au = await start();
    const before = lrs.store.countStatements();
    const response = await post(au, [defined(au, 'initialized'), answered(au), change(answered(au), (s) => delete s.timestamp), change(answered(au), (s) => delete s.id)]);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ requirement: '9.7.0.0-1', index: 2 });
    expect(lrs.store.countStatements()).toBe(before);
    // Nothing of the refused batch counts: initialized is still to come.
    await send(au, defined(au, 'initialized'));
  });

  it('orders a batch by timestamp too: nothing stamped before the initialized in it, no terminated stamped before a statement before it', async () => {
    const au = await start();
    const initialized = defined(au, 'initialized');
    const early = await post(au, [initialized, stamped(answered(au), minutesFromNow(-1))]);
    expect(early.status).toBe(403);
    expect(await early.json()).toMatchObject({ requirement: '9.3 (timestamps)', index: 1 });
    const late = await post(au, [initialized, stamped(answered(au), minutesFromNow(1)), defined(au, 'terminated')]);
    expect(late.status).toBe(403);
    expect(await late.json()).toMatchObject({ requirement: '9.3 (terminated last)', index: 2 });
    await send(au, initialized, answered(au), defined(au, 'terminated'));
  });

  it('accepts equal timestamps (cmi5 §9.7: they need not be unique), of any age: the LMS stamps launched by its own clock, which the AU does not share', async () => {
    const au = await start();
    const at = '2020-01-01T00:00:00.000Z';
    await send(au, ...[defined(au, 'initialized'), answered(au), defined(au, 'completed'), defined(au, 'passed'), defined(au, 'terminated')].map((s) => stamped(s, at)));
  });

  it('orders timestamps to the last digit given, and as instants however written', async () => {
    const au = await start();
    await send(au, stamped(defined(au, 'initialized'), '2026-12-03T10:00:00.0004+00:00'), stamped(answered(au), '2026-12-03T10:00:00.0005Z'));
    const refused = await post(au, stamped(defined(au, 'terminated'), '2026-12-03T10:00:00.00049Z'));
    expect(refused.status).toBe(403);
    expect((await refused.json()).requirement).toBe('9.3 (terminated last)');
    await send(au, stamped(defined(au, 'terminated'), '2026-12-03T10:00:00.000500+00:00'));
  });

  it('abandons the open session on a new launch of the registration, and refuses the old token', async () => {
    const first = await start();
    await send(first, defined(first, 'initialized'), answered(first));
    const second = await start({ actor: first.actor, registration: first.registration });
    const stored = lrs.store.queryStatements({ registration: first.registration, ascending: true, limit: 100 }).statements.map((s) => s.statement as Statement);
    expect(stored.map((s) => s.verb.id.split('/').pop())).toEqual(['launched', 'initialized', 'answered', 'abandoned', 'launched']);
    const abandoned = stored[3]!;
    expect(abandoned.verb.id).toBe(ABANDONED);
    expect(abandoned.context.extensions[SESSION]).toBe(first.sessionId);
    expect(abandoned.object.id).toBe(first.activityId);
    expect(abandoned.result.duration).toMatch(/^PT/);
    // What the LMS records itself is valid xAPI too.
    for (const s of [stored[0]!, abandoned]) expect(validate(s).map((w) => w.path.join('.'))).toEqual([]);

    const old = await post(first, answered(first));
    expect(old.status).toBe(403);
    expect((await old.json()).requirement).toBe('9.3.6.0-2');
    await send(second, defined(second, 'initialized'), answered(second));
  });

  it('abandons only sessions still open: a terminated one is left alone', async () => {
    const first = await start();
    await send(first, defined(first, 'initialized'), defined(first, 'terminated'));
    await start({ actor: first.actor, registration: first.registration });
    const verbs = lrs.store.queryStatements({ registration: first.registration, ascending: true, limit: 100 }).statements.map((s) => (s.statement.verb as { id: string }).id);
    expect(verbs).not.toContain(ABANDONED);
  });

  it('never times a session out', async () => {
    const au = await start();
    await send(au, defined(au, 'initialized'));
    // However long the learner pauses, only a new launch ends the session.
    expect(lrs.store.cmi5.openSessions(au.registration).map((s) => s.id)).toEqual([au.sessionId]);
  });
});

/** A state document URL of the launch's activity and registration, for this agent. */
const stateUrl = (au: Au, agent: unknown, registration = au.registration, stateId = 'progress') =>
  `${au.origin}/xapi/activities/state?${new URLSearchParams({ activityId: au.activityId, agent: JSON.stringify(agent), registration, stateId })}`;
const profileUrl = (au: Au, agent: unknown) => `${au.origin}/xapi/agents/profile?${new URLSearchParams({ agent: JSON.stringify(agent), profileId: 'cmi5LearnerPreferences' })}`;
/** The launch actor by its identifier alone: the same learner, written otherwise than the launch wrote it. */
const byAccountOnly = (au: Au) => ({ account: au.actor.account });

describe('strict cmi5 LMS: documents', () => {
  it('wants the agent of state and agent profile requests exactly as the launch gave it, as the reference player does', async () => {
    const au = await start();
    const put = (agent: unknown) => fetch(stateUrl(au, agent), { method: 'PUT', headers: auth(au), body: JSON.stringify({ at: 'lesson-2' }) });
    for (const response of [await put(byAccountOnly(au)), await fetch(stateUrl(au, byAccountOnly(au)), { headers: auth(au) })]) {
      expect(response.status).toBe(403);
      expect((await response.json()).requirement).toBe('8.1.3.0-3');
    }
    const profile = await fetch(profileUrl(au, { ...au.actor, name: 'Someone Else' }), { headers: auth(au) });
    expect(profile.status).toBe(403);
    expect((await profile.json()).requirement).toBe('11.0.0.0-1');
    expect(lrs.store.cmi5.rejections(au.registration).map((r) => r.requirement)).toEqual(['8.1.3.0-3', '8.1.3.0-3', '11.0.0.0-1']);
    // The actor as the launch wrote it, its properties in another order, is the launch actor.
    const reordered = { account: au.actor.account, name: au.actor.name, objectType: au.actor.objectType };
    expect((await put(reordered)).status).toBe(204);
    expect((await fetch(profileUrl(au, reordered), { headers: auth(au) })).status).toBe(200);
  });
});

describe('strict cmi5 LMS: refusal status', () => {
  let older: TestLrs;
  let olderServer: { origin: string; close(): Promise<void> };
  beforeAll(async () => {
    older = createTestLrs({ strict: true, refusalStatus: 401 });
    olderServer = await serveLrs(older);
  });
  afterAll(() => olderServer.close());

  it('answers 401, as the reference player did before, when told to: for every refusal that names a cmi5 requirement, which the player reads as a refusal all the same', async () => {
    const au = await start({}, olderServer.origin, older.store);
    const statement = answered(au);
    const response = await post(au, statement);
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ requirement: '9.3.0.0-4', index: 0 });
    expect(readReply(401, response.headers.get('content-type') ?? '', text, [statement.id]).outcome).toBe('refused');
    const launchData = await fetch(stateUrl(au, au.actor, au.registration, 'LMS.LaunchData'), { method: 'PUT', headers: auth(au), body: '{}' });
    expect(launchData.status).toBe(401);
    expect((await launchData.json()).requirement).toBe('10.2.1.0-5');
    // The LMS's own rules are no cmi5 requirement: 403 still.
    const prefs = await fetch(profileUrl(au, au.actor), { method: 'PUT', headers: auth(au), body: JSON.stringify({ languagePreference: 'en', audioPreference: 'off' }) });
    expect(prefs.status).toBe(403);
    expect((await prefs.json()).requirement).toBe('lms:learner-preferences');
    // Nor is the order by timestamp, which the reference player never checked: 403 still.
    await send(au, defined(au, 'initialized'));
    const early = await post(au, stamped(answered(au), minutesFromNow(-1)));
    expect(early.status).toBe(403);
    expect((await early.json()).requirement).toBe('9.3 (timestamps)');
    // A session abandoned by a new launch is refused as the reference player refused it: 401 in this mode.
    await start({ actor: au.actor, registration: au.registration }, olderServer.origin, older.store);
    const abandoned = await post(au, defined(au, 'initialized'));
    expect(abandoned.status).toBe(401);
    expect((await abandoned.json()).requirement).toBe('9.3.6.0-2');
  });
});

describe('cmi5 tokens', () => {
  let lenient: TestLrs;
  let lenientServer: { origin: string; close(): Promise<void> };
  beforeAll(async () => {
    lenient = createTestLrs();
    lenientServer = await serveLrs(lenient);
  });
  afterAll(() => lenientServer.close());

  const startLenient = () => start({}, lenientServer.origin, lenient.store);

  it('write statements only for their own learner and registration, even when the LMS is lenient', async () => {
    const au = await startLenient();
    await send(au, answered(au)); // lenient: no cmi5 rules
    const otherActor = await post(au, change(answered(au), (s) => (s.actor = learner())));
    expect(otherActor.status).toBe(403);
    expect((await otherActor.json()).requirement).toBe('8.1.3.0-3');
    const otherRegistration = await post(au, change(answered(au), (s) => (s.context.registration = randomUUID())));
    expect(otherRegistration.status).toBe(403);
    expect((await otherRegistration.json()).requirement).toBe('9.6.1.0-1');
    // The LRS's own credentials are not bound to anyone.
    const admin = await fetch(`${au.origin}/xapi/statements`, { method: 'POST', headers: { ...VERSION, Authorization: LRS_AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify(change(answered(au), (s) => (s.actor = learner()))) });
    expect(admin.status).toBe(200);
  });

  it('write state only for their own learner and registration, and never LMS.LaunchData', async () => {
    const au = await startLenient();
    // POST, as the players write state (a PUT over the document once it exists is a 409).
    const put = (url: string) => fetch(url, { method: 'POST', headers: auth(au), body: JSON.stringify({ at: 'lesson-2' }) });
    expect((await put(stateUrl(au, au.actor, au.registration))).status).toBe(204);
    const otherActor = await put(stateUrl(au, learner(), au.registration));
    expect(otherActor.status).toBe(403);
    expect((await otherActor.json()).requirement).toBe('8.1.3.0-3');
    const otherRegistration = await put(stateUrl(au, au.actor, randomUUID()));
    expect(otherRegistration.status).toBe(403);
    expect((await otherRegistration.json()).requirement).toBe('8.1.4.0-3');
    const launchData = await put(stateUrl(au, au.actor, au.registration, 'LMS.LaunchData'));
    expect(launchData.status).toBe(403);
    expect((await launchData.json()).requirement).toBe('10.2.1.0-5');
    const readOther = await fetch(stateUrl(au, learner(), au.registration), { headers: auth(au) });
    expect(readOther.status).toBe(403);
    // A lenient LMS takes its own learner however written: the same identifier is the same learner.
    expect((await put(stateUrl(au, byAccountOnly(au), au.registration))).status).toBe(204);
    expect((await fetch(profileUrl(au, byAccountOnly(au)), { headers: auth(au) })).status).toBe(200);
  });

  it('may not delete LMS.LaunchData, by its stateId or with every state document of the activity', async () => {
    const au = await startLenient();
    const all = (activityId: string) => `${au.origin}/xapi/activities/state?${new URLSearchParams({ activityId, agent: JSON.stringify(au.actor), registration: au.registration })}`;
    const remove = (url: string) => fetch(url, { method: 'DELETE', headers: auth(au) });
    expect((await fetch(stateUrl(au, au.actor, au.registration), { method: 'PUT', headers: auth(au), body: JSON.stringify({ at: 'lesson-2' }) })).status).toBe(204);

    const byId = await remove(stateUrl(au, au.actor, au.registration, 'LMS.LaunchData'));
    expect(byId.status).toBe(403);
    expect((await byId.json()).requirement).toBe('10.2.1.0-5');
    const bulk = await remove(all(au.activityId));
    expect(bulk.status).toBe(403);
    expect((await bulk.json()).requirement).toBe('10.2.1.0-5');
    // Refused as a request, and shown in the panel like any other refusal.
    expect(lenient.store.cmi5.rejections(au.registration).at(-1)).toMatchObject({ requirement: '10.2.1.0-5', verb: null });

    expect((await fetch(stateUrl(au, au.actor, au.registration, 'LMS.LaunchData'), { headers: auth(au) })).status).toBe(200);
    expect((await fetch(stateUrl(au, au.actor, au.registration), { headers: auth(au) })).status).toBe(200);
    // The AU's own documents go one stateId at a time, and another activity's state all at once.
    expect((await remove(stateUrl(au, au.actor, au.registration))).status).toBe(204);
    expect((await remove(all(`${au.activityId}/other`))).status).toBe(204);
  });

  it('may not delete the learner preferences with a profile DELETE that names no profileId', async () => {
    const au = await startLenient();
    const prefs = `${au.origin}/xapi/agents/profile?${new URLSearchParams({ agent: JSON.stringify(au.actor), profileId: 'cmi5LearnerPreferences' })}`;
    const everyProfile = await fetch(`${au.origin}/xapi/agents/profile?${new URLSearchParams({ agent: JSON.stringify(au.actor) })}`, { method: 'DELETE', headers: auth(au) });
    expect(everyProfile.status).toBe(400);
    expect((await fetch(prefs, { method: 'DELETE', headers: auth(au) })).status).toBe(403);
    expect((await fetch(prefs, { headers: auth(au) })).status).toBe(200);
  });

  it('read the learner preferences the launch wrote, and may not change them', async () => {
    const au = await start({ languagePreference: 'zh-CN,en' }, lenientServer.origin, lenient.store);
    const url = `${au.origin}/xapi/agents/profile?${new URLSearchParams({ agent: JSON.stringify(au.actor), profileId: 'cmi5LearnerPreferences' })}`;
    expect(await (await fetch(url, { headers: auth(au) })).json()).toEqual({ languagePreference: 'zh-CN,en', audioPreference: 'on' });
    expect((await fetch(url, { method: 'PUT', headers: auth(au), body: JSON.stringify({ languagePreference: 'en', audioPreference: 'off' }) })).status).toBe(403);
    const someoneElse = `${au.origin}/xapi/agents/profile?${new URLSearchParams({ agent: JSON.stringify(learner()), profileId: 'cmi5LearnerPreferences' })}`;
    expect((await fetch(someoneElse, { headers: auth(au) })).status).toBe(403);
  });

  it('expire when the LRS restarts, while the statements stay', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'skillpack-cmi5-')), 'lrs.jsonl');
    const serveStore = async (store: LrsStore) => {
      const handler = createLrsHandler({ store, key: LRS_KEY, secret: LRS_SECRET });
      const http = createServer(async (req, res) => {
        if (!(await handler(req, res, new URL(req.url ?? '/', 'http://127.0.0.1')))) res.writeHead(404).end();
      });
      await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
      return { origin: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => http.close(() => r())) };
    };
    const first = new LrsStore(file);
    const running = await serveStore(first);
    const au = await start({}, running.origin, first);
    await send(au, defined(au, 'initialized'));
    await running.close();
    first.close();

    const second = new LrsStore(file);
    const restarted = await serveStore(second);
    try {
      const stale = await post({ ...au, origin: restarted.origin }, answered(au));
      expect(stale.status).toBe(401);
      expect(second.queryStatements({ registration: au.registration, ascending: true, limit: 10 }).statements.map((s) => (s.statement.verb as { id: string }).id.split('/').pop())).toEqual(['launched', 'initialized']);
      // A new launch of the registration after the restart still abandons the session left open.
      await start({ actor: au.actor, registration: au.registration }, restarted.origin, second);
      const verbs = second.queryStatements({ registration: au.registration, ascending: true, limit: 10 }).statements.map((s) => (s.statement.verb as { id: string }).id.split('/').pop());
      expect(verbs).toEqual(['launched', 'initialized', 'abandoned', 'launched']);
    } finally {
      await restarted.close();
      second.close();
    }
  });
});
