/**
 * The embedded LRS held to xAPI 1.0.3 where real strict LRSs are: malformed
 * bodies and content types, the comparison of a statement id sent again,
 * since/until as instants, voiding, the agent filter, document POST merges,
 * document concurrency (ETag, If-Match, If-None-Match), profile DELETE and the
 * query parameters each resource takes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLrs, LRS_AUTH, serveLrs, type TestLrs } from './support/lrs.js';

let lrs: TestLrs;
let server: { origin: string; close(): Promise<void> };
const headers = { Authorization: LRS_AUTH, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };

beforeAll(async () => {
  lrs = createTestLrs();
  server = await serveLrs(lrs);
});
afterAll(() => server.close());

/** A request to the LRS that gives up after 5 s (a handler that throws never answers). */
const call = (path: string, init: RequestInit = {}) => fetch(`${server.origin}/xapi/${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) }, signal: AbortSignal.timeout(5000) });
const putStatement = (id: string, body: string, extra: Record<string, string> = {}) => call(`statements?statementId=${id}`, { method: 'PUT', headers: extra, body });
const postStatements = (body: string, extra: Record<string, string> = {}) => call('statements', { method: 'POST', headers: extra, body });

describe('malformed statement bodies', () => {
  it.each(['null', '5', '"text"', 'true', '[]', '[{}, {}]'])('answer 400 to a PUT whose body is %s', async (body) => {
    const response = await putStatement(randomUUID(), body);
    expect(response.status).toBe(400);
    expect(typeof (await response.json()).error).toBe('string');
  });

  it.each(['null', '5', '[null]', '[5]', '[[]]'])('answer 400 to a POST whose body is %s', async (body) => {
    const before = lrs.store.countStatements();
    const response = await postStatements(body);
    expect(response.status).toBe(400);
    expect(lrs.store.countStatements()).toBe(before);
  });
});

describe('statement content types', () => {
  const statement = (extra: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    actor: { objectType: 'Agent', mbox: 'mailto:zhao.lei@example.edu.cn' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
    object: { objectType: 'Activity', id: 'https://example.org/c/lesson-1' },
    timestamp: new Date().toISOString(),
    ...extra,
  });
  const attachment = (extra: Record<string, unknown> = {}) => ({ usageType: 'https://example.org/attachments/photo', display: { 'en-US': 'photo' }, contentType: 'image/png', length: 4, sha2: 'a'.repeat(64), ...extra });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('refuse statements sent as %s with 400', async (type) => {
    const before = lrs.store.countStatements();
    expect((await postStatements(JSON.stringify(statement()), { 'Content-Type': type })).status).toBe(400);
    const s = statement();
    expect((await putStatement(s.id, JSON.stringify(s), { 'Content-Type': type })).status).toBe(400);
    expect(lrs.store.countStatements()).toBe(before);
  });

  it('refuses statements sent without a Content-Type', async () => {
    const response = await fetch(`${server.origin}/xapi/statements`, { method: 'POST', headers: { Authorization: LRS_AUTH, 'X-Experience-API-Version': '1.0.3' }, body: new TextEncoder().encode(JSON.stringify(statement())) });
    expect(response.status).toBe(400);
  });

  it('accepts application/json with a charset', async () => {
    expect((await postStatements(JSON.stringify(statement()), { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('answers multipart/mixed with a 400 that says so', async () => {
    const response = await postStatements('--b\r\nContent-Type: application/json\r\n\r\n{}\r\n--b--', { 'Content-Type': 'multipart/mixed; boundary=b' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/multipart\/mixed/);
  });

  it('refuses an attachment without fileUrl sent as application/json, and takes one with a fileUrl', async () => {
    const before = lrs.store.countStatements();
    const response = await postStatements(JSON.stringify([statement(), statement({ attachments: [attachment()] })]));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/multipart\/mixed/);
    expect(lrs.store.countStatements()).toBe(before);
    expect((await postStatements(JSON.stringify(statement({ attachments: [attachment({ fileUrl: 'https://example.org/files/signature.png' })] })))).status).toBe(200);
  });
});

describe('language maps', () => {
  const statement = (mutate: (s: Record<string, any>) => void) => {
    const s: Record<string, any> = {
      id: randomUUID(),
      actor: { objectType: 'Agent', mbox: 'mailto:zhao.lei@example.edu.cn' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'zh-CN': '学习了' } },
      object: { objectType: 'Activity', id: 'https://example.org/c/lesson-1', definition: { name: { 'zh-CN': '第一课' }, description: { 'zh-CN': '安全用电' } } },
    };
    mutate(s);
    return JSON.stringify(s);
  };
  const fileUrl = { usageType: 'https://example.org/usage', contentType: 'text/plain', length: 2, sha2: 'a'.repeat(64), fileUrl: 'https://example.org/a.txt' };

  it.each([
    ['verb.display', (s: Record<string, any>) => (s.verb.display = {})],
    ['definition.name', (s: Record<string, any>) => (s.object.definition.name = {})],
    ['definition.description', (s: Record<string, any>) => (s.object.definition.description = {})],
    ['an attachment display', (s: Record<string, any>) => (s.attachments = [{ ...fileUrl, display: {} }])],
    ['an attachment description', (s: Record<string, any>) => (s.attachments = [{ ...fileUrl, display: { 'en-US': 'a' }, description: {} }])],
    ['a sub-statement verb.display', (s: Record<string, any>) => (s.object = { objectType: 'SubStatement', actor: s.actor, verb: { ...s.verb, display: {} }, object: s.object })],
    ['a sub-statement definition.name', (s: Record<string, any>) => (s.object = { objectType: 'SubStatement', actor: s.actor, verb: s.verb, object: { ...s.object, definition: { name: {} } } })],
  ])('answers 400 to an empty language map in %s, and stores nothing', async (_where, mutate) => {
    const before = lrs.store.countStatements();
    const response = await postStatements(statement(mutate));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/language map/);
    expect(lrs.store.countStatements()).toBe(before);
  });

  it('accepts language maps with an entry, and a statement without any', async () => {
    expect((await postStatements(statement(() => {}))).status).toBe(200);
    expect((await postStatements(statement((s) => (delete s.verb.display, delete s.object.definition)))).status).toBe(200);
  });
});

describe('a statement id sent again (xAPI Data 2.3.1 comparison)', () => {
  const actor = { objectType: 'Agent', name: 'Sun Li', mbox: 'mailto:sun.li@example.edu.cn' };
  const base = (extra: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
    object: { objectType: 'Activity', id: 'https://example.org/c/q1' },
    result: { success: true, response: 'true' },
    ...extra,
  });
  const post = (s: unknown) => postStatements(JSON.stringify(s));
  const retried = async (first: Record<string, unknown>, again: Record<string, unknown>) => {
    expect((await post(first)).status).toBe(200);
    return (await post(again)).status;
  };

  it('accepts the same instant written in another zone or format', async () => {
    const s = base({ timestamp: '2026-03-01T10:00:00.000Z' });
    expect(await retried(s, { ...s, timestamp: '2026-03-01T18:00:00+08:00' })).toBe(200);
    expect((await post({ ...s, timestamp: '2026-03-01T10:00:00Z' })).status).toBe(200);
  });

  it('accepts another verb.display', async () => {
    const s = base({ timestamp: new Date().toISOString() });
    expect(await retried(s, { ...s, verb: { ...s.verb, display: { 'zh-CN': '回答了' } } })).toBe(200);
    expect((await post({ ...s, verb: { id: s.verb.id } })).status).toBe(200);
  });

  it('accepts a retry of a statement that had no timestamp (the LRS set it), with or without one', async () => {
    const s = base();
    expect(await retried(s, s)).toBe(200);
    expect((await post({ ...s, timestamp: '2026-03-01T10:00:00.000Z' })).status).toBe(200);
    const put = await putStatement(s.id, JSON.stringify(s));
    expect(put.status).toBe(204);
  });

  it('accepts a retry whose stored, authority and version differ', async () => {
    const s = base({ timestamp: new Date().toISOString() });
    const again = { ...s, stored: '2020-01-01T00:00:00.000Z', version: '1.0.0', authority: { objectType: 'Agent', mbox: 'mailto:someone@example.org' } };
    expect(await retried(s, again)).toBe(200);
  });

  it('still refuses with 409 another instant, result or object under the same id', async () => {
    const s = base({ timestamp: '2026-03-01T10:00:00.000Z' });
    expect(await retried(s, { ...s, timestamp: '2026-03-01T10:00:00.001Z' })).toBe(409);
    expect((await post({ ...s, timestamp: '2026-03-01T10:00:00.0001Z' })).status).toBe(409);
    expect((await post({ ...s, result: { success: false, response: 'true' } })).status).toBe(409);
    expect((await post({ ...s, object: { objectType: 'Activity', id: 'https://example.org/c/q2' } })).status).toBe(409);
    expect((await post({ ...s, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'answered' } } })).status).toBe(409);
  });
});

describe('since and until', () => {
  /** The instant `at`, written in the zone `hours` east of UTC (e.g. "…T18:00:00.000+08:00"). */
  const inZone = (at: number, hours: number) => `${new Date(at + hours * 3_600_000).toISOString().slice(0, -1)}${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`;
  const query = async (params: Record<string, string>) => {
    const response = await call(`statements?${new URLSearchParams(params)}`);
    return { status: response.status, ids: response.ok ? ((await response.json()).statements as Array<{ id: string }>).map((s) => s.id) : [] };
  };

  it('compare instants, whatever zone the query is written in', async () => {
    const activity = `https://example.org/c/since-${randomUUID()}`;
    const s = { id: randomUUID(), actor: { mbox: 'mailto:qian@example.edu.cn' }, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: activity } };
    expect((await postStatements(JSON.stringify(s))).status).toBe(200);
    const stored = Date.parse(lrs.store.getStatement(s.id)!.stored);
    // An hour before, written in UTC+8, reads later as a string than the stored "…Z" value.
    expect(await query({ activity, since: inZone(stored - 3_600_000, 8) })).toEqual({ status: 200, ids: [s.id] });
    expect(await query({ activity, since: inZone(stored + 3_600_000, -8) })).toEqual({ status: 200, ids: [] });
    expect(await query({ activity, until: inZone(stored + 3_600_000, -8) })).toEqual({ status: 200, ids: [s.id] });
    expect(await query({ activity, until: inZone(stored - 3_600_000, 8) })).toEqual({ status: 200, ids: [] });
    // since is exclusive, until inclusive, to the millisecond.
    expect(await query({ activity, since: inZone(stored, 5) })).toEqual({ status: 200, ids: [] });
    expect(await query({ activity, until: inZone(stored, -5) })).toEqual({ status: 200, ids: [s.id] });
  });

  it.each(['yesterday', '2026-02-31T00:00:00Z', '2026-03-01', '2026-03-01T25:00:00Z', '1700000000', ''])('refuse %j with 400', async (value) => {
    expect((await query({ since: value })).status).toBe(400);
    expect((await query({ until: value })).status).toBe(400);
  });
});

