/**
 * The embedded LRS's journal store: what is written survives closing and
 * reopening, a crash that tears the last line loses only that line,
 * compaction keeps the data, many requests at once store every statement
 * once with consistent paging, and oversized requests get 413.
 */
import { createHash, randomUUID } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLrsHandler, MAX_BATCH, MAX_DOCUMENT_BODY, MAX_STATEMENTS_BODY } from '../src/preview/lrs/handler.js';
import { LrsStore } from '../src/preview/lrs/store.js';
import { createTestLrs, LRS_AUTH, LRS_KEY, LRS_SECRET, serveLrs, type TestLrs } from './support/lrs.js';

const actor = { objectType: 'Agent', name: 'Wang Fang', mbox: 'mailto:wangfang@example.edu.cn' };
const headers = { Authorization: LRS_AUTH, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };

function statement(extra: Record<string, unknown> = {}): Record<string, unknown> & { id: string } {
  const now = new Date().toISOString();
  return { id: randomUUID(), actor, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { objectType: 'Activity', id: 'https://example.org/c/lesson-1' }, timestamp: now, stored: now, ...extra };
}

const journal = () => path.join(mkdtempSync(path.join(tmpdir(), 'skillpack-lrs-')), 'nested', 'lrs.jsonl');
const everyId = (store: LrsStore) => store.queryStatements({ ascending: true, limit: 1_000_000 }).statements.map((s) => s.id);

