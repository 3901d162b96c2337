/**
 * What the SCORM adapters tell an LMS, and when, for each completion rule: driven
 * directly (as the player would call them) against the Moodle profile of the test
 * LMS, so Moodle's own overrides at LMSFinish apply. The record after each session is
 * what a partner institution would see; then the Moodle profile itself. The browser
 * journeys are in scorm-moodle.e2e.test.ts.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Course, Question, Response } from '../src/course/model.js';
import type { ExamResult } from '../src/runtime/lms/adapter.js';
import { Scorm12Adapter, scorm12Weighting, weightingScale } from '../src/runtime/lms/scorm12.js';
import { Scorm2004Adapter } from '../src/runtime/lms/scorm2004.js';
import { examResult } from '../src/runtime/scoring.js';

interface Lms {
  api: Record<string, (...args: string[]) => string>;
  mode: string;
  record: { attempts: Array<{ tracks: Record<string, string> }> };
  refused: Array<{ element: string; code: string }>;
}
let Moodle: { launch(options: Record<string, unknown>): Lms; gradebook(record: Lms['record']): { grade: number; max: number } | null; beaconBytes(version: '1.2' | '2004', entries: Array<[string, string]>): number };

beforeAll(async () => {
  const { Scorm12API, Scorm2004API } = await import('scorm-again');
  // The adapters look for the API on `window` and its parents, as in a browser.
  Object.assign(globalThis, { Scorm12API, Scorm2004API, window: globalThis });
  await import('../templates/preview/moodle-profile.js' as string);
  Moodle = (globalThis as unknown as { SkillpackMoodle: typeof Moodle }).SkillpackMoodle;
});

const course = (exam: boolean, questions: Question[] = []): Course => ({ id: 'c', exam: exam ? { attempts: 2 } : null, banks: [{ id: 'b', questions }] }) as unknown as Course;
const result = (attempt: number, scaled: number, passed: boolean): ExamResult => ({ attempt, raw: scaled * 10, max: 10, scaled, passed, passingScore: 0.6 });

/** One session: launch under Moodle, let the player's calls happen, finish; returns the stored tracks. */
async function session(version: '1.2' | '2004', record: Lms['record'] | undefined, hasExam: boolean, play: (adapter: Scorm12Adapter | Scorm2004Adapter, lms: Lms) => void, mastery = version === '1.2' ? 60 : 0.6, questions: Question[] = []) {
  const lms = Moodle.launch({ version, record, mastery });
  const g = globalThis as Record<string, unknown>;
  delete g.API;
  delete g.API_1484_11;
  g[version === '1.2' ? 'API' : 'API_1484_11'] = lms.api;
  const adapter = version === '1.2' ? new Scorm12Adapter() : new Scorm2004Adapter();
  await adapter.start(course(hasExam, questions));
  play(adapter, lms);
  await adapter.commit();
  await adapter.finish();
  expect(lms.refused).toEqual([]);
  return { lms, tracks: lms.record.attempts.at(-1)!.tracks };
}

