/**
 * The embedded LRS held to xAPI 1.0.3 where real strict LRSs are: malformed
 * statement bodies are a 400 (never a 500).
 */
import { randomUUID } from 'node:crypto';
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
