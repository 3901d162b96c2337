/**
 * What the SCORM adapters tell an LMS, and when, for each completion rule: driven
 * directly (as the player would call them) against the Moodle profile of the test
 * LMS, so Moodle's own overrides at LMSFinish apply. The record after each session is
 * what a partner institution would see; then the Moodle profile itself. The browser
 * journeys are in scorm-moodle.e2e.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
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
let Moodle: { launch(options: Record<string, unknown>): Lms; gradebook(record: Lms['record']): { grade: number; max: number } | null };

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
  const status = (t: Record<string, string>) => [t['cmi.completion_status'], t['cmi.success_status'], t['cmi.score.raw'], t['cmi.exit'], t['adl.nav.request']];

  it('a failed attempt with one left: suspended with success unknown; the last: failed, raw in percent, closed', async () => {
    const first = await session('2004', undefined, true, (a) => a.examFinished(result(1, 0.3, false)));
    expect(status(first.tracks)).toEqual(['incomplete', 'unknown', undefined, 'suspend', 'suspendAll']);
    const second = await session('2004', first.lms.record, true, (a) => a.examFinished(result(2, 0.5, false)));
    expect(status(second.tracks)).toEqual(['incomplete', 'failed', '50', 'normal', 'exitAll']);
    expect([second.tracks['cmi.score.scaled'], second.tracks['cmi.score.max']]).toEqual(['0.5000', '100']);
  });

  it('rule lessons, exam not yet passed: completed but still open; passed and closed after the exam', async () => {
    const first = await session('2004', undefined, true, (a) => a.completed(null));
    expect(status(first.tracks)).toEqual(['completed', 'unknown', undefined, 'suspend', 'suspendAll']);
    expect(first.tracks['cmi.progress_measure']).toBe('1.0000');
    const second = await session('2004', first.lms.record, true, (a) => a.examFinished(result(1, 1, true)));
    expect(status(second.tracks)).toEqual(['completed', 'passed', '100', 'normal', 'exitAll']);
  });

  it('rule lessons-and-exam, passed before the lessons: incomplete and unknown, progress below 1; then complete', async () => {
    const first = await session('2004', undefined, true, (a) => {
      a.progress({ lessonsViewed: 2, lessonsTotal: 2, location: 'exam' });
      a.examFinished(result(1, 0.9, true));
    });
    expect(status(first.tracks)).toEqual(['incomplete', 'unknown', undefined, 'suspend', 'suspendAll']);
    expect(Number(first.tracks['cmi.progress_measure'])).toBeLessThan(1);
    const second = await session('2004', first.lms.record, true, (a) => a.completed(result(1, 0.9, true)));
    expect(status(second.tracks)).toEqual(['completed', 'passed', '90', 'normal', 'exitAll']);
  });
});

describe('the Moodle profile itself', () => {
  type ProfileLms = Lms & { entry: string; unloading: boolean; beacons: { dropped: unknown[]; used: number } };
  const launch = (options: Record<string, unknown>) => Moodle.launch(options) as ProfileLms;
  const BUDGET = 64 * 1024;

  it('1.2: at LMSFinish a raw score at or over the mastery score makes an incomplete status passed', () => {
    const lms = launch({ version: '1.2', mastery: 60 });
    lms.api.LMSInitialize!('');
    lms.api.LMSSetValue!('cmi.core.lesson_status', 'incomplete');
    lms.api.LMSSetValue!('cmi.core.score.raw', '70');
    lms.api.LMSFinish!('');
    expect(lms.record.attempts[0]!.tracks['cmi.core.lesson_status']).toBe('passed');
    const next = launch({ version: '1.2', mastery: 60, record: lms.record });
    expect([next.mode, next.entry]).toEqual(['review', 'ab-initio']);
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

  it('2004: only a suspended attempt hands its data back; a normal exit relaunches in review with nothing', () => {
    const lms = launch({ version: '2004', mastery: 0.6 });
    lms.api.Initialize!('');
    lms.api.SetValue!('cmi.suspend_data', 'state');
    lms.api.SetValue!('cmi.exit', 'suspend');
    lms.api.Terminate!('');
    const resumed = launch({ version: '2004', mastery: 0.6, record: lms.record });
    resumed.api.Initialize!('');
    expect([resumed.mode, resumed.entry, resumed.api.GetValue!('cmi.suspend_data')]).toEqual(['normal', 'resume', 'state']);
    resumed.api.SetValue!('cmi.completion_status', 'completed');
    resumed.api.SetValue!('cmi.exit', 'normal');
    resumed.api.Terminate!('');
    const review = launch({ version: '2004', mastery: 0.6, record: resumed.record });
    review.api.Initialize!('');
    expect([review.mode, review.entry, review.api.GetValue!('cmi.suspend_data'), review.api.GetValue!('cmi.completion_status')]).toEqual(['review', 'ab-initio', '', 'unknown']);
  });

  it('2004: while the page unloads, posts past the beacon budget are lost (each one re-posts every interaction)', () => {
    const lms = launch({ version: '2004', mastery: 0.6 });
    lms.api.Initialize!('');
    // Each interaction: about 1 KB as Moodle encodes it (a 90-character Chinese description is 810 bytes of it).
    const description = '求助者自述最近两周失眠、情绪低落，并说“活着没意思”。咨询师首先应当做什么？'.repeat(3).slice(0, 90);
    const count = 40;
    for (let n = 0; n < count; n++) {
      lms.api.SetValue!(`cmi.interactions.${n}.id`, `q${n}`);
      lms.api.SetValue!(`cmi.interactions.${n}.type`, 'true-false');
      lms.api.SetValue!(`cmi.interactions.${n}.description`, description);
      lms.api.SetValue!(`cmi.interactions.${n}.learner_response`, 'true');
    }
    lms.unloading = true;
    lms.api.Commit!('');
    expect(lms.beacons.dropped).toHaveLength(0);
    expect(lms.beacons.used).toBeGreaterThan(BUDGET / 2); // the interactions alone: more than half the budget
    lms.api.SetValue!('cmi.completion_status', 'completed');
    lms.api.Terminate!('');
    // The second post no longer fits: the completion never reaches the record.
    expect(lms.beacons.dropped).toHaveLength(1);
    expect(lms.record.attempts[0]!.tracks['cmi.completion_status']).toBeUndefined();
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

  it('SCORM 2004 (no range): the points as they are', async () => {
    const { tracks } = await session('2004', undefined, true, answerAll, 0.6, questions);
    expect(weightings(tracks)).toEqual(['150', '1', '0.7']);
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
    a.answered({ question, response: { type: 'true-false', value: true }, correct: true, score: 1, attempt: 1, shownAt: new Date(Date.now() - 60_000), answeredAt });

  it('is written without a time or latency rather than with the submit time', async () => {
    const old = await session('1.2', undefined, true, answer(null));
    expect(old.tracks['cmi.interactions.0.result']).toBe('correct');
    expect([old.tracks['cmi.interactions.0.time'], old.tracks['cmi.interactions.0.latency']]).toEqual([undefined, undefined]);
    const current = await session('2004', undefined, true, answer(null));
    expect(current.tracks['cmi.interactions.0.result']).toBe('correct');
    expect([current.tracks['cmi.interactions.0.timestamp'], current.tracks['cmi.interactions.0.latency']]).toEqual([undefined, undefined]);
    // One given on this page keeps both.
    const timed = await session('2004', undefined, true, answer(new Date()));
    expect(timed.tracks['cmi.interactions.0.latency']).toMatch(/^PT(1M|60(\.\d+)?S)/);
    expect(timed.tracks['cmi.interactions.0.timestamp']).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