describe('SCORM 1.2 under Moodle (mastery score overrides status)', () => {
  const status = (t: Record<string, string>) => [t['cmi.core.lesson_status'], t['cmi.core.score.raw'], t['cmi.core.exit']];

  it('a failed attempt with one left: incomplete, no score, suspended; the last failed attempt: failed with its score', async () => {
    const first = await session('1.2', undefined, true, (a) => a.examFinished(result(1, 0.3, false)));
    expect(status(first.tracks)).toEqual(['incomplete', undefined, 'suspend']);
    const second = await session('1.2', first.lms.record, true, (a) => a.examFinished(result(2, 0.5, false)));
    expect(status(second.tracks)).toEqual(['failed', '50', '']);
  });

  it('rule exam: passed with the score at once', async () => {
    const { tracks } = await session('1.2', undefined, true, (a) => {
      a.examFinished(result(1, 0.875, true));
      a.completed(result(1, 0.875, true));
    });
    expect(status(tracks)).toEqual(['passed', '87.5', '']);
  });

  it('rule lessons, exam not yet passed: stays incomplete (a completed 1.2 attempt could not be retaken)', async () => {
    const first = await session('1.2', undefined, true, (a) => a.completed(null));
    expect(status(first.tracks)).toEqual(['incomplete', undefined, 'suspend']);
    // The player restores its state and says what earlier sessions reached.
    const second = await session('1.2', first.lms.record, true, (a) => {
      a.resumed({ completed: true, result: null });
      a.examFinished(result(1, 1, true));
    });
    expect(status(second.tracks)).toEqual(['passed', '100', '']);
  });

  it('a final outcome whose last commit was lost is reported on the next launch', async () => {
    const { tracks } = await session('1.2', undefined, true, (a) => a.resumed({ completed: true, result: result(1, 0.8, true) }));
    expect(status(tracks)).toEqual(['passed', '80', '']);
  });

  it('rule lessons-and-exam, passed before the lessons: incomplete; passed once they are viewed in a later session', async () => {
    const first = await session('1.2', undefined, true, (a) => a.examFinished(result(1, 0.9, true)));
    expect(status(first.tracks)).toEqual(['incomplete', undefined, 'suspend']);
    const second = await session('1.2', first.lms.record, true, (a) => a.completed(result(1, 0.9, true)));
    expect(status(second.tracks)).toEqual(['passed', '90', '']);
  });

  it('a first look in browse (Preview) mode is recorded as browsed, not completed, and the next launch is normal', async () => {
    const lms = Moodle.launch({ version: '1.2', mastery: 60, browse: true });
    Object.assign(globalThis, { API: lms.api });
    const adapter = new Scorm12Adapter();
    expect((await adapter.start(course(true))).mode).toBe('browse');
    await adapter.finish();
    expect(lms.refused).toEqual([]);
    expect(lms.record.attempts[0]!.tracks['cmi.core.lesson_status']).toBe('browsed');
    expect(Moodle.launch({ version: '1.2', mastery: 60, record: lms.record }).mode).toBe('normal');
  });

  it('no exam: completed, no score', async () => {
    const { tracks } = await session('1.2', undefined, false, (a) => a.completed(null));
    expect(status(tracks)).toEqual(['completed', undefined, '']);
  });
});

