/**
 * A simulated LMS for browser tests: a page that loads scorm-again (the LMS
 * runtime) and opens a package in a frame, as an LMS would. Seed data (mastery
 * score, suspend_data from an earlier session) is loaded before the frame
 * starts, and every SetValue is recorded in order.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { poll } from './concurrent.js';
import { packagePath } from '../../src/paths.js';
import type { Route } from './static-server.js';

// The IIFE build (defines window.Scorm12API / Scorm2004API) is what `require` resolves to.
export const SCORM_AGAIN = createRequire(import.meta.url).resolve('scorm-again');
/** The Moodle profile the preview's simulated LMS uses too (wraps scorm-again; defines SkillpackMoodle). */
// From the package root, not from this file: the benchmark runs this module from the compiled bundle.
export const MOODLE_PROFILE = packagePath('templates', 'preview', 'moodle-profile.js');

export const LMS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title><script src="/scorm-again.js"></script><script src="/moodle-profile.js"></script></head>
<body><h1>Test LMS</h1><div id="host"></div></body></html>`;

/** Routes for the LMS page and the scorm-again script. */
export const lmsRoutes: Route[] = [
  (_req, res, url) => {
    if (url.pathname !== '/lms.html') return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(LMS_PAGE);
    return true;
  },
  async (_req, res, url) => {
    if (url.pathname !== '/scorm-again.js') return false;
    const { readFile } = await import('node:fs/promises');
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(SCORM_AGAIN));
    return true;
  },
  async (_req, res, url) => {
    if (url.pathname !== '/moodle-profile.js') return false;
    const { readFile } = await import('node:fs/promises');
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(MOODLE_PROFILE));
    return true;
  },
];

export type ScormVersion = '1.2' | '2004';

export interface LaunchOptions {
  version: ScormVersion;
  /** Package launch URL, relative to the server. */
  src: string;
  /** LMS data before the SCO starts (scorm-again loadFromJSON shape). */
  seed?: Record<string, unknown>;
  /** Wrap the API to imitate an LMS quirk (source of a function (api) => api, run in the page). */
  wrap?: string;
}

/** Open the LMS page and launch the package in a frame; returns the package frame. */
export async function launchInLms(page: Page, origin: string, options: LaunchOptions): Promise<Frame> {
  await page.goto(`${origin}/lms.html`);
  await page.evaluate(({ version, src, seed, wrap }) => {
    const w = window as unknown as Record<string, any>;
    const api = version === '1.2' ? new w.Scorm12API({ autocommit: false, logLevel: 5 }) : new w.Scorm2004API({ autocommit: false, logLevel: 5 });
    if (seed) api.loadFromJSON(seed);
    w.lmsCalls = [];
    const set = version === '1.2' ? 'LMSSetValue' : 'SetValue';
    api.on(`${set}.cmi.*`, (element: string, value: string) => w.lmsCalls.push([element, value]));
    for (const name of version === '1.2' ? ['LMSInitialize', 'LMSCommit', 'LMSFinish'] : ['Initialize', 'Commit', 'Terminate']) api.on(name, () => w.lmsCalls.push([name]));
    w.lmsApi = api;
    // eslint-disable-next-line no-new-func
    const exposed = wrap ? new Function('api', `return (${wrap})(api)`)(api) : api;
    if (version === '1.2') w.API = exposed;
    else w.API_1484_11 = exposed;
    const frame = document.createElement('iframe');
    frame.id = 'sco';
    frame.title = 'course';
    frame.src = src;
    frame.style.cssText = 'width:1200px;height:900px;border:0';
    document.getElementById('host')!.append(frame);
  }, options);
  const frame = await waitForFrame(page, options.src);
  return frame;
}

async function waitForFrame(page: Page, src: string): Promise<Frame> {
  const name = path.posix.basename(src.split('?')[0]!);
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes(name));
    if (frame) {
      await frame.waitForLoadState('load');
      return frame;
    }
    await page.waitForTimeout(50);
  }
  throw new Error(`package frame ${src} did not load`);
}

/** Everything scorm-again holds, flattened ("cmi.core.lesson_status" -> value). */
export function lmsData(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => (window as unknown as { lmsApi: { getFlattenedCMI(): Record<string, string> } }).lmsApi.getFlattenedCMI());
}

/** The CMI tree as JSON (for seeding the next session). */
export function lmsJson(page: Page): Promise<Record<string, any>> {
  return page.evaluate(() => (window as unknown as { lmsApi: { renderCMIToJSONObject(): { cmi: Record<string, unknown> } } }).lmsApi.renderCMIToJSONObject().cmi);
}

/** Every SetValue / Initialize / Commit / Finish the package made, in order. */
export function lmsCalls(page: Page): Promise<string[][]> {
  return page.evaluate(() => (window as unknown as { lmsCalls: string[][] }).lmsCalls);
}

/** Close the package as a learner closing the window would (the frame is unloaded). */
export async function closePackage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const frame = document.getElementById('sco') as HTMLIFrameElement;
    frame.src = 'about:blank';
  });
  await page.waitForTimeout(300);
}

/** Interactions as objects: cmi.interactions.N.* grouped by N. */
export function interactions(data: Record<string, string>): Array<Record<string, string>> {
  const list: Array<Record<string, string>> = [];
  for (const [key, value] of Object.entries(data)) {
    const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(key);
    if (!m) continue;
    (list[Number(m[1])] ??= {})[m[2]!] = value;
  }
  return list;
}

export interface Quirks {
  /** Every call returns "false" with error 101, Initialize included. */
  refuseEverything?: boolean;
  /** SetValue on elements matching this pattern returns "false" with error 401 (not implemented). */
  refuseElements?: string;
  /** The first N Commit calls return "false" with error 391 (commit failure). */
  failCommits?: number;
}

/**
 * Source of a wrapper (for `LaunchOptions.wrap`) that makes scorm-again behave
 * like an LMS with the given quirks. It runs in the LMS page.
 */
export function quirkWrapper(version: ScormVersion, quirks: Quirks): string {
  return `(api) => {
    const quirks = ${JSON.stringify(quirks)};
    const v12 = ${version === '1.2'};
    const names = v12
      ? { init: 'LMSInitialize', set: 'LMSSetValue', commit: 'LMSCommit', error: 'LMSGetLastError' }
      : { init: 'Initialize', set: 'SetValue', commit: 'Commit', error: 'GetLastError' };
    let forced = null;
    let commitFailures = quirks.failCommits || 0;
    const refuse = (code) => { forced = code; return 'false'; };
    const wrapper = {};
    for (const name of ['LMSInitialize','LMSFinish','LMSGetValue','LMSSetValue','LMSCommit','LMSGetLastError','LMSGetErrorString','LMSGetDiagnostic',
                        'Initialize','Terminate','GetValue','SetValue','Commit','GetLastError','GetErrorString','GetDiagnostic']) {
      if (typeof api[name] !== 'function') continue;
      wrapper[name] = (...args) => {
        if (name === names.error) { const code = forced; forced = null; return code ?? api[name](...args); }
        forced = null;
        window.lmsCalls.push(['quirk:' + name, ...args.map(String)]);
        if (quirks.refuseEverything && !/GetErrorString|GetDiagnostic/.test(name)) return name.endsWith('GetValue') ? (forced = '101', '') : refuse('101');
        if (name === names.set && quirks.refuseElements && new RegExp(quirks.refuseElements).test(args[0])) return refuse('401');
        if (name === names.commit && commitFailures > 0) { commitFailures--; return refuse('391'); }
        return api[name](...args);
      };
    }
    return wrapper;
  }`;
}

/** Open the LMS page and launch the package in a pop-up window: the API is only on the opener. */
export async function launchInPopup(page: Page, origin: string, options: Omit<LaunchOptions, 'wrap'>): Promise<Page> {
  await page.goto(`${origin}/lms.html`);
  const popup = page.waitForEvent('popup');
  await page.evaluate(({ version, src, seed }) => {
    const w = window as unknown as Record<string, any>;
    const api = version === '1.2' ? new w.Scorm12API({ autocommit: false, logLevel: 5 }) : new w.Scorm2004API({ autocommit: false, logLevel: 5 });
    if (seed) api.loadFromJSON(seed);
    w.lmsCalls = [];
    w.lmsApi = api;
    if (version === '1.2') w.API = api;
    else w.API_1484_11 = api;
    window.open(src, 'course');
  }, options);
  const opened = await popup;
  await opened.waitForLoadState('load');
  return opened;
}

/** What a Moodle site holds for one learner in one SCORM activity: the tracks of each attempt. */
export interface MoodleRecord {
  attempts: Array<{ tracks: Record<string, string> }>;
}

/** The Moodle profile's state after a session, as the test reads it. */
export interface MoodleSnapshot {
  version: ScormVersion;
  mode: 'normal' | 'review' | 'browse';
  entry: string;
  record: MoodleRecord;
  refused: Array<{ call: string; element: string; value: string; code: string }>;
  beacons: { budget: number; used: number; sent: number; dropped: Array<{ call: string; bytes: number; elements: number }> };
  calls: { initialized: boolean; sets: number; commits: number; finished: boolean };
  gradebook: { grade: number; max: number } | null;
}

/** What a partner institution sees for the learner in Moodle, from the stored record. */
export interface MoodleReport {
  /** 1.2 lesson_status, 2004 completion_status. */
  status: string;
  /** 2004 success_status ('' for 1.2). */
  success: string;
  /** Gradebook value out of 100 (two decimals, as the Moodle profile computes it from the record), null when no grade. */
  grade: number | null;
  totalTime: string;
  interactions: Array<Record<string, string>>;
  refused: MoodleSnapshot['refused'];
  beaconsDropped: number;
}

export interface MoodleLaunchOptions {
  /** Open the package in a pop-up (the API is then only on the opener), as Moodle's "new window" display does. */
  popup?: boolean;
  /** The learner chose "Start a new attempt": a fresh set of tracks. */
  newAttempt?: boolean;
}

/**
 * A Moodle 4.x site for one learner and one SCORM activity, in the test LMS page: the
 * record persists from one launch to the next exactly as Moodle would hand it back
 * (review mode after a finished attempt, entry, suspend_data rules), with Moodle's
 * overrides, refusals and unload beacon budget (templates/preview/moodle-profile.js).
 * Refusals and dropped beacons accumulate over every session.
 */
export class MoodleSite {
  record: MoodleRecord = { attempts: [] };
  refused: MoodleSnapshot['refused'] = [];
  dropped: MoodleSnapshot['beacons']['dropped'] = [];
  /** The last session's state (mode, entry, calls, beacons). */
  last: MoodleSnapshot | null = null;
  private hosted: Page | null = null;

  /**
   * @param options.version SCORM version of the package
   * @param options.src package launch URL
   * @param options.mastery the manifest's mastery score: percent for 1.2, 0..1 for 2004 (as Moodle reads it)
   * @param options.beaconBudget bytes of beacons in flight the browser allows (Chromium: 64 KiB); a smaller
   *   budget stands for a data model that a 60-question exam would make larger
   */
  constructor(readonly options: { version: ScormVersion; src: string; mastery: number | null; learner?: { id: string; name: string }; beaconBudget?: number }) {}

  /** Launch the package (after reading back what the last session stored); returns the package's frame or pop-up. */
  async launch(page: Page, origin: string, launch: MoodleLaunchOptions = {}): Promise<Frame | Page> {
    if (this.hosted) this.keep(await this.sync());
    await page.goto(`${origin}/lms.html`);
    this.hosted = page;
    const args = { ...this.options, record: this.record, newAttempt: launch.newAttempt ?? false, popup: launch.popup ?? false };
    const popup = args.popup ? page.waitForEvent('popup') : null;
    await page.evaluate((o) => {
      const w = window as unknown as Record<string, any>;
      const lms = w.SkillpackMoodle.launch({ version: o.version, record: o.record, mastery: o.mastery, learner: o.learner, newAttempt: o.newAttempt, beaconBudget: o.beaconBudget });
      w.moodleLms = lms;
      w[o.version === '1.2' ? 'API' : 'API_1484_11'] = lms.api;
      if (o.popup) {
        const win = window.open(o.src, 'course')!;
        lms.watch(win);
        return;
      }
      const frame = document.createElement('iframe');
      frame.id = 'sco';
      frame.title = 'course';
      frame.src = o.src;
      frame.style.cssText = 'width:1200px;height:900px;border:0';
      // Watch each document the frame loads: the package's own, then whatever replaces it.
      frame.addEventListener('load', () => frame.contentWindow && lms.watch(frame.contentWindow));
      document.getElementById('host')!.append(frame);
    }, args);
    let scope: Frame | Page;
    if (popup) {
      scope = await popup;
      await scope.waitForLoadState('load');
    } else {
      scope = await waitForFrame(page, this.options.src);
    }
    this.last = null;
    await this.sync();
    return scope;
  }

  /** Read back what the LMS page holds (the "server" record, refusals, beacons) into this object. */
  async sync(): Promise<MoodleSnapshot | null> {
    const page = this.hosted;
    if (!page || page.isClosed()) return this.last;
    const read = () => (window as unknown as { moodleLms?: { snapshot(): unknown } }).moodleLms?.snapshot() ?? null;
    const snapshot = (await page.evaluate(read).catch(() => null)) as MoodleSnapshot | null;
    if (!snapshot) return this.last;
    this.record = snapshot.record;
    this.last = snapshot;
    return snapshot;
  }

  /** Close the course as a learner closing it would: the frame is navigated away, or the pop-up closed. */
  async close(scope: Frame | Page): Promise<void> {
    const page = this.hosted!;
    if ('close' in scope && scope !== page) await (scope as Page).close({ runBeforeUnload: true });
    else await page.evaluate(() => ((document.getElementById('sco') as HTMLIFrameElement).src = 'about:blank'));
  }

  /** Wait until the LMS has received the session's Finish/Terminate, then keep its refusals and dropped beacons. */
  async finished(): Promise<MoodleSnapshot> {
    await poll(async () => (await this.sync())?.calls.finished, { timeout: 60_000 }).toBe(true);
    const snapshot = this.last!;
    this.keep(snapshot);
    return snapshot;
  }

  /** A session is over: keep its refusals and dropped beacons. */
  private keep(snapshot: MoodleSnapshot | null): void {
    if (snapshot) {
      this.refused.push(...snapshot.refused);
      this.dropped.push(...snapshot.beacons.dropped);
    }
    this.hosted = null;
  }

  /** The record as the partner institution reads it (current attempt), with what Moodle refused or lost. */
  report(): MoodleReport {
    const tracks = this.record.attempts.at(-1)?.tracks ?? {};
    const v12 = this.options.version === '1.2';
    return {
      status: tracks[v12 ? 'cmi.core.lesson_status' : 'cmi.completion_status'] ?? '',
      success: v12 ? '' : (tracks['cmi.success_status'] ?? ''),
      grade: this.last?.gradebook?.grade ?? null,
      totalTime: tracks[v12 ? 'cmi.core.total_time' : 'cmi.total_time'] ?? '',
      interactions: interactions(tracks),
      // Past sessions, and the one still open.
      refused: [...this.refused, ...(this.hosted ? (this.last?.refused ?? []) : [])],
      beaconsDropped: this.dropped.length + (this.hosted ? (this.last?.beacons.dropped.length ?? 0) : 0),
    };
  }
}