describe('voided statements', () => {
  const actor = { objectType: 'Agent', mbox: 'mailto:zhou.min@example.edu.cn' };
  const answered = (activity: string) => ({ id: randomUUID(), actor, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, object: { objectType: 'Activity', id: activity }, timestamp: new Date().toISOString() });
  const voiding = (target: string) => ({ id: randomUUID(), actor, verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } }, object: { objectType: 'StatementRef', id: target } });
  const get = (params: Record<string, string>) => call(`statements?${new URLSearchParams(params)}`);

  it('are read only by voidedStatementId, and left out of queries; the voiding statement stays', async () => {
    const activity = `https://example.org/c/void-${randomUUID()}`;
    const kept = answered(activity);
    const mistaken = answered(activity);
    const voider = voiding(mistaken.id);
    expect((await postStatements(JSON.stringify([kept, mistaken]))).status).toBe(200);
    expect((await postStatements(JSON.stringify(voider))).status).toBe(200);

    expect((await get({ statementId: mistaken.id })).status).toBe(404);
    const byVoided = await get({ voidedStatementId: mistaken.id });
    expect(byVoided.status).toBe(200);
    expect((await byVoided.json()).id).toBe(mistaken.id);
    // A statement that is not voided is not found by voidedStatementId.
    expect((await get({ voidedStatementId: kept.id })).status).toBe(404);
    expect((await get({ statementId: kept.id })).status).toBe(200);
    expect((await get({ statementId: voider.id })).status).toBe(200);

    const listed = await (await get({ activity, ascending: 'true' })).json();
    expect(listed.statements.map((s: { id: string }) => s.id)).toEqual([kept.id]);
    const all = await (await get({ agent: JSON.stringify(actor), ascending: 'true', limit: '500' })).json();
    const ids = all.statements.map((s: { id: string }) => s.id);
    expect(ids).toContain(voider.id);
    expect(ids).not.toContain(mistaken.id);
  });

  it('voids a statement that arrives after its voiding statement', async () => {
    const late = answered('https://example.org/c/late');
    expect((await postStatements(JSON.stringify(voiding(late.id)))).status).toBe(200);
    expect((await postStatements(JSON.stringify(late))).status).toBe(200);
    expect((await get({ statementId: late.id })).status).toBe(404);
    expect((await get({ voidedStatementId: late.id })).status).toBe(200);
  });

  it('finds statements by id in any case', async () => {
    const s = answered('https://example.org/c/case');
    expect((await postStatements(JSON.stringify(s))).status).toBe(200);
    expect((await get({ statementId: s.id.toUpperCase() })).status).toBe(200);
    const voider = voiding(s.id.toUpperCase());
    expect((await postStatements(JSON.stringify(voider))).status).toBe(200);
    expect((await get({ voidedStatementId: s.id.toUpperCase() })).status).toBe(200);
    expect((await get({ statementId: s.id })).status).toBe(404);
    // PUT's statementId and the body's id are the same id in another case.
    const put = answered('https://example.org/c/case');
    expect((await putStatement(put.id.toUpperCase(), JSON.stringify(put))).status).toBe(204);
  });

  it('refuses with 400 a voiding statement that voids a voiding statement, stored or in the same batch', async () => {
    const s = answered('https://example.org/c/twice');
    const first = voiding(s.id);
    expect((await postStatements(JSON.stringify([s, first]))).status).toBe(200);
    const before = lrs.store.countStatements();
    const again = await postStatements(JSON.stringify(voiding(first.id)));
    expect(again.status).toBe(400);
    expect((await again.json()).error).toMatch(/voiding statement cannot be voided/);
    const inBatch = voiding(randomUUID());
    expect((await postStatements(JSON.stringify([inBatch, voiding(inBatch.id)]))).status).toBe(400);
    expect(lrs.store.countStatements()).toBe(before);
    expect((await get({ statementId: first.id })).status).toBe(200);
  });

  it('answers 400 to statementId with voidedStatementId, or with a filter', async () => {
    const id = randomUUID();
    expect((await get({ statementId: id, voidedStatementId: id })).status).toBe(400);
    expect((await get({ statementId: id, verb: 'http://adlnet.gov/expapi/verbs/answered' })).status).toBe(400);
    expect((await get({ voidedStatementId: id, limit: '1' })).status).toBe(400);
    expect((await get({ statementId: id, format: 'exact', attachments: 'false' })).status).toBe(404);
  });
});