describe('SCORM 2004 under Moodle', () => {
  // What Moodle stored (a value equal to Moodle's default, such as success unknown, is not posted); adl.nav.request is never stored.
  const status = (t: Record<string, string>) => [t['cmi.completion_status'], t['cmi.success_status'], t['cmi.score.raw'], t['cmi.exit']];

  it('a failed attempt with one left: suspended, success not reported; the last: failed, raw in percent, still suspended', async () => {
    const first = await session('2004', undefined, true, (a) => a.examFinished(result(1, 0.3, false)));
    expect(status(first.tracks)).toEqual(['incomplete', undefined, undefined, 'suspend']);
    expect(first.tracks['adl.nav.request']).toBeUndefined();
    const second = await session('2004', first.lms.record, true, (a) => a.examFinished(result(2, 0.5, false)));
    expect(status(second.tracks)).toEqual(['incomplete', 'failed', '50', 'suspend']);
    expect([second.tracks['cmi.score.scaled'], second.tracks['cmi.score.max']]).toEqual(['0.5000', '100']);
    // Suspended, so Moodle hands the record back: the course finds no attempt left.
    expect(Moodle.launch({ version: '2004', mastery: 0.6, record: second.lms.record }).mode).toBe('normal');
  });

  it('rule lessons, exam not yet passed: incomplete, so Moodle does not open it in review mode; completed and passed after the exam', async () => {
    const first = await session('2004', undefined, true, (a) => a.completed(null));
    expect(status(first.tracks)).toEqual(['incomplete', undefined, undefined, 'suspend']);
    expect(Number(first.tracks['cmi.progress_measure'])).toBeLessThan(1);
    const next = Moodle.launch({ version: '2004', mastery: 0.6, record: first.lms.record }) as Lms & { entry: string };
    expect([next.mode, next.entry]).toEqual(['normal', 'resume']);
    const second = await session('2004', first.lms.record, true, (a) => {
      a.resumed({ completed: true, result: null });
      a.examFinished(result(1, 1, true));
    });
    expect(status(second.tracks)).toEqual(['completed', 'passed', '100', 'suspend']);
    expect(second.tracks['cmi.progress_measure']).toBe('1.0000');
  });

  it('rule lessons: once every lesson is read the exam is no longer a step of the progress', async () => {
    const { tracks } = await session('2004', undefined, true, (a) => {
      a.progress({ lessonsViewed: 4, lessonsTotal: 4, location: 'lesson:last' }); // 4 of 5 steps, the exam the fifth
      a.completed(null);
    });
    expect(tracks['cmi.progress_measure']).toBe('0.9900'); // all but the final outcome
  });

  it('rule lessons, every exam attempt failed: completed and failed, final', async () => {
    const { tracks } = await session('2004', undefined, true, (a) => {
      a.completed(null);
      a.examFinished(result(2, 0.4, false));
    });
    expect(status(tracks)).toEqual(['completed', 'failed', '40', 'suspend']);
  });

  it('rule lessons-and-exam, passed before the lessons: incomplete, progress below 1; then complete', async () => {
    const first = await session('2004', undefined, true, (a) => {
      a.progress({ lessonsViewed: 2, lessonsTotal: 2, location: 'exam' });
      a.examFinished(result(1, 0.9, true));
    });
    expect(status(first.tracks)).toEqual(['incomplete', undefined, undefined, 'suspend']);
    expect(Number(first.tracks['cmi.progress_measure'])).toBeLessThan(1);
    const second = await session('2004', first.lms.record, true, (a) => a.completed(result(1, 0.9, true)));
    expect(status(second.tracks)).toEqual(['completed', 'passed', '90', 'suspend']);
  });

  it('a review launch of a record left by a normal exit sends no Terminate, so Moodle keeps the total time', async () => {
    // What packages before this one left: exit normal, so Moodle hands nothing back, total time included.
    const record = { attempts: [{ tracks: { 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed', 'cmi.score.raw': '90', 'cmi.exit': 'normal', 'cmi.total_time': 'PT25M3S' } }] };
    const lms = Moodle.launch({ version: '2004', mastery: 0.6, record });
    Object.assign(globalThis, { API_1484_11: lms.api });
    const adapter = new Scorm2004Adapter();
    expect((await adapter.start(course(true))).mode).toBe('review');
    await adapter.finish();
    expect(lms.record).toEqual(record);
  });
});

describe('commits while an attempt is under way', () => {
  async function started(version: '1.2' | '2004') {
    const lms = Moodle.launch({ version, mastery: version === '1.2' ? 60 : 0.6 }) as Lms & { calls: { commits: number } };
    const g = globalThis as Record<string, unknown>;
    delete g.API;
    delete g.API_1484_11;
    g[version === '1.2' ? 'API' : 'API_1484_11'] = lms.api;
    const adapter = version === '1.2' ? new Scorm12Adapter() : new Scorm2004Adapter();
    await adapter.start(course(true));
    return { lms, adapter, commits: () => lms.calls.commits };
  }
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  it.each(['1.2', '2004'] as const)('%s: the resume state is committed every tenth save, not at each', async (version) => {
    const { adapter, commits } = await started(version);
    expect(commits()).toBe(1); // the suspended exit, at start
    for (let i = 1; i <= 9; i++) adapter.saveState(`state ${i}`);
    await settled();
    expect(commits()).toBe(1);
    adapter.saveState('state 10');
    await settled();
    expect(commits()).toBe(2);
    // Nothing new: a commit the player asks for sends nothing.
    await adapter.commit();
    expect(commits()).toBe(2);
  });

  it('and on the first save half a minute after the last commit', async () => {
    const now = vi.spyOn(Date, 'now');
    try {
      const { adapter, commits } = await started('2004');
      now.mockReturnValue(Date.now() + 29_000);
      adapter.saveState('one');
      await settled();
      expect(commits()).toBe(1);
      now.mockReturnValue(Date.now() + 31_000);
      adapter.saveState('two');
      await settled();
      expect(commits()).toBe(2);
    } finally {
      now.mockRestore();
    }
  });

  it('2004: a commit refused while the page is hidden (its beacon over the budget) is made again once it is visible', async () => {
    const listeners = new Map<string, () => void>();
    vi.stubGlobal('addEventListener', (type: string, listener: () => void) => listeners.set(type, listener));
    vi.stubGlobal('document', { visibilityState: 'visible' });
    try {
      const { lms, adapter } = await started('2004');
      const tracks = () => lms.record.attempts.at(-1)!.tracks;
      // The page is hidden (the learner is in another tab) when the exam's clock submits it.
      Object.assign(lms as unknown as { useBeacon: boolean }, { useBeacon: true });
      (lms as unknown as { beacons: { budget: number } }).beacons.budget = 200;
      adapter.examFinished(result(1, 0.9, true));
      adapter.completed(result(1, 0.9, true));
      await adapter.commit();
      expect(tracks()['cmi.success_status']).not.toBe('passed');
      // Back on the tab: the pass is committed.
      Object.assign(lms as unknown as { useBeacon: boolean }, { useBeacon: false });
      listeners.get('visibilitychange')!();
      expect([tracks()['cmi.success_status'], tracks()['cmi.completion_status']]).toEqual(['passed', 'completed']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('2004: a record an earlier version left completed is never reported incomplete again (any LMS)', async () => {
    const lms = Moodle.launch({ version: '2004', mastery: 0.6 });
    const g = globalThis as Record<string, unknown>;
    delete g.API;
    g.API_1484_11 = lms.api;
    // Not Moodle's rule (a completed attempt opens in review there): an LMS that relaunches it normally.
    const completedGetter = lms.api.GetValue!;
    lms.api.GetValue = (element: string) => (element === 'cmi.completion_status' ? 'completed' : completedGetter(element));
    const adapter = new Scorm2004Adapter();
    await adapter.start(course(true));
    await adapter.commit();
    await adapter.finish();
    expect(lms.record.attempts.at(-1)!.tracks['cmi.completion_status']).toBe('completed');
  });

  it('2004: a browse visit to an attempt whose data the LMS did not hand back sends no Terminate (it would store zero time)', async () => {
    const lms = Moodle.launch({ version: '2004', mastery: 0.6, browse: true });
    const g = globalThis as Record<string, unknown>;
    delete g.API;
    g.API_1484_11 = lms.api;
    const adapter = new Scorm2004Adapter();
    await adapter.start(course(true));
    await adapter.finish();
    expect((lms as unknown as { calls: { finished: boolean } }).calls.finished).toBe(false);
    expect(lms.record.attempts.at(-1)!.tracks['cmi.total_time']).not.toBe('P');
  });

  it('and half a minute after a save no other save followed (a page that dies without pagehide keeps it)', async () => {
    const { adapter, commits } = await started('2004');
    vi.useFakeTimers();
    try {
      adapter.saveState('the last answer');
      await vi.advanceTimersByTimeAsync(29_000);
      expect(commits()).toBe(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(commits()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a finish right after a save (the page closing) sends Terminate only', async () => {
    const { lms, adapter, commits } = await started('2004');
    for (let i = 1; i <= 10; i++) adapter.saveState(`state ${i}`);
    await adapter.finish();
    await settled();
    expect(commits()).toBe(1);
    expect(lms.record.attempts[0]!.tracks['cmi.suspend_data']).toBe('state 10');
  });
});

describe('what a SCORM 2004 answer costs in a Moodle beacon', () => {
  const question = { id: 'insulation-class', type: 'single', points: 2, correct: ['b'], choices: ['a', 'b', 'c', 'd'].map((id) => ({ id })) } as unknown as Question;

  it('only the fields reports show: under 700 bytes as Moodle sends it while the page closes (1,041 with weighting, latency and timestamp)', async () => {
    const now = new Date();
    const { tracks } = await session('2004', undefined, true, (a) =>
      a.answered({ question, response: { type: 'single', value: 'c' }, correct: false, score: 0, attempt: 1, shownAt: new Date(now.getTime() - 5000), answeredAt: now }),
    );
    const fields = Object.entries(tracks).filter(([key]) => key.startsWith('cmi.interactions.0.'));
    expect(fields.map(([key]) => key.slice('cmi.interactions.0.'.length)).sort()).toEqual(['correct_responses.0.pattern', 'id', 'learner_response', 'result', 'type']);
    // One more answer in every later post: its fields alone (the post's fixed parts cancel out).
    const perAnswer = Moodle.beaconBytes('2004', fields as Array<[string, string]>) - Moodle.beaconBytes('2004', []);
    expect(perAnswer).toBeLessThan(700);
  });
});

describe('the Moodle profile itself', () => {
  type ProfileLms = Lms & { entry: string; useBeacon: boolean; beacons: { dropped: unknown[]; used: number }; watch(win: unknown): void };
  const launch = (options: Record<string, unknown>) => Moodle.launch(options) as ProfileLms;
  const BUDGET = 64 * 1024;

  it('1.2: at LMSFinish a raw score at or over the mastery score makes an incomplete status passed; the review launch reloads everything, entry ""', () => {
    const lms = launch({ version: '1.2', mastery: 60 });
    lms.api.LMSInitialize!('');
    lms.api.LMSSetValue!('cmi.core.lesson_status', 'incomplete');
    lms.api.LMSSetValue!('cmi.core.score.raw', '70');
    lms.api.LMSSetValue!('cmi.suspend_data', 'state');
    lms.api.LMSFinish!('');
    expect(lms.record.attempts[0]!.tracks['cmi.core.lesson_status']).toBe('passed');
    // scorm_12lib.php get_scorm_default: every track in any mode; entry "" after any status but a suspend.
    const next = launch({ version: '1.2', mastery: 60, record: lms.record });
    next.api.LMSInitialize!('');
    expect([next.mode, next.entry, next.api.LMSGetValue!('cmi.suspend_data')]).toEqual(['review', '', 'state']);
  });

  it('grades the highest attempt\'s raw score to two decimals, as current Moodle does (not truncated to an integer)', () => {
    const record = (...raws: string[]) => ({ attempts: raws.map((raw) => ({ tracks: { 'cmi.score.raw': raw } })) });
    expect(Moodle.gradebook(record('66.66', '12'))).toEqual({ grade: 66.66, max: 100 });
    expect(Moodle.gradebook(record('87.5'))).toEqual({ grade: 87.5, max: 100 });
    expect(Moodle.gradebook(record('59.996'))).toEqual({ grade: 60, max: 100 });
    expect(Moodle.gradebook({ attempts: [{ tracks: {} }] })).toBeNull();
  });

  it('1.2: refuses what Moodle refuses (suspend_data over 4,096 characters)', () => {
    const lms = launch({ version: '1.2', mastery: 60 });
    lms.api.LMSInitialize!('');
    expect(lms.api.LMSSetValue!('cmi.suspend_data', 'x'.repeat(4097))).toBe('false');
    expect(lms.api.LMSGetLastError!()).toBe('405');
    expect(lms.refused.map((r) => r.element)).toEqual(['cmi.suspend_data']);
  });

  it('2004: refuses a numeric response or pattern bound of more than five integer digits (CMIDecimal), as text of type other it keeps', () => {
    const lms = launch({ version: '2004', mastery: 0.6 });
    lms.api.Initialize!('');
    const write = (n: number, type: string, pattern: string, response: string) => {
      lms.api.SetValue!(`cmi.interactions.${n}.id`, `q${n}`);
      lms.api.SetValue!(`cmi.interactions.${n}.type`, type);
      return [lms.api.SetValue!(`cmi.interactions.${n}.correct_responses.0.pattern`, pattern), lms.api.SetValue!(`cmi.interactions.${n}.learner_response`, response)];
    };
    expect(write(0, 'numeric', '215000[:]225000', '220000')).toEqual(['false', 'false']);
    expect(lms.refused.map((r) => [r.element, r.code])).toEqual([['cmi.interactions.0.correct_responses.0.pattern', '406'], ['cmi.interactions.0.learner_response', '406']]);
    expect(write(1, 'numeric', '-5[:]99999.5', '99999')).toEqual(['true', 'true']);
    expect(write(2, 'other', '215000[:]225000', '220000')).toEqual(['true', 'true']);
  });

  it('2004: review mode follows completion_status, not the exit; only a suspended attempt hands its data back, in any mode', () => {
    const closed = launch({ version: '2004', mastery: 0.6 });
    closed.api.Initialize!('');
    closed.api.SetValue!('cmi.interactions.0.id', 'q1');
    closed.api.SetValue!('cmi.suspend_data', 'state');
    closed.api.SetValue!('cmi.completion_status', 'incomplete');
    closed.api.SetValue!('cmi.success_status', 'failed');
    closed.api.SetValue!('cmi.exit', 'normal');
    closed.api.Terminate!('');
    // Incomplete, so normal mode; a normal exit, so an empty data model: the course would start over.
    const again = launch({ version: '2004', mastery: 0.6, record: closed.record });
    again.api.Initialize!('');
    const read = (lms: ProfileLms, ...elements: string[]) => elements.map((e) => lms.api.GetValue!(e));
    expect([again.mode, again.entry, ...read(again, 'cmi.suspend_data', 'cmi.success_status', 'cmi.interactions._count')]).toEqual(['normal', 'ab-initio', '', 'unknown', '0']);

    const suspended = launch({ version: '2004', mastery: 0.6 });
    suspended.api.Initialize!('');
    suspended.api.SetValue!('cmi.suspend_data', 'state');
    suspended.api.SetValue!('cmi.completion_status', 'completed');
    suspended.api.SetValue!('cmi.exit', 'suspend');
    suspended.api.Terminate!('');
    const review = launch({ version: '2004', mastery: 0.6, record: suspended.record });
    review.api.Initialize!('');
    expect([review.mode, review.entry, ...read(review, 'cmi.suspend_data', 'cmi.completion_status')]).toEqual(['review', 'resume', 'state', 'completed']);
  });

  it('2004: a value equal to Moodle\'s default is not posted, and adl.nav.request is posted but never stored', () => {
    const lms = launch({ version: '2004', mastery: 0.6 });
    lms.api.Initialize!('');
    lms.api.SetValue!('cmi.success_status', 'unknown');
    lms.api.SetValue!('cmi.completion_status', 'incomplete');
    lms.api.SetValue!('adl.nav.request', 'suspendAll');
    lms.api.Commit!('');
    expect(lms.record.attempts[0]!.tracks).toEqual({ 'cmi.completion_status': 'incomplete' });
  });

  it('2004: Terminate adds the session to the total time handed over at launch, in any mode: zero over zero is "P"', () => {
    const tracks = { 'cmi.completion_status': 'completed', 'cmi.total_time': 'PT25M3S' };
    const resumed = launch({ version: '2004', mastery: 0.6, record: { attempts: [{ tracks: { ...tracks, 'cmi.exit': 'suspend' } }] } });
    resumed.api.Initialize!('');
    resumed.api.Terminate!('');
    expect(resumed.record.attempts[0]!.tracks['cmi.total_time']).toBe('PT25M3S');
    // A normal exit hands back nothing, total time included: the review visit's Terminate stores "P".
    const review = launch({ version: '2004', mastery: 0.6, record: { attempts: [{ tracks: { ...tracks, 'cmi.exit': 'normal' } }] } });
    review.api.Initialize!('');
    review.api.Terminate!('');
    expect([review.mode, review.record.attempts[0]!.tracks['cmi.total_time']]).toEqual(['review', 'P']);
  });

  it('posts go by beacon while the page is hidden or closing, by XHR again once it is visible (request.js)', () => {
    const lms = launch({ version: '2004', mastery: 0.6 });
    const listeners: Record<string, Array<() => void>> = {};
    const win = { document: { visibilityState: 'visible' }, addEventListener: (type: string, listener: () => void) => (listeners[type] ??= []).push(listener) };
    const fire = (type: string) => listeners[type]!.forEach((listener) => listener());
    lms.watch(win);
    win.document.visibilityState = 'hidden';
    fire('visibilitychange');
    lms.api.Initialize!('');
    lms.api.SetValue!('cmi.location', 'lesson:1');
    lms.api.Commit!('');
    expect([lms.useBeacon, lms.beacons.used > 0]).toEqual([true, true]);
    // Visible again: what was sent has landed, and the next post is an XHR.
    win.document.visibilityState = 'visible';
    fire('visibilitychange');
    expect([lms.useBeacon, lms.beacons.used]).toEqual([false, 0]);
    fire('pagehide');
    expect(lms.useBeacon).toBe(true);
  });

  it('2004: while the page is hidden or unloading, posts go as multipart beacons; past 64 KiB in flight one is refused (error 101) and nothing of it stored', () => {
    const lms = launch({ version: '2004', mastery: 0.6 });
    lms.api.Initialize!('');
    // Sixty answers as this package writes them: every later post carries them all.
    for (let n = 0; n < 60; n++) {
      lms.api.SetValue!(`cmi.interactions.${n}.id`, `urn:skillpack:psychological-counsellor:crisis-first-step-${n}:1`);
      lms.api.SetValue!(`cmi.interactions.${n}.type`, 'choice');
      lms.api.SetValue!(`cmi.interactions.${n}.correct_responses.0.pattern`, 'b');
      lms.api.SetValue!(`cmi.interactions.${n}.learner_response`, 'c');
      lms.api.SetValue!(`cmi.interactions.${n}.result`, 'incorrect');
    }
    lms.useBeacon = true;
    expect(lms.api.Commit!('')).toBe('true');
    expect(lms.beacons.used).toBeGreaterThan(BUDGET / 2);
    lms.api.SetValue!('cmi.session_time', 'PT10M');
    // The Terminate that follows is in flight beside it: refused, and the session's time never reaches the record.
    expect(lms.api.Terminate!('')).toBe('false');
    expect(lms.api.GetLastError!()).toBe('101');
    expect(lms.beacons.dropped).toHaveLength(1);
    expect(lms.record.attempts[0]!.tracks['cmi.total_time']).toBeUndefined();
  });
});

describe('a score beside the mastery score', () => {
  // A pass mark of two thirds (passingScore: 66.67, as course.yml may say), and two of three right: 0.666…
  const twoThirds = (passed: boolean): ExamResult => ({ attempt: 1, raw: 2, max: 3, scaled: 2 / 3, passed, passingScore: 0.6667 });

  it('SCORM 1.2: a fail is never written at the mastery score (Moodle would make it a pass), nor a pass below it', async () => {
    const failed = await session('1.2', undefined, true, (a) => a.examFinished({ ...twoThirds(false), attempt: 2 }), 66.67);
    expect([failed.tracks['cmi.core.lesson_status'], failed.tracks['cmi.core.score.raw']]).toEqual(['failed', '66.66']);
    // A pass just above a pass mark of 66.661 %, which the nearest two decimals (66.66) would fall below.
    const justAbove: ExamResult = { attempt: 1, raw: 66663, max: 100000, scaled: 0.66663, passed: true, passingScore: 0.66661 };
    const passed = await session('1.2', undefined, true, (a) => {
      a.examFinished(justAbove);
      a.completed(justAbove);
    }, 66.661);
    expect([passed.tracks['cmi.core.lesson_status'], passed.tracks['cmi.core.score.raw']]).toEqual(['passed', '66.67']);
  });

  it('SCORM 2004: a fail is written below scaled_passing_score, so the LMS keeps it failed', async () => {
    let judged = '';
    const { tracks } = await session('2004', undefined, true, (a, lms) => {
      a.examFinished({ ...twoThirds(false), attempt: 2 });
      judged = lms.api.GetValue!('cmi.success_status');
    }, 0.6667);
    expect([tracks['cmi.score.scaled'], tracks['cmi.score.raw'], judged]).toEqual(['0.6666', '66.66', 'failed']);
  });
});

describe('a score of questions worth 1.1 points', () => {
  // Eleven of twenty right, summed to the hundredth: 12.1 of 22, which divides to 0.5499999999999999.
  const twenty = Array.from({ length: 20 }, (_, i) => ({ id: `q${i}`, type: 'true-false', answer: true, points: 1.1, prompt: '', promptText: '', feedback: {} }) as Question);
  const elevenRight = examResult(2, twenty, twenty.map((_, i): Response => ({ type: 'true-false', value: i < 11 })), 0.6);

  it('is written as the 55 % it is, in both versions, not 54.99', async () => {
    expect(elevenRight).toMatchObject({ raw: 12.1, max: 22, passed: false });
    const old = await session('1.2', undefined, true, (a) => a.examFinished(elevenRight));
    expect([old.tracks['cmi.core.lesson_status'], old.tracks['cmi.core.score.raw']]).toEqual(['failed', '55']);
    const current = await session('2004', undefined, true, (a) => a.examFinished(elevenRight));
    expect([current.tracks['cmi.success_status'], current.tracks['cmi.score.scaled'], current.tracks['cmi.score.raw']]).toEqual(['failed', '0.5500', '55']);
  });
});

describe('an essay answer written over several lines', () => {
  const essay = { id: 'overtime-essay', type: 'essay', points: 0, maxLength: 2000, prompt: 'Describe…' } as unknown as Question;
  const text = '{First} I would listen to the employee.\r\n\n  Then I would check the time sheets, and the contract.';
  const answer = (a: Scorm12Adapter | Scorm2004Adapter) => {
    const now = new Date();
    a.answered({ question: essay, response: { type: 'essay', value: text }, correct: null, score: 0, attempt: 1, shownAt: now, answeredAt: now });
  };

  it('reaches the LMS on one line (a response with a line break is refused, and then not stored at all)', async () => {
    const old = await session('1.2', undefined, true, answer);
    expect(old.tracks['cmi.interactions.0.student_response']).toBe('{First} I would listen to the employee. Then I would check the time sheets  and the contract.');
    const current = await session('2004', undefined, true, answer);
    expect(current.tracks['cmi.interactions.0.learner_response']).toBe('(First} I would listen to the employee. Then I would check the time sheets, and the contract.');
  });
});


describe('a fill-in answer that starts with a brace', () => {
  const question = { id: 'braces', type: 'fill-in', points: 1, answers: ['{abc} x'], caseSensitive: false, exactWhitespace: false, prompt: 'Type…' } as unknown as Question;

  it('is not read as a {lang=…} delimiter (SCORM 2004 runtimes refuse it): its brace becomes a parenthesis, as in essays', async () => {
    const now = new Date();
    const answer = (a: Scorm12Adapter | Scorm2004Adapter) =>
      a.answered({ question, response: { type: 'fill-in', value: '{abc} x' }, correct: true, score: 1, attempt: 1, shownAt: now, answeredAt: now });
    const { tracks } = await session('2004', undefined, true, answer);
    expect([tracks['cmi.interactions.0.learner_response'], tracks['cmi.interactions.0.correct_responses.0.pattern']]).toEqual(['(abc} x', '(abc} x']);
    const old = await session('1.2', undefined, true, answer);
    expect(old.tracks['cmi.interactions.0.student_response']).toBe('{abc} x');
  });
});

describe('weightings of questions worth more than 100 points', () => {
  const question = (id: string, points: number) => ({ id, type: 'true-false', points, answer: true, prompt: id }) as unknown as Question;
  const questions = [question('major', 150), question('minor', 1), question('half', 0.7)];
  const answerAll = (a: Scorm12Adapter | Scorm2004Adapter) => {
    const now = new Date();
    for (const q of questions) a.answered({ question: q, response: { type: 'true-false', value: true }, correct: true, score: q.points, attempt: 1, shownAt: now, answeredAt: now });
  };
  const weightings = (tracks: Record<string, string>) => questions.map((_, n) => tracks[`cmi.interactions.${n}.weighting`]);

  it('SCORM 1.2 (−100…100 in Moodle): every one is divided by the same power of ten, so their ratios stay', async () => {
    const { tracks } = await session('1.2', undefined, true, answerAll, 60, questions);
    expect(weightings(tracks)).toEqual(['15', '0.1', '0.07']);
  });

  it('SCORM 2004: none is written (Moodle re-posts every field of every answer: see the Moodle notes)', async () => {
    const { tracks } = await session('2004', undefined, true, answerAll, 0.6, questions);
    expect(weightings(tracks)).toEqual([undefined, undefined, undefined]);
  });

  it('a course whose questions are worth at most 100 points keeps them as weightings', () => {
    const scale = weightingScale(course(true, [question('a', 100), question('b', 2.5)]));
    expect([scale, scorm12Weighting(100, scale), scorm12Weighting(2.5, scale)]).toEqual([1, '100', '2.5']);
    expect(weightingScale(course(true, [question('c', 1000)]))).toBe(10);
  });
});

describe('a numeric answer with more integer digits than Moodle\'s SCORM 2004 decimals hold', () => {
  const question = { id: 'high-earner-calc', type: 'numeric', points: 2, min: 395999, max: 396001, prompt: 'Severance…' } as unknown as Question;

  it('reaches Moodle whole, as type other with the same response and pattern', async () => {
    const now = new Date();
    const { tracks } = await session('2004', undefined, true, (a) =>
      a.answered({ question, response: { type: 'numeric', value: 396000 }, correct: true, score: 2, attempt: 1, shownAt: now, answeredAt: now }));
    const written = ['type', 'learner_response', 'correct_responses.0.pattern', 'result'].map((field) => tracks[`cmi.interactions.0.${field}`]);
    expect(written).toEqual(['other', '396000', '395999[:]396001', 'correct']);
  });
});

describe('an answer given in an earlier session (a resumed attempt)', () => {
  const question = { id: 'overtime-rule', type: 'true-false', points: 1, answer: true, prompt: 'Overtime…' } as unknown as Question;
  const answer = (answeredAt: Date | null) => (a: Scorm12Adapter | Scorm2004Adapter) =>
    a.answered({ question, response: { type: 'true-false', value: true }, correct: true, score: 1, attempt: 1, shownAt: new Date((answeredAt ?? new Date()).getTime() - 60_000), answeredAt });

  it('is written without a time or latency rather than with the submit time (SCORM 1.2; SCORM 2004 writes neither)', async () => {
    const old = await session('1.2', undefined, true, answer(null));
    expect(old.tracks['cmi.interactions.0.result']).toBe('correct');
    expect([old.tracks['cmi.interactions.0.time'], old.tracks['cmi.interactions.0.latency']]).toEqual([undefined, undefined]);
    // One given on this page keeps both.
    const timed = await session('1.2', undefined, true, answer(new Date()));
    expect(timed.tracks['cmi.interactions.0.latency']).toBe('0000:01:00.00');
    expect(timed.tracks['cmi.interactions.0.time']).toMatch(/^\d\d:\d\d:\d\d$/);
  });
});
