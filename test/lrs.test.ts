/**
 * The embedded LRS on its own, over HTTP: valid and invalid statements,
 * idempotent and conflicting ids, filtered queries with `more` paging, state
 * documents, the version header, auth, and the one-time cmi5 fetch URL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCmi5Launch } from '../src/preview/lrs/cmi5-launch.js';
import { createTestLrs, LRS_AUTH, serveLrs, type TestLrs } from './support/lrs.js';

let lrs: TestLrs;
let server: { origin: string; close(): Promise<void> };
const headers = { Authorization: LRS_AUTH, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };
const actor = { objectType: 'Agent', name: 'Li Hua', mbox: 'mailto:lihua@example.com' };
const statement = (verb = 'answered', object = 'https://example.org/c/q1') => ({
  id: randomUUID(),
  actor,
  verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
  object: { objectType: 'Activity', id: object },
  timestamp: new Date().toISOString(),
});
const post = (body: unknown, extra: Record<string, string> = {}) => fetch(`${server.origin}/xapi/statements`, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body) });

beforeAll(async () => {
  lrs = createTestLrs();
  server = await serveLrs(lrs);
});
afterAll(() => server.close());

describe('embedded LRS', () => {
  it('answers /about with its version', async () => {
    const response = await fetch(`${server.origin}/xapi/about`);
    expect(await response.json()).toEqual({ version: ['1.0.3'] });
  });

  it('stores valid statements and returns their ids', async () => {
    const s = statement();
    const response = await post([s]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([s.id]);
    const got = await (await fetch(`${server.origin}/xapi/statements?statementId=${s.id}`, { headers })).json();
    expect(got.object.id).toBe(s.object.id);
    expect(got.stored).toMatch(/Z$/);
  });

  it('rejects invalid statements with 400 and stores nothing of the batch', async () => {
    const before = lrs.store.countStatements();
    const bad = { ...statement(), verb: { id: 'not an iri' } };
    const response = await post([statement(), bad]);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toContain('verb.id');
    expect(lrs.store.countStatements()).toBe(before);
  });

  it('refuses a score whose min is not below its max, as ADL\'s LRS does, and accepts a scaled score alone', async () => {
    const before = lrs.store.countStatements();
    const scored = (score: Record<string, number>) => ({ ...statement('passed'), result: { success: true, score } });
    const response = await post([scored({ scaled: 0.6 }), scored({ scaled: 1, raw: 0, min: 0, max: 0 })]);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('statement 1: result.score.min must be less than result.score.max (xAPI Data 2.4.5.1)');
    expect(lrs.store.countStatements()).toBe(before);
    const subStatement = { ...statement('said'), object: { objectType: 'SubStatement', ...scored({ raw: 5, min: 5, max: 5 }), id: undefined, timestamp: undefined } };
    const nested = await post(subStatement);
    expect(nested.status).toBe(400);
    expect((await nested.json()).error).toContain('result.score.min must be less than result.score.max');
    expect((await post([scored({ scaled: 0.6 }), scored({ scaled: 0.6, raw: 12, min: 0, max: 20 })])).status).toBe(200);
  });

  it('accepts a retried statement and refuses a conflicting one with 409', async () => {
    const s = statement();
    expect((await post(s)).status).toBe(200);
    expect((await post(s)).status).toBe(200);
    const conflicting = { ...s, object: { objectType: 'Activity', id: 'https://example.org/c/other' } };
    expect((await post(conflicting)).status).toBe(409);
  });

  it('stores a statement with PUT and statementId', async () => {
    const s = statement('experienced');
    const response = await fetch(`${server.origin}/xapi/statements?statementId=${s.id}`, { method: 'PUT', headers, body: JSON.stringify(s) });
    expect(response.status).toBe(204);
  });

  it('requires credentials and the version header', async () => {
    expect((await post(statement(), { Authorization: 'Basic bm8=' })).status).toBe(401);
    const noVersion = await fetch(`${server.origin}/xapi/statements`, { method: 'POST', headers: { Authorization: LRS_AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify(statement()) });
    expect(noVersion.status).toBe(400);
  });

  it('filters by verb, activity and agent and pages with `more`', async () => {
    const activity = `https://example.org/c/paged-${randomUUID()}`;
    const batch = Array.from({ length: 5 }, () => statement('passed', activity));
    await post(batch);
    await post([statement('failed', activity)]);
    const query = new URLSearchParams({ verb: 'http://adlnet.gov/expapi/verbs/passed', activity, agent: JSON.stringify({ mbox: actor.mbox }), limit: '2', ascending: 'true' });
    const seen: string[] = [];
    let next = `/xapi/statements?${query}`;
    for (let page = 0; next && page < 10; page++) {
      const body = await (await fetch(`${server.origin}${next}`, { headers })).json();
      seen.push(...body.statements.map((s: { id: string }) => s.id));
      next = body.more;
    }
    expect(seen).toEqual(batch.map((s) => s.id));
  });

  it('keeps state documents per activity, agent and registration', async () => {
    const registration = randomUUID();
    const params = new URLSearchParams({ activityId: 'https://example.org/c', agent: JSON.stringify(actor), registration, stateId: 'resume' });
    const url = `${server.origin}/xapi/activities/state?${params}`;
    expect((await fetch(url, { headers })).status).toBe(404);
    expect((await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ state: 'abc' }) })).status).toBe(204);
    expect(await (await fetch(url, { headers })).json()).toEqual({ state: 'abc' });
    expect((await fetch(url, { method: 'POST', headers, body: JSON.stringify({ more: 1 }) })).status).toBe(204);
    expect(await (await fetch(url, { headers })).json()).toEqual({ state: 'abc', more: 1 });
    const other = new URLSearchParams({ activityId: 'https://example.org/c', agent: JSON.stringify(actor), registration: randomUUID(), stateId: 'resume' });
    expect((await fetch(`${server.origin}/xapi/activities/state?${other}`, { headers })).status).toBe(404);
    expect((await fetch(url, { method: 'DELETE', headers })).status).toBe(204);
    expect((await fetch(url, { headers })).status).toBe(404);
  });

  it('gives a cmi5 auth token once per fetch URL, and that token opens LMS.LaunchData', async () => {
    const launch = createCmi5Launch(lrs.store, { endpoint: `${server.origin}/xapi/`, actor, auId: 'https://example.org/c/au', masteryScore: 0.6, moveOn: 'CompletedAndPassed' });
    const params = new URLSearchParams(launch.query);
    const first = await (await fetch(params.get('fetch')!, { method: 'POST' })).json();
    expect(first['auth-token']).toBeTruthy();
    const second = await (await fetch(params.get('fetch')!, { method: 'POST' })).json();
    expect(second['error-code']).toBe('1');
    const state = new URLSearchParams({ activityId: launch.activityId, agent: JSON.stringify(actor), registration: launch.registration, stateId: 'LMS.LaunchData' });
    const data = await (await fetch(`${server.origin}/xapi/activities/state?${state}`, { headers: { ...headers, Authorization: `Basic ${first['auth-token']}` } })).json();
    expect(data).toMatchObject({ launchMode: 'Normal', moveOn: 'CompletedAndPassed', masteryScore: 0.6 });
    expect(data.contextTemplate.extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe(launch.sessionId);
  });
});