describe('the agent filter', () => {
  const learner = { objectType: 'Agent', name: 'Wu Hao', account: { homePage: 'https://lms.example.edu.cn', name: `wu-${randomUUID()}` } };
  const instructor = { objectType: 'Agent', mbox: `mailto:teacher-${randomUUID()}@example.edu.cn` };
  const someone = () => ({ objectType: 'Agent', mbox: `mailto:${randomUUID()}@example.edu.cn` });
  const verb = (name: string) => ({ id: `http://adlnet.gov/expapi/verbs/${name}` });
  const ids = async (params: Record<string, string>) => {
    const response = await call(`statements?${new URLSearchParams({ ...params, ascending: 'true', limit: '500' })}`);
    expect(response.status).toBe(200);
    return ((await response.json()).statements as Array<{ id: string }>).map((s) => s.id);
  };

  it('matches the actor or an Agent or Group object (a group by its members too); related_agents also context instructor and team, and sub-statements', async () => {
    const asActor = { id: randomUUID(), actor: learner, verb: verb('experienced'), object: { id: 'https://example.org/c/lesson-1' } };
    const asObject = { id: randomUUID(), actor: instructor, verb: verb('mentored'), object: learner };
    const inGroup = { id: randomUUID(), actor: { objectType: 'Group', member: [someone(), learner] }, verb: verb('attended'), object: { id: 'https://example.org/c/drill' } };
    const asInstructor = { id: randomUUID(), actor: someone(), verb: verb('attended'), object: { id: 'https://example.org/c/drill' }, context: { instructor: learner } };
    const inTeam = { id: randomUUID(), actor: someone(), verb: verb('attended'), object: { id: 'https://example.org/c/drill' }, context: { team: { objectType: 'Group', member: [learner] } } };
    const inSub = { id: randomUUID(), actor: someone(), verb: verb('planned'), object: { objectType: 'SubStatement', actor: learner, verb: verb('attended'), object: { id: 'https://example.org/c/drill' } } };
    const unrelated = { id: randomUUID(), actor: someone(), verb: verb('experienced'), object: { id: 'https://example.org/c/lesson-1' } };
    expect((await postStatements(JSON.stringify([asActor, asObject, inGroup, asInstructor, inTeam, inSub, unrelated]))).status).toBe(200);

    const agent = JSON.stringify({ account: learner.account });
    expect(await ids({ agent })).toEqual([asActor.id, asObject.id, inGroup.id]);
    expect(await ids({ agent, related_agents: 'true' })).toEqual([asActor.id, asObject.id, inGroup.id, asInstructor.id, inTeam.id, inSub.id]);
    expect(await ids({ agent: JSON.stringify(instructor) })).toEqual([asObject.id]);
  });

  const malformed = [
    ['null', 'null'],
    ['a number', '5'],
    ['not JSON', '{mbox:'],
    ['an agent without an identifier', JSON.stringify({ name: 'Wu Hao' })],
    ['an agent with two identifiers', JSON.stringify({ mbox: 'mailto:wu@example.edu.cn', openid: 'https://openid.example.org/wu' })],
    ['an anonymous group', JSON.stringify({ objectType: 'Group', member: [{ mbox: 'mailto:wu@example.edu.cn' }] })],
    ['an mbox that is not mailto:', JSON.stringify({ mbox: 'wu@example.edu.cn' })],
    ['an account without a name', JSON.stringify({ account: { homePage: 'https://lms.example.edu.cn' } })],
    ['an account with an empty name', JSON.stringify({ account: { homePage: 'https://lms.example.edu.cn', name: '' } })],
    ['an activity', JSON.stringify({ objectType: 'Activity', id: 'https://example.org/c' })],
  ];

  it.each(malformed)('refuses %s with 400', async (_what, agent) => {
    expect((await call(`statements?${new URLSearchParams({ agent })}`)).status).toBe(400);
  });

  it.each(malformed)('refuses %s on the state and agent profile resources with the same 400 as a statement query', async (_what, agent) => {
    const query = await call(`statements?${new URLSearchParams({ agent })}`);
    const refusal = { status: query.status, body: await query.json() };
    expect(refusal.status).toBe(400);
    for (const url of [`activities/state?${new URLSearchParams({ activityId: 'https://example.org/c', agent, stateId: 'resume' })}`, `agents/profile?${new URLSearchParams({ agent, profileId: 'p' })}`]) {
      for (const method of ['GET', 'PUT']) {
        const response = await call(url, { method, body: method === 'PUT' ? '{}' : undefined });
        expect({ status: response.status, body: await response.json() }).toEqual(refusal);
      }
    }
  });

  it('refuses related_agents that is not true or false', async () => {
    expect((await call(`statements?${new URLSearchParams({ agent: JSON.stringify(instructor), related_agents: 'yes' })}`)).status).toBe(400);
  });
});

