/**
 * The preview's strict cmi5 LMS, seen by a reviewer: a cmi5 launch in the
 * workspace is accepted as the player sends it, and a statement the LMS
 * refuses appears in the panel in red with its requirement id, its reason
 * and its verb, pushed over the event stream without a reload.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../src/preview/server.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { REPO } from './support/packages.js';

let project: string;
let preview: PreviewServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), 'skillpack-refusals-'));
  cpSync(path.join(REPO, 'test/fixtures/courses/mini-course'), path.join(project, 'courses/mini-course'), { recursive: true });
  preview = await startPreview({ root: project, port: 0, db: ':memory:', log: () => {} });
  browser = await sharedBrowser();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(preview.url);
});

afterAll(async () => {
  await closeContexts();
  await preview?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

const report = () => page.locator('#report');
const verbs = (registration: string) => preview.store.queryStatements({ registration, ascending: true, limit: 1000 }).statements.map((s) => (s.statement.verb as { id: string }).id.split('/').pop());

describe('preview: strict cmi5 LMS', () => {
  it('shows a refused statement in red in the panel, with its requirement id', async () => {
    await page.locator('#targets input[value="cmi5"]').check();
    // The launch the workspace made: its session, once the player has initialized it.
    const session = await (async () => {
      await expect.poll(() => preview.store.queryStatements({ verb: 'http://adlnet.gov/expapi/verbs/initialized', limit: 1 }).statements.length).toBe(1);
      const registration = preview.store.queryStatements({ verb: 'http://adlnet.gov/expapi/verbs/initialized', limit: 1 }).statements[0]!.statement.context as { registration: string };
      return preview.store.cmi5.openSessions(registration.registration)[0]!;
    })();
    expect(verbs(session.registration).slice(0, 2)).toEqual(['launched', 'initialized']);
    expect(preview.store.cmi5.rejections(session.registration)).toEqual([]);
    await expect.poll(() => report().locator('.rejections').count()).toBe(0);

    // A statement the AU could send, but with a local time: a strict LMS refuses it.
    const statement = {
      id: randomUUID(),
      actor: session.actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
      object: { objectType: 'Activity', id: 'https://skills.example.org/courses/mini-course/lessons/extra' },
      context: { registration: session.registration, contextActivities: structuredClone(session.template.contextActivities), extensions: structuredClone(session.template.extensions) },
      timestamp: '2026-12-03T20:15:00.000+08:00',
    };
    const response = await fetch(`${preview.url}xapi/statements`, {
      method: 'POST',
      headers: { Authorization: `Basic ${session.authToken}`, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
      body: JSON.stringify(statement),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ requirement: '9.7.0.0-2', index: 0 });

    const refusal = report().locator('.rejections .rejection[data-requirement="9.7.0.0-2"]');
    await expect.poll(() => refusal.count()).toBe(1);
    await expect.poll(() => refusal.locator('.requirement').textContent()).toBe('cmi5 9.7.0.0-2');
    await expect.poll(() => refusal.locator('.verb').textContent()).toBe('experienced');
    expect(await refusal.locator('.rejection-message').textContent()).toContain('UTC');
    // Red: the panel's "bad" colour, not the statements' blue.
    expect(await report().locator('.rejections').evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe('rgb(207, 34, 46)');
    expect(await refusal.locator('.requirement').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(207, 34, 46)');
    expect(await report().locator('.rejections h3').textContent()).toContain('Refused by the cmi5 LMS');
    expect(verbs(session.registration)).not.toContain('experienced');
    // The export carries the refusals too.
    const exported = await (await fetch(`${preview.url}api/export`)).json();
    expect(exported.cmi5Refusals).toEqual([expect.objectContaining({ requirement: '9.7.0.0-2', verb: statement.verb.id, statementId: statement.id, registration: session.registration })]);
    await page.screenshot({ path: path.join(tmpdir(), 'preview-cmi5-refusal.png') });
  });
});