describe('journal store', () => {
  it('keeps statements and documents across close and reopen', () => {
    const file = journal();
    const registration = randomUUID();
    const first = new LrsStore(file);
    const written = [statement({ context: { registration } }), statement(), statement({ context: { registration } })];
    first.insertStatements(written.slice(0, 2));
    first.insertStatements(written.slice(2));
    first.putDocument('state', 'https://example.org/c', 'mbox:x', registration, 'resume', 'application/json', Buffer.from('{"at":3}'));
    first.putDocument('state', 'https://example.org/c', 'mbox:x', registration, 'bookmark', 'text/plain', Buffer.from([0, 255, 10, 13]));
    first.putDocument('state', 'https://example.org/c', 'mbox:x', registration, 'gone', 'text/plain', Buffer.from('x'));
    first.deleteDocuments('state', 'https://example.org/c', 'mbox:x', registration, 'gone');
    first.close();

    const second = new LrsStore(file);
    expect(everyId(second)).toEqual(written.map((s) => s.id));
    expect(second.queryStatements({ registration, ascending: true, limit: 10 }).statements.map((s) => s.id)).toEqual([written[0]!.id, written[2]!.id]);
    expect(second.getStatement(written[1]!.id)?.statement).toEqual(written[1]);
    expect(second.getDocument('state', 'https://example.org/c', 'mbox:x', registration, 'resume')).toEqual({ contentType: 'application/json', body: Buffer.from('{"at":3}'), etag: `"${createHash('sha1').update('{"at":3}').digest('hex')}"` });
    expect(second.getDocument('state', 'https://example.org/c', 'mbox:x', registration, 'bookmark')?.body).toEqual(Buffer.from([0, 255, 10, 13]));
    expect(second.listDocumentIds('state', 'https://example.org/c', 'mbox:x', registration).sort()).toEqual(['bookmark', 'resume']);
    // New writes after reopening go on from where the data was.
    const later = statement();
    second.insertStatements([later]);
    second.clear();
    second.insertStatements([statement({ id: later.id })]);
    second.close();

    const third = new LrsStore(file);
    expect(everyId(third)).toEqual([later.id]);
    expect(third.getDocument('state', 'https://example.org/c', 'mbox:x', registration, 'resume')).toBeNull();
    third.close();
  });

  it('drops only a torn last line after a crash, and carries on', () => {
    const file = journal();
    const store = new LrsStore(file);
    const kept = [statement(), statement()];
    store.insertStatements(kept);
    store.putDocument('state', 'a', 'b', '', 'resume', 'application/json', Buffer.from('{"at":1}'));
    store.close();
    // The process died while appending a batch: half a line, no newline.
    const torn = JSON.stringify({ op: 'statements', items: [statement(), statement()] });
    appendFileSync(file, torn.slice(0, Math.floor(torn.length / 2)));

    const reopened = new LrsStore(file);
    expect(everyId(reopened)).toEqual(kept.map((s) => s.id));
    expect(reopened.getDocument('state', 'a', 'b', '', 'resume')?.body.toString()).toBe('{"at":1}');
    const next = statement();
    reopened.insertStatements([next]);
    reopened.close();
    // The torn bytes are gone from the file, so the next line was not glued to them.
    const again = new LrsStore(file);
    expect(everyId(again)).toEqual([...kept.map((s) => s.id), next.id]);
    again.close();
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('ignores and removes the copy a compaction cut short left behind', () => {
    const file = journal();
    const store = new LrsStore(file);
    const kept = statement();
    store.insertStatements([kept]);
    store.close();
    writeFileSync(`${file}.4242.tmp`, '{"format":"skillpack-lrs-journal","version":1}\n{"op":"clear"}\n{"op":"sta');
    const reopened = new LrsStore(file);
    expect(everyId(reopened)).toEqual([kept.id]);
    reopened.close();
    expect(readdirSync(path.dirname(file))).toEqual(['lrs.jsonl']);
  });

  it('starts afresh from a journal torn inside its first line', () => {
    const file = journal();
    new LrsStore(file).close();
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 10));
    const store = new LrsStore(file);
    expect(store.countStatements()).toBe(0);
    store.insertStatements([statement()]);
    store.close();
    expect(new LrsStore(file).countStatements()).toBe(1);
  });

  it('refuses a file that is not its journal', () => {
    const file = journal();
    new LrsStore(file).close();
    writeFileSync(file, 'SQLite format 3\u0000 and more binary\n');
    expect(() => new LrsStore(file)).toThrow(/not a skillpack LRS journal/);
  });

  it('compacts a long journal into an equal, shorter one without leaving files behind', () => {
    const file = journal();
    const store = new LrsStore(file);
    const ids: string[] = [];
    for (let i = 0; i < 3000; i++) {
      store.putDocument('state', 'https://example.org/c', 'mbox:x', 'r', 'resume', 'application/json', Buffer.from(JSON.stringify({ at: i })));
      if (i % 10 === 0) {
        const s = statement();
        ids.push(s.id);
        store.insertStatements([s]);
      }
    }
    store.close();
    const lines = readFileSync(file, 'utf8').split('\n').length;
    expect(lines).toBeLessThan(3000);
    expect(readdirSync(path.dirname(file))).toEqual(['lrs.jsonl']);
    const reopened = new LrsStore(file);
    expect(everyId(reopened)).toEqual(ids);
    expect(JSON.parse(reopened.getDocument('state', 'https://example.org/c', 'mbox:x', 'r', 'resume')!.body.toString())).toEqual({ at: 2999 });
    reopened.close();
  });

  it('refuses a second store on the same journal, saying how to run another preview, until the first is closed', () => {
    const file = journal();
    const first = new LrsStore(file);
    first.insertStatements([statement()]);
    expect(() => new LrsStore(file)).toThrow(/in use by another skillpack preview \(process \d+\)\. Stop that preview, or give this one its own journal with --db <file>/);
    // The refused store changed nothing: the first one carries on.
    first.insertStatements([statement()]);
    first.close();
    expect(readdirSync(path.dirname(file))).toEqual(['lrs.jsonl']);
    const second = new LrsStore(file);
    expect(second.countStatements()).toBe(2);
    second.close();
  });

  it('refuses a journal whose lock another running process holds, and takes over a lock whose process is gone', async () => {
    const file = journal();
    new LrsStore(file).close();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(`${file}.lock`, `${other.pid}\n`);
      expect(() => new LrsStore(file)).toThrow(new RegExp(`process ${other.pid}\\)`));
    } finally {
      other.kill();
      await new Promise((resolve) => other.once('exit', resolve));
    }
    // The same pid, now dead: the lock is stale.
    const store = new LrsStore(file);
    expect(readFileSync(`${file}.lock`, 'utf8').trim()).toBe(String(process.pid));
    store.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('leaves a stale lock to another preview taking it over, and fails at once instead of sharing the journal', () => {
    const file = journal();
    new LrsStore(file).close();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(`${file}.lock`, `${gone}\n`);
    // Another preview found it stale first and is taking it over.
    writeFileSync(`${file}.lock.takeover`, '');
    expect(() => new LrsStore(file)).toThrow(/in use by another skillpack preview that is starting/);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${gone}\n`);
  });

  it('gives up the lock when the journal cannot be opened', () => {
    const file = journal();
    new LrsStore(file).close();
    writeFileSync(file, 'not a journal\n');
    expect(() => new LrsStore(file)).toThrow(/not a skillpack LRS journal/);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('keeps appending to the journal it has when a compaction cannot replace it', async () => {
    const file = journal();
    const store = new LrsStore(file);
    store.insertStatements([statement()]);
    // Something else took the journal's name (here a folder), so the rename over it fails.
    rmSync(file);
    mkdirSync(path.join(file, 'in-the-way'), { recursive: true });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      expect(() => store.clear()).not.toThrow();
      for (let i = 0; i < 3000; i++) store.putDocument('state', 'a', 'b', '', 'resume', 'application/json', Buffer.from(JSON.stringify({ at: i })));
      expect(() => store.insertStatements([statement()])).not.toThrow();
      expect(store.countStatements()).toBe(1);
      expect(() => store.close()).not.toThrow();
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      // Told once, and again only after many more changes: not at every change.
      expect(warnings.length).toBeGreaterThanOrEqual(1);
      expect(warnings.length).toBeLessThanOrEqual(3);
      expect(warnings[0]).toMatch(/compacting the LRS journal failed/);
    } finally {
      process.off('warning', onWarning);
    }
    expect(readdirSync(path.dirname(file)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('takes since and until as instants, which the handler parsed once', () => {
    const store = new LrsStore(':memory:');
    const early = statement({ stored: '2026-03-01T10:00:00.000Z' });
    const late = statement({ stored: '2026-03-01T12:00:00.000Z' });
    store.insertStatements([early, late]);
    const ids = (range: { since?: number; until?: number }) => store.queryStatements({ ...range, ascending: true, limit: 10 }).statements.map((s) => s.id);
    const ten = Date.parse('2026-03-01T10:00:00Z');
    expect(ids({ since: ten })).toEqual([late.id]);
    expect(ids({ until: ten })).toEqual([early.id]);
    expect(ids({ since: ten - 1, until: ten + 2 * 3_600_000 })).toEqual([early.id, late.id]);
  });

  it('keeps nothing on disk for ":memory:"', () => {
    const store = new LrsStore(':memory:');
    store.insertStatements([statement()]);
    expect(store.countStatements()).toBe(1);
    store.close();
    expect(existsSync(':memory:')).toBe(false);
  });
});

describe('LRS over HTTP under load and limits', () => {
  let lrs: TestLrs;
  let server: { origin: string; close(): Promise<void> };
  beforeAll(async () => {
    lrs = createTestLrs();
    server = await serveLrs(lrs);
  });
  afterAll(() => server.close());

  const post = (body: unknown) => fetch(`${server.origin}/xapi/statements`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const activity = () => `https://example.org/c/load-${randomUUID()}`;
  const sent = (object: string) => ({ id: randomUUID(), actor, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, object: { objectType: 'Activity', id: object }, timestamp: new Date().toISOString() });

  it('stores every statement of many parallel requests once, with unique ids and consistent paging', async () => {
    const object = activity();
    const batches = Array.from({ length: 120 }, (_, i) => Array.from({ length: 1 + (i % 4) }, () => sent(object)));
    // Each batch is also sent a second time at once, as a client that retries would: still stored once.
    const responses = await Promise.all([...batches, ...batches.slice(0, 40)].map((b) => post(b)));
    expect(responses.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const expected = new Set(batches.flat().map((s) => s.id));

    const pages = async (ascending: boolean) => {
      const seen: string[] = [];
      let next = `/xapi/statements?${new URLSearchParams({ activity: object, limit: '7', ascending: String(ascending) })}`;
      for (let page = 0; next && page < 1000; page++) {
        const body = await (await fetch(`${server.origin}${next}`, { headers })).json();
        seen.push(...body.statements.map((s: { id: string }) => s.id));
        next = body.more;
      }
      return seen;
    };
    const ascending = await pages(true);
    expect(ascending).toHaveLength(expected.size);
    expect(new Set(ascending)).toEqual(expected);
    // Each batch's statements are stored together, in the order sent.
    for (const batch of batches) {
      const at = ascending.indexOf(batch[0]!.id);
      expect(ascending.slice(at, at + batch.length)).toEqual(batch.map((s) => s.id));
    }
    expect(await pages(false)).toEqual([...ascending].reverse());
  });

  it('writes every statement of parallel requests to the journal once', async () => {
    const file = journal();
    const store = new LrsStore(file);
    const handler = createLrsHandler({ store, key: LRS_KEY, secret: LRS_SECRET });
    const http = createServer(async (req, res) => {
      if (!(await handler(req, res, new URL(req.url ?? '/', 'http://127.0.0.1')))) res.writeHead(404).end();
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const object = activity();
    const batches = Array.from({ length: 80 }, (_, i) => Array.from({ length: 1 + (i % 3) }, () => sent(object)));
    try {
      const statuses = await Promise.all([...batches, ...batches.slice(0, 20)].map(async (b) => (await fetch(`${origin}/xapi/statements`, { method: 'POST', headers, body: JSON.stringify(b) })).status));
      expect(statuses.every((s) => s === 200)).toBe(true);
    } finally {
      await new Promise<void>((r) => http.close(() => r()));
      store.close();
    }
    const reopened = new LrsStore(file);
    const ids = everyId(reopened);
    expect(ids).toHaveLength(batches.flat().length);
    expect(new Set(ids)).toEqual(new Set(batches.flat().map((s) => s.id)));
    reopened.close();
  });

  it('pages consistently while statements keep arriving', async () => {
    const object = activity();
    const first = Array.from({ length: 20 }, () => sent(object));
    await post(first);
    const seen: string[] = [];
    let next = `/xapi/statements?${new URLSearchParams({ activity: object, limit: '5', ascending: 'true' })}`;
    for (let page = 0; next && page < 100; page++) {
      const body = await (await fetch(`${server.origin}${next}`, { headers })).json();
      seen.push(...body.statements.map((s: { id: string }) => s.id));
      next = body.more;
      if (page === 1) await post([sent(object), sent(object)]); // arrives mid-way: shows up at the end, never twice
    }
    expect(seen.slice(0, 20)).toEqual(first.map((s) => s.id));
    expect(seen).toHaveLength(22);
    expect(new Set(seen).size).toBe(22);
  });

  it('answers 413 to a statements body over the limit, and stores nothing of it', async () => {
    const before = lrs.store.countStatements();
    const big = sent(activity());
    const padded = { ...big, result: { response: 'x'.repeat(MAX_STATEMENTS_BODY) } };
    const response = await post(padded);
    expect(response.status).toBe(413);
    expect(lrs.store.countStatements()).toBe(before);
    // The connection's next request is answered as usual.
    expect((await post(sent(activity()))).status).toBe(200);
  });

  it('answers 413 to an oversized body sent in chunks with no declared length', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${server.origin}/xapi/activities/state?${new URLSearchParams({ activityId: 'https://example.org/c', agent: JSON.stringify(actor), stateId: 'big' })}`);
      const req = request(url, { method: 'PUT', headers: { ...headers, 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = 'y'.repeat(8 * 1024);
      for (let sentBytes = 0; sentBytes <= MAX_DOCUMENT_BODY * 2; sentBytes += chunk.length) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    expect(lrs.store.getDocument('state', 'https://example.org/c', 'mbox:mailto:wangfang@example.edu.cn', '', 'big')).toBeNull();
  });

  it('answers 413 at once to a body declared far over the limit, without waiting for it', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.origin}/xapi/statements`, { method: 'POST', headers: { ...headers, 'Content-Length': String(100 * MAX_STATEMENTS_BODY) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
      // Only the start of the promised body is ever sent: the answer must not wait for the rest.
      req.write('['.padEnd(1024, ' '));
    });
    expect(status).toBe(413);
  });

  it('answers 413 to a state document over its limit and accepts one just under it', async () => {
    const url = `${server.origin}/xapi/activities/state?${new URLSearchParams({ activityId: 'https://example.org/c', agent: JSON.stringify(actor), stateId: 'sized' })}`;
    expect((await fetch(url, { method: 'PUT', headers, body: 'z'.repeat(MAX_DOCUMENT_BODY + 1) })).status).toBe(413);
    expect((await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ notes: 'z'.repeat(MAX_DOCUMENT_BODY - 100) }) })).status).toBe(204);
  });

  it('answers 413 to a batch of too many statements', async () => {
    const before = lrs.store.countStatements();
    const object = activity();
    const response = await post(Array.from({ length: MAX_BATCH + 1 }, () => ({ actor, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: object } })));
    expect(response.status).toBe(413);
    expect(lrs.store.countStatements()).toBe(before);
    expect((await post(Array.from({ length: MAX_BATCH }, () => sent(object)))).status).toBe(200);
  });
});