describe('document POST', () => {
  const actor = { objectType: 'Agent', mbox: 'mailto:lin.fang@example.edu.cn' };
  const stateUrl = () => `activities/state?${new URLSearchParams({ activityId: 'https://example.org/c', agent: JSON.stringify(actor), stateId: `merge-${randomUUID()}` })}`;
  const write = (url: string, method: string, body: string, type = 'application/json') => call(url, { method, headers: { 'Content-Type': type }, body });
  const read = async (url: string) => {
    const response = await call(url);
    return { type: response.headers.get('content-type'), body: await response.text() };
  };

  it('merges a JSON object into a JSON object, and stores one when there is none', async () => {
    const url = stateUrl();
    expect((await write(url, 'POST', '{"x":"foo","y":"bar"}')).status).toBe(204);
    expect((await write(url, 'POST', '{"x":"bash","z":"faz"}', 'application/json; charset=utf-8')).status).toBe(204);
    expect(JSON.parse((await read(url)).body)).toEqual({ x: 'bash', y: 'bar', z: 'faz' });
  });

  it.each([
    ['the stored document is not JSON', ['text/plain', 'resume at lesson 2'], ['application/json', '{"more":1}']],
    ['the stored document is a JSON array', ['application/json', '[1,2]'], ['application/json', '{"more":1}']],
    ['the stored JSON is sent as text/plain', ['text/plain', '{"at":1}'], ['application/json', '{"more":1}']],
    ['the posted document is not JSON', ['application/json', '{"at":1}'], ['text/plain', 'more']],
    ['the posted document is JSON sent as text/plain', ['application/json', '{"at":1}'], ['text/plain', '{"more":1}']],
    ['the posted document is a JSON array', ['application/json', '{"at":1}'], ['application/json', '[1]']],
    ['the posted document is null', ['application/json', '{"at":1}'], ['application/json', 'null']],
  ])('answers 400 and leaves the document as it was when %s', async (_what, [storedType, storedBody], [postedType, postedBody]) => {
    const url = stateUrl();
    expect((await write(url, 'PUT', storedBody!, storedType)).status).toBe(204);
    expect((await write(url, 'POST', postedBody!, postedType)).status).toBe(400);
    expect(await read(url)).toEqual({ type: storedType, body: storedBody });
  });

  it('answers 400 to a first POST that is not a JSON object, and stores nothing', async () => {
    const url = stateUrl();
    expect((await write(url, 'POST', 'plain words', 'text/plain')).status).toBe(400);
    expect((await call(url)).status).toBe(404);
  });
});

