/** An embedded LRS on 127.0.0.1 for tests, with optional fault injection in front of it. */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { Course } from '../../src/course/model.js';
import { createCmi5Launch } from '../../src/preview/lrs/cmi5-launch.js';
import { cmi5Au } from '../../src/targets/cmi5.js';
import { createLrsHandler } from '../../src/preview/lrs/handler.js';
import { LrsStore } from '../../src/preview/lrs/store.js';
import type { Route } from './static-server.js';

export const LRS_KEY = 'test-key';
export const LRS_SECRET = 'test-secret';
export const LRS_AUTH = `Basic ${Buffer.from(`${LRS_KEY}:${LRS_SECRET}`).toString('base64')}`;

export interface TestLrs {
  store: LrsStore;
  /** Route to mount in a test server (answers /xapi/...). */
  route: Route;
  /** Make the next requests to /xapi/statements or state fail, hang, or arrive late (`slow`: held `delayMs`, then answered). */
  faults: { mode: 'none' | 'error500' | 'hang' | 'unauthorized' | 'slow'; remaining: number; delayMs?: number };
}

/**
 * An in-memory LRS with the cmi5 LMS side.
 * @param options.strict apply the strict cmi5 rules to statements sent with cmi5 tokens
 *   (off by default for now: older tests launch learners identified by mbox, which a strict
 *   cmi5 LMS refuses in cmi5 statements, requirement 9.2.0.0-3)
 * @param options.base the path it answers under (default `/xapi/`): tests that inject faults
 *   give each test an LRS of its own on one server, so they can run side by side
 * @param options.refusalStatus the status of a cmi5 refusal (403 by default; 401 as ADL's
 *   reference player answered before)
 */
export function createTestLrs(options: { strict?: boolean; base?: string; refusalStatus?: 401 | 403 } = {}): TestLrs {
  const store = new LrsStore(':memory:');
  const base = options.base ?? '/xapi/';
  const handler = createLrsHandler({ store, key: LRS_KEY, secret: LRS_SECRET, strictCmi5: options.strict ?? false, base, cmi5RefusalStatus: options.refusalStatus });
  const faults: TestLrs['faults'] = { mode: 'none', remaining: 0 };
  const route: Route = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (!url.pathname.startsWith(base)) return false;
    const faulty = /^(statements|activities\/state)/.test(url.pathname.slice(base.length)) && req.method !== 'OPTIONS';
    if (faulty && faults.mode !== 'none' && faults.remaining !== 0) {
      faults.remaining--;
      if (faults.mode === 'hang') return true; // never answers: the client must time out
      if (faults.mode === 'slow') {
        // A slow network: the request reaches the LRS late, after anything sent since.
        await new Promise((resolve) => setTimeout(resolve, faults.delayMs ?? 1500));
        return handler(req, res, url);
      }
      res.writeHead(faults.mode === 'unauthorized' ? 401 : 500, { 'content-type': 'application/json', 'X-Experience-API-Version': '1.0.3' });
      res.end(JSON.stringify({ error: 'injected fault' }));
      return true;
    }
    return handler(req, res, url);
  };
  return { store, route, faults };
}

/** Serve just the LRS (for endpoint tests). */
export async function serveLrs(lrs: TestLrs): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!(await lrs.route(req, res, url))) res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * Open a served course's cmi5 package in `page` as the LMS launches it (its AU as built, a new
 * learner with an account, a new registration); the launch and the AU for the test's checks.
 * @param origin the origin serving the package at /pkg/cmi5/ and the LRS at /xapi/
 */
export async function launchCmi5(page: Page, lrs: TestLrs, origin: string, course: Course, name = 'Wang Fang') {
  const au = cmi5Au(course);
  const actor = { objectType: 'Agent', name, account: { homePage: 'https://lms.example.edu.cn', name: `learner-${randomUUID()}` } };
  const launch = createCmi5Launch(lrs.store, { endpoint: `${origin}/xapi/`, actor, auId: au.auId, masteryScore: au.masteryScore, moveOn: au.moveOn });
  await page.goto(`${origin}/pkg/cmi5/index.html?${launch.query}`);
  return { au, launch };
}