describe('state registration and since', () => {
  const actor = { objectType: 'Agent', mbox: 'mailto:sun.li@example.edu.cn' };
  const stateUrl = (registration: string) => `activities/state?${new URLSearchParams({ activityId: 'https://example.org/c', agent: JSON.stringify(actor), registration, stateId: 'resume' })}`;

  it.each(['GET', 'PUT', 'POST', 'DELETE'])('answers 400 to a %s whose registration is not a UUID, and changes nothing', async (method) => {
    const body = method === 'PUT' || method === 'POST' ? '{"state":"x"}' : undefined;
    for (const registration of ['true', 'r1', '']) {
      const response = await call(stateUrl(registration), { method, body });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/registration/);
    }
    expect(lrs.store.listDocumentIds('state', 'https://example.org/c', `mbox:${actor.mbox}`, 'true')).toEqual([]);
  });

  it('answers 400 to a list GET whose since is not a timestamp', async () => {
    const list = (since: string) => call(`activities/state?${new URLSearchParams({ activityId: 'https://example.org/c', agent: JSON.stringify(actor), since })}`);
    expect((await list('not a timestamp')).status).toBe(400);
    expect((await list('2026-03-01T10:00:00Z')).status).toBe(200);
  });

  it('takes a UUID in any case', async () => {
    const registration = randomUUID().toUpperCase();
    expect((await call(stateUrl(registration), { method: 'POST', body: '{"state":"x"}' })).status).toBe(204);
    expect((await call(stateUrl(registration))).status).toBe(200);
  });
});

describe('document concurrency (ETag, If-Match, If-None-Match)', () => {
  const actor = { objectType: 'Agent', mbox: 'mailto:he.jun@example.edu.cn' };
  const profiles = {
    'activity profile': () => `activities/profile?${new URLSearchParams({ activityId: 'https://example.org/c', profileId: `p-${randomUUID()}` })}`,
    'agent profile': () => `agents/profile?${new URLSearchParams({ agent: JSON.stringify(actor), profileId: `p-${randomUUID()}` })}`,
  };
  const write = (url: string, method: string, body: string, extra: Record<string, string> = {}) => call(url, { method, headers: extra, body: method === 'DELETE' ? undefined : body });
  const sha1 = (text: string) => `"${createHash('sha1').update(text).digest('hex')}"`;
  const read = async (url: string) => {
    const response = await call(url);
    return { status: response.status, etag: response.headers.get('etag'), body: response.ok ? await response.text() : null };
  };

  it.each(Object.entries(profiles))('%s: GET gives the quoted SHA-1 as ETag; PUT over it needs If-Match (409 without, 412 when it does not match)', async (_kind, makeUrl) => {
    const url = makeUrl();
    expect((await write(url, 'PUT', '{"v":1}')).status).toBe(204);
    expect(await read(url)).toEqual({ status: 200, etag: sha1('{"v":1}'), body: '{"v":1}' });

    const blind = await write(url, 'PUT', '{"v":2}');
    expect(blind.status).toBe(409);
    expect((await blind.json()).error).toMatch(/If-Match/);
    expect((await write(url, 'PUT', '{"v":2}', { 'If-Match': sha1('{"v":0}') })).status).toBe(412);
    expect((await write(url, 'PUT', '{"v":2}', { 'If-None-Match': '*' })).status).toBe(412);
    expect((await read(url)).body).toBe('{"v":1}');

    expect((await write(url, 'PUT', '{"v":2}', { 'If-Match': sha1('{"v":1}') })).status).toBe(204);
    expect(await read(url)).toEqual({ status: 200, etag: sha1('{"v":2}'), body: '{"v":2}' });
    expect((await write(url, 'PUT', '{"v":3}', { 'If-Match': '*' })).status).toBe(204);
  });

  it.each(Object.entries(profiles))('%s: If-None-Match: * creates only a new document; If-Match on a missing one is a 412', async (_kind, makeUrl) => {
    const url = makeUrl();
    expect((await write(url, 'PUT', '{"v":1}', { 'If-Match': sha1('{"v":1}') })).status).toBe(412);
    expect((await read(url)).status).toBe(404);
    expect((await write(url, 'PUT', '{"v":1}', { 'If-None-Match': '*' })).status).toBe(204);
    expect((await write(url, 'PUT', '{"v":2}', { 'If-None-Match': '*' })).status).toBe(412);
    expect((await read(url)).body).toBe('{"v":1}');
  });

  it.each(Object.entries(profiles))('%s: POST and DELETE honour If-Match and If-None-Match', async (_kind, makeUrl) => {
    const url = makeUrl();
    expect((await write(url, 'POST', '{"a":1}')).status).toBe(204);
    expect((await write(url, 'POST', '{"b":2}', { 'If-Match': sha1('{}') })).status).toBe(412);
    expect((await write(url, 'POST', '{"b":2}', { 'If-None-Match': '*' })).status).toBe(412);
    expect((await write(url, 'DELETE', '', { 'If-Match': sha1('{}') })).status).toBe(412);
    expect((await read(url)).body).toBe('{"a":1}');
    expect((await write(url, 'POST', '{"b":2}', { 'If-Match': sha1('{"a":1}') })).status).toBe(204);
    expect((await write(url, 'DELETE', '', { 'If-Match': sha1('{"a":1,"b":2}') })).status).toBe(204);
    expect((await read(url)).status).toBe(404);
  });

  it('state: a PUT over an existing document without If-Match or If-None-Match is a 409 (xAPI 2.0), a POST merges without them', async () => {
    const url = `activities/state?${new URLSearchParams({ activityId: 'https://example.org/c', agent: JSON.stringify(actor), registration: randomUUID(), stateId: 'resume' })}`;
    expect((await write(url, 'PUT', '{"at":1}')).status).toBe(204);
    expect((await write(url, 'PUT', '{"at":2}')).status).toBe(409);
    expect(await read(url)).toEqual({ status: 200, etag: sha1('{"at":1}'), body: '{"at":1}' });
    // As the players save it: the same keys every time, so the merge replaces the document.
    expect((await write(url, 'POST', '{"at":2}', { 'Content-Type': 'application/json' })).status).toBe(204);
    expect(await read(url)).toEqual({ status: 200, etag: sha1('{"at":2}'), body: '{"at":2}' });
    expect((await write(url, 'PUT', '{"at":3}', { 'If-Match': sha1('{"at":1}') })).status).toBe(412);
    expect((await write(url, 'PUT', '{"at":3}', { 'If-None-Match': '*' })).status).toBe(412);
    expect((await write(url, 'PUT', '{"at":3}', { 'If-Match': sha1('{"at":2}') })).status).toBe(204);
    expect((await write(url, 'DELETE', '')).status).toBe(204);
  });

  it('works out a document\'s ETag once, when it is written, not on each request', async () => {
    const registration = randomUUID();
    const url = `activities/state?${new URLSearchParams({ activityId: 'https://example.org/c', agent: JSON.stringify(actor), registration, stateId: 'resume' })}`;
    expect((await write(url, 'PUT', '{"at":1}')).status).toBe(204);
    // The stored bytes changed in place (nothing in the LRS does that): a request that hashed them again would give another ETag.
    lrs.store.getDocument('state', 'https://example.org/c', `mbox:${actor.mbox}`, registration, 'resume')!.body.write('9', 6);
    expect(await read(url)).toEqual({ status: 200, etag: sha1('{"at":1}'), body: '{"at":9}' });
    expect((await write(url, 'PUT', '{"at":2}', { 'If-Match': sha1('{"at":1}') })).status).toBe(204);
    expect((await read(url)).etag).toBe(sha1('{"at":2}'));
  });
});

describe('document DELETE', () => {
  it.each([
    ['agents/profile', { agent: JSON.stringify({ mbox: 'mailto:gao.yu@example.edu.cn' }) }],
    ['activities/profile', { activityId: 'https://example.org/c' }],
  ])('%s without profileId is a 400 that deletes nothing (only state deletes several at once)', async (resource, params) => {
    const one = `${resource}?${new URLSearchParams({ ...params, profileId: 'kept' })}`;
    expect((await call(one, { method: 'PUT', body: '{"kept":true}', headers: { 'If-None-Match': '*' } })).status).toBe(204);
    expect((await call(`${resource}?${new URLSearchParams(params)}`, { method: 'DELETE' })).status).toBe(400);
    expect((await call(one)).status).toBe(200);
  });
});

describe('query parameters', () => {
  const actor = { objectType: 'Agent', mbox: 'mailto:lin.hao@example.edu.cn' };
  const agent = JSON.stringify(actor);

  // ADL's suites (v1_0_3 and v2_0 H.Communication3.2-ErrorCodes.js, XAPI-00324 and XAPI-00325).
  it.each(['foo', 'LIMIT', 'StatementId', 'VoidedStatementId', 'Agent', 'Verb', 'Activity', 'Registration', 'Related_Activities', 'Related_Agents', 'Since', 'Until', 'Limit', 'Format', 'Attachments', 'Ascending'])(
    'a statement GET with the parameter %s, which xAPI does not define (names are case-sensitive), is a 400',
    async (name) => {
      const response = await call(`statements?${new URLSearchParams({ [name]: name === 'Agent' ? agent : 'true' })}`);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toContain(name);
      // XAPI-00153: the header comes with every statement GET, a 400 included.
      expect(response.headers.get('X-Experience-API-Consistent-Through')).toMatch(/^\d{4}-\d\d-\d\dT/);
    },
  );

  it('a statement GET refused before its parameters are read (no version header, wrong credentials) carries the header too (XAPI-00153)', async () => {
    const refusals: Array<Record<string, string>> = [{ 'X-Experience-API-Version': '' }, { Authorization: 'Basic d3Jvbmc6d3Jvbmc=' }];
    for (const refused of refusals) {
      const response = await call('statements?limit=1', { headers: refused });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('X-Experience-API-Consistent-Through')).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
  });

  it('a document request with a parameter its resource does not define is a 400 that writes nothing (v1_0_3 H.Communication2.7: agent on the Activity Profile)', async () => {
    const profile = `activities/profile?${new URLSearchParams({ activityId: 'https://example.org/c', profileId: `p-${randomUUID()}`, agent })}`;
    expect((await call(profile, { method: 'POST', body: '{"a":1}' })).status).toBe(400);
    const state = `activities/state?${new URLSearchParams({ activityId: 'https://example.org/c', agent, stateId: 'resume', StateId: 'x' })}`;
    expect((await call(state, { method: 'POST', body: '{"a":1}' })).status).toBe(400);
    expect(lrs.store.listDocumentIds('activity-profile', 'https://example.org/c', `mbox:${actor.mbox}`, '')).toEqual([]);
    expect(lrs.store.listDocumentIds('state', 'https://example.org/c', `mbox:${actor.mbox}`, '')).toEqual([]);
  });

  it('takes every parameter the players send, and the more link it gives', async () => {
    const registration = randomUUID();
    const activity = `https://example.org/c/params-${randomUUID()}`;
    const statements = [1, 2].map(() => ({ id: randomUUID(), actor, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: activity }, context: { registration } }));
    expect((await postStatements(JSON.stringify(statements))).status).toBe(200);
    const first = await call(`statements?${new URLSearchParams({ agent, verb: 'http://adlnet.gov/expapi/verbs/experienced', activity, registration, limit: '1' })}`);
    expect(first.status).toBe(200);
    const { more } = (await first.json()) as { more: string };
    expect((await fetch(`${server.origin}${more}`, { headers })).status).toBe(200);
    expect((await call(`statements?statementId=${statements[0]!.id}`)).status).toBe(200);
    const state = `activities/state?${new URLSearchParams({ activityId: activity, agent, registration, stateId: 'resume' })}`;
    expect((await call(state, { method: 'POST', body: '{"at":1}' })).status).toBe(204);
    expect((await call(state)).status).toBe(200);
    expect((await call(`agents/profile?${new URLSearchParams({ agent, profileId: 'cmi5LearnerPreferences' })}`)).status).toBe(404);
  });
});

describe('profile lists and since', () => {
  // v2_0 4.1.6.5-Agent-Profile-Resource.js (XAPI-00260) and 4.1.6.6-Activity-Profile-Resource.js (XAPI-00295).
  it.each([
    ['agents/profile', { agent: JSON.stringify({ mbox: 'mailto:wu.fang@example.edu.cn' }) }],
    ['activities/profile', { activityId: 'https://example.org/c' }],
  ])('%s: a list GET whose since is not a timestamp is a 400', async (resource, params) => {
    expect((await call(`${resource}?${new URLSearchParams({ ...params, since: 'true' })}`)).status).toBe(400);
    expect((await call(`${resource}?${new URLSearchParams({ ...params, since: '2026-03-01T10:00:00Z' })}`)).status).toBe(200);
  });
});
