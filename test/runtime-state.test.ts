import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Course, Question, Response } from '../src/course/model.js';
import { bankQuestions, drawAttempt, seededRandom } from '../src/runtime/draw.js';
import {
  STATE_LIMIT,
  checksum,
  decodeState,
  emptyState,
  encodeState,
  readState,
  reconcileWithRecord,
  type ResumeState,
} from '../src/runtime/state.js';
import { recordedOutcome } from '../src/runtime/lms/lrs-adapter.js';
import { ATTEMPT_EXTENSION } from '../src/runtime/lms/xapi-statements.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/runtime-course.json', import.meta.url), 'utf8')) as Course;

const opt = (id: string) => ({ id, html: `Option ${id}`, text: `Option ${id}` });
const base = (id: string) => ({ id, prompt: `<p>${id}</p>`, promptText: id, feedback: {} });

/** One question of each type, cycling, so big banks exercise every encoder. */
function makeQuestion(i: number, essays = false): Question {
  const id = `q${i}`;
  if (essays) return { ...base(id), type: 'essay', points: 0, maxLength: 4000 };
  switch (i % 9) {
    case 0:
      return { ...base(id), type: 'true-false', points: 1, answer: true };
    case 1:
      return { ...base(id), type: 'single', points: 1, choices: ['a', 'b', 'c', 'd'].map(opt), correct: ['c'] };
    case 2:
      return { ...base(id), type: 'multiple', points: 2, choices: ['a', 'b', 'c', 'd', 'e'].map(opt), correct: ['a', 'd'] };
    case 3:
      return { ...base(id), type: 'fill-in', points: 1, answers: ['Labour Contract Law'], caseSensitive: false, exactWhitespace: false };
    case 4:
      return { ...base(id), type: 'numeric', points: 1, min: 1.5, max: 2.5 };
    case 5:
      return { ...base(id), type: 'matching', points: 1, sources: ['1', '2', '3', '4'].map(opt), targets: ['a', 'b', 'c', 'd', 'e'].map(opt), pairs: [['1', 'a'], ['2', 'b'], ['3', 'c'], ['4', 'd']] };
    case 6:
      return { ...base(id), type: 'sequencing', points: 1, items: ['a', 'b', 'c', 'd', 'e'].map(opt) };
    case 7:
      return { ...base(id), type: 'likert', points: 0, scale: ['1', '2', '3', '4', '5'].map(opt) };
    default:
      return { ...base(id), type: 'essay', points: 0, maxLength: 4000 };
  }
}

function makeCourse(questions: number, draw: number, essays = false, lessons = 30): Course {
  return {
    ...fixture,
    id: 'big',
    lessons: Array.from({ length: lessons }, (_, i) => ({ id: `lesson-${i}`, title: `Lesson ${i}`, html: '<p>x</p>', practice: [] })),
    banks: [{ id: 'core', title: 'Core', questions: Array.from({ length: questions }, (_, i) => makeQuestion(i, essays)) }],
    exam: { draws: [{ bank: 'core', count: draw }], passingScore: 60, attempts: 0, shuffleQuestions: true, shuffleChoices: true, timeLimitMinutes: 90, review: 'final' },
  };
}

const longText = (seed: number, length: number) => {
  const words = ['overtime', '加班费', 'complaint', 'employer', 'mediation', '劳动合同', 'evidence'];
  let out = '';
  for (let i = 0; out.length < length; i++) out += `${words[(seed + i) % words.length]} `;
  return out.slice(0, length);
};

/** A plausible full answer for any question (long texts for essays, a long-ish fill-in). */
function answerFor(question: Question, i: number): Response {
  switch (question.type) {
    case 'true-false':
      return { type: 'true-false', value: i % 2 === 0 };
    case 'single':
      return { type: 'single', value: 'c' };
    case 'multiple':
      return { type: 'multiple', value: ['a', 'd'] };
    case 'fill-in':
      return { type: 'fill-in', value: i % 2 ? 'Labour Contract Law' : longText(i, 200) };
    case 'numeric':
      return { type: 'numeric', value: -12.375 };
    case 'matching':
      return { type: 'matching', value: [['1', 'a'], ['2', 'c'], ['4', 'e']] };
    case 'sequencing':
      return { type: 'sequencing', value: ['e', 'd', 'c', 'b', 'a'] };
    case 'likert':
      return { type: 'likert', value: '4' };
    case 'essay':
      return { type: 'essay', value: longText(i, 4000) };
  }
}

function fullState(course: Course, seed = 1): ResumeState {
  const draw = drawAttempt(course, seededRandom(seed));
  const all = bankQuestions(course);
  return {
    viewed: course.lessons.map((_, i) => i % 3 !== 1),
    place: { view: 'exam' },
    completed: false,
    passed: false,
    attemptsUsed: 14,
    history: Array.from({ length: 13 }, (_, i) => ({ attempt: i + 1, raw: 40 + i, max: 112, passed: false })),
    current: {
      attempt: 14,
      ...draw,
      answers: draw.questions.map((index, i) => answerFor(all[index] as Question, i)),
      elapsed: 1234,
      submitted: false,
    },
  };
}

describe('encodeState / decodeState', () => {
  it('round-trips a state with every question type', () => {
    const course = fixture;
    const draw = drawAttempt(course, seededRandom(7));
    const all = bankQuestions(course);
    /** Answers valid for the fixture's questions. */
    const answers: Record<string, Response> = {
      'true-false': { type: 'true-false', value: false },
      single: { type: 'single', value: 'c' },
      multiple: { type: 'multiple', value: ['a', 'd'] },
      'fill-in': { type: 'fill-in', value: ' Water, "quoted" ~ and \\ escaped\n' },
      numeric: { type: 'numeric', value: -1.25e-7 },
      matching: { type: 'matching', value: [['1', 'a'], ['3', 'd']] },
      sequencing: { type: 'sequencing', value: ['d', 'c', 'b', 'a'] },
      likert: { type: 'likert', value: '2' },
      essay: { type: 'essay', value: '我认为应当先收集加班记录。\nThen talk to HR.' },
    };
    const state: ResumeState = {
      viewed: [true, false, true],
      place: { view: 'lesson', index: 2 },
      completed: false,
      passed: true,
      attemptsUsed: 2,
      history: [
        { attempt: 1, raw: 3, max: 8, passed: false },
        { attempt: 2, raw: 7.5, max: 8, passed: true },
      ],
      current: {
        attempt: 2,
        ...draw,
        answers: draw.questions.map((index, i) => (i === 3 ? null : (answers[all[index]!.type] ?? null))),
        elapsed: 95,
        submitted: true,
      },
    };
    const text = encodeState(course, state);
    expect(decodeState(course, text)).toEqual(state);
  });

  it('round-trips the empty state and every place', () => {
    for (const place of [{ view: 'welcome' }, { view: 'lesson', index: 0 }, { view: 'exam' }, { view: 'results' }] as const) {
      const state = { ...emptyState(fixture), place };
      expect(decodeState(fixture, encodeState(fixture, state))).toEqual(state);
    }
  });

  it('keeps a 100-question exam with every answer under 4,096 characters', () => {
    const course = makeCourse(300, 100);
    const state = fullState(course);
    const text = encodeState(course, state);
    expect(text.length).toBeLessThanOrEqual(STATE_LIMIT);
    const back = decodeState(course, text);
    expect(back).not.toBeNull();
    const all = bankQuestions(course);
    back!.current!.answers.forEach((answer, i) => {
      const original = state.current!.answers[i]!;
      const question = all[state.current!.questions[i]!]!;
      if (question.type === 'essay' || question.type === 'fill-in') {
        // Free text is cut to a common length, from the end; short texts stay whole.
        expect(original.value as string).toContain((answer as { value: string }).value);
        expect((original.value as string).startsWith((answer as { value: string }).value)).toBe(true);
        if ((original.value as string).length <= 20) expect(answer).toEqual(original);
      } else {
        expect(answer).toEqual(original);
      }
    });
    // Everything but the free text survives whole.
    expect({ ...back!, current: { ...back!.current!, answers: [] } }).toEqual({
      ...state,
      history: state.history.slice(-10),
      current: { ...state.current!, answers: [], elapsed: 1234 },
    });
    // Documented in the report: how large the state is.
    console.info(`100-question state: ${text.length} characters`);
  });

  it('reports the size of a 100-question state without free text', () => {
    const course = makeCourse(300, 100);
    const state = fullState(course);
    state.current!.answers = state.current!.answers.map((a) => (a?.type === 'essay' || a?.type === 'fill-in' ? null : a));
    const text = encodeState(course, state);
    console.info(`100-question state without free text: ${text.length} characters`);
    expect(text.length).toBeLessThan(2000);
    expect(decodeState(course, text)).toEqual({ ...state, history: state.history.slice(-10) });
  });

  it('shares the room fairly when all 100 questions are 4,000-character essays', () => {
    const course = makeCourse(100, 100, true);
    const state = fullState(course);
    const text = encodeState(course, state);
    expect(text.length).toBeLessThanOrEqual(STATE_LIMIT);
    const lengths = decodeState(course, text)!.current!.answers.map((a) => (a as { value: string }).value.length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
    expect(Math.min(...lengths)).toBeGreaterThan(10);
  });

  it('never splits a surrogate pair when cutting text', () => {
    const course = makeCourse(100, 100, true);
    const state = fullState(course);
    state.current!.answers = state.current!.answers.map(() => ({ type: 'essay', value: '😀'.repeat(2000) }));
    const back = decodeState(course, encodeState(course, state))!;
    for (const answer of back.current!.answers) expect((answer as { value: string }).value).toMatch(/^(😀)+$/u);
  });

  it('drops the answers, then the attempt, when even the structure does not fit', () => {
    const course = makeCourse(2000, 1500);
    const state = fullState(course);
    const text = encodeState(course, state);
    expect(text.length).toBeLessThanOrEqual(STATE_LIMIT);
    const back = decodeState(course, text)!;
    expect(back.viewed).toEqual(state.viewed);
    expect(back.attemptsUsed).toBe(14);
    expect(back.current === null || back.current.answers.every((a) => a === null)).toBe(true);
  });
});

describe('decodeState refuses bad input', () => {
  const state = fullState(makeCourse(60, 20), 3);
  const course = makeCourse(60, 20);
  const good = encodeState(course, state);
  /** A state body with a valid checksum, to reach the validation behind it. */
  const signed = (body: object) => {
    const json = JSON.stringify(body);
    return `2~${checksum(json)}~${json}`;
  };
  const body = JSON.parse(good.slice(good.indexOf('{'))) as Record<string, unknown>;

  it('accepts the untouched string', () => {
    expect(decodeState(course, good)).not.toBeNull();
    expect(decodeState(course, signed(body))).not.toBeNull();
  });

  it('refuses every truncation', () => {
    for (let length = 0; length < good.length; length++) expect(decodeState(course, good.slice(0, length))).toBeNull();
  });

  it('refuses single-character changes', () => {
    for (let i = 0; i < good.length; i += 7) {
      const changed = good.slice(0, i) + (good[i] === 'x' ? 'y' : 'x') + good.slice(i + 1);
      expect(decodeState(course, changed)).toBeNull();
    }
  });

  it.each([
    ['another format version', good.replace(/^2~/, '3~')],
    ['no checksum', good.replace(/^2~[0-9a-z]+~/, '2~~')],
    ['a body that is not JSON', `1~${checksum('{nope}')}~{nope}`],
    ['an array body', (() => { const j = '[1]'; return `1~${checksum(j)}~${j}`; })()],
    ['lesson bits of the wrong length', signed({ ...body, v: '0' })],
    ['a place out of range', signed({ ...body, p: 99 })],
    ['a negative attempt count', signed({ ...body, u: -1 })],
    ['a question index out of range', signed({ ...body, a: [1, 'zz', '', [''], 0, 0] })],
    ['lesson keys of the wrong width', signed({ ...body, l: `${body.l as string}x` })],
    ['a key width out of range', signed({ ...body, k: 9 })],
    ['an options print that is not a string', signed({ ...body, o: 5 })],
    ['drawn question keys that are not a string', signed({ ...body, a: [...(body.a as unknown[]).slice(0, 6), 7] })],
    ['an answer with an unknown option', signed({ ...body, a: (() => { const a = structuredClone(body.a) as unknown[]; (a[3] as string[])[0] = '#'; return a; })() })],
    ['an order that is no permutation', signed({ ...body, a: (() => { const a = structuredClone(body.a) as unknown[]; a[2] = (a[2] as string).replace(/^[^,]*/, 'zz'); return a; })() })],
    ['a malformed history entry', signed({ ...body, h: [[1, 2]] })],
    ['an empty string', ''],
    ['garbage', 'hello world'],
  ])('refuses %s', (_name, text) => {
    expect(decodeState(course, text)).toBeNull();
  });

  it('tells an edition of another course apart from corruption', () => {
    const other = makeCourse(61, 20);
    expect(readState(other, good).update).toBeDefined();
    expect(readState(other, good).state).not.toBeNull();
    expect(readState(course, good.slice(0, 40))).toEqual({ state: null, problem: 'corrupt' });
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(decodeState(course, text)).toBeNull();
        expect(decodeState(course, `1~${checksum(text)}~${text}`)).toBeNull();
        expect(decodeState(course, `2~${checksum(text)}~${text}`)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

describe('hostile resume state', () => {
  it('refuses a crafted multi-megabyte state before parsing it', () => {
    const course = makeCourse(20, 10);
    const huge = `1~0~{"f":"${'x'.repeat(5_000_000)}"}`;
    expect(readState(course, huge)).toEqual({ state: null, problem: 'corrupt' });
  });
});

describe('resume state against the platform\'s record', () => {
  const course = { ...makeCourse(20, 10), exam: { ...makeCourse(20, 10).exam!, attempts: 3 } };
  it('never grants fresh attempts when the state is unreadable and the platform recorded a final fail', () => {
    const state = emptyState(course);
    reconcileWithRecord(state, { passed: false, completed: true }, course, true);
    expect(state.attemptsUsed).toBe(3);
    expect(state.completed).toBe(true);
    expect(state.passed).toBe(false);
  });

  it('reads the record of an LRS from its statements: a fail of the last attempt is final, an earlier one only counts', () => {
    const judged = (verb: string, attempt: number | null, scaled = 0.4) => ({
      verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
      result: { score: { scaled } },
      context: { extensions: attempt === null ? {} : { [ATTEMPT_EXTENSION]: attempt } },
    });
    expect(recordedOutcome(null, null, false, 3)).toBeNull();
    expect(recordedOutcome(null, judged('failed', 2), false, 3)).toEqual({ completed: null, passed: null, scaled: null, attempts: 2 });
    expect(recordedOutcome(null, judged('failed', 3), true, 3)).toEqual({ completed: true, passed: false, scaled: 0.4, attempts: 3 });
    expect(recordedOutcome(judged('passed', 2, 0.9), judged('failed', 1), false, 3)).toEqual({ completed: null, passed: true, scaled: 0.9, attempts: 2 });
    // A fail without an attempt number (sent by an older package) proves nothing; unlimited attempts never fail out.
    expect(recordedOutcome(null, judged('failed', null), false, 3)).toBeNull();
    expect(recordedOutcome(null, judged('failed', 7), false, 0)).toEqual({ completed: null, passed: null, scaled: null, attempts: 7 });

    const state = emptyState(course);
    reconcileWithRecord(state, recordedOutcome(null, judged('failed', 3), false, 3)!, course, true);
    expect(state.attemptsUsed).toBe(3);
    const partly = emptyState(course);
    reconcileWithRecord(partly, recordedOutcome(null, judged('failed', 2), false, 3)!, course, true);
    expect(partly.attemptsUsed).toBe(2);
  });

  it('counts the attempts an LRS judged even when the state is readable (a second tab, idle since before them, saved last)', () => {
    const judged = (attempt: number) => ({ verb: { id: 'http://adlnet.gov/expapi/verbs/failed' }, result: { score: { scaled: 0.2 } }, context: { extensions: { [ATTEMPT_EXTENSION]: attempt } } });
    const stale = emptyState(course);
    reconcileWithRecord(stale, recordedOutcome(null, judged(1), false, 3)!, course, false);
    expect(stale.attemptsUsed).toBe(1);
    const failedOut = emptyState(course);
    reconcileWithRecord(failedOut, recordedOutcome(null, judged(3), false, 3)!, course, false);
    expect(failedOut.attemptsUsed).toBe(3);
    // A state that is ahead of the record (a judgement still on its way) keeps its count.
    const ahead = { ...emptyState(course), attemptsUsed: 2 };
    reconcileWithRecord(ahead, recordedOutcome(null, judged(1), false, 3)!, course, false);
    expect(ahead.attemptsUsed).toBe(2);
  });

  it('never loses a recorded pass, and leaves readable state alone otherwise', () => {
    const state = emptyState(course);
    state.attemptsUsed = 1;
    reconcileWithRecord(state, { passed: false, completed: true }, course, false);
    expect(state.attemptsUsed).toBe(1);
    reconcileWithRecord(state, { passed: true, completed: null }, course, false);
    expect(state.passed).toBe(true);
  });
});

describe('a republished course', () => {
  /** Edition 1: 30 lessons, 60 questions, 3 attempts, 20 drawn. */
  const edition1: Course = { ...makeCourse(60, 20), exam: { ...makeCourse(60, 20).exam!, attempts: 3 } };
  const bank = (course: Course) => course.banks[0]!.questions;
  /** Edition 2 made from edition 1 by `change` (a deep copy is changed). */
  const republish = (change: (course: Course) => void): Course => {
    const copy = structuredClone(edition1);
    change(copy);
    return copy;
  };
  const ids = (course: Course, state: ResumeState) => state.current!.questions.map((i) => bankQuestions(course)[i]!.id);
  const answersById = (course: Course, state: ResumeState) => Object.fromEntries(state.current!.questions.map((q, i) => [bankQuestions(course)[q]!.id, state.current!.answers[i]]));

  /** A learner on attempt 2 (the first failed), half the lessons read, in lesson 6. */
  function midway(): ResumeState {
    const state = fullState(edition1, 5);
    state.viewed = edition1.lessons.map((_, i) => i < 15);
    state.place = { view: 'lesson', index: 6 };
    state.attemptsUsed = 2;
    state.history = [{ attempt: 1, raw: 10, max: 30, passed: false }];
    state.current = { ...state.current!, attempt: 2 };
    return state;
  }

  it('a typo fixed and a question added: lessons stay read, the attempt in progress keeps every answer', () => {
    const state = midway();
    const edition2 = republish((c) => {
      bank(c)[3]!.prompt = '<p>q3, corrected</p>';
      bank(c).unshift({ ...makeQuestion(0), id: 'new-question' });
    });
    const { state: back, problem, update } = readState(edition2, encodeState(edition1, state));
    expect(problem).toBeNull();
    expect(update).toEqual({ lessonsNew: 0, answersCleared: 0, attemptClosed: false });
    expect(back!.viewed).toEqual(state.viewed);
    expect(back!.place).toEqual(state.place);
    expect(back!.attemptsUsed).toBe(2);
    expect(back!.history).toEqual(state.history);
    // The same questions, found at their new places in the bank, with the same answers and orders.
    expect(ids(edition2, back!)).toEqual(ids(edition1, state));
    expect(back!.current!.questions).not.toEqual(state.current!.questions);
    expect(answersById(edition2, back!)).toEqual(answersById(edition1, state));
    expect(back!.current!.orders).toEqual(state.current!.orders);
    expect(back!.current!.elapsed).toBe(state.current!.elapsed);
    // Saved again by edition 2, it reads back unchanged.
    expect(readState(edition2, encodeState(edition2, back!))).toEqual({ state: back, problem: null });
  });

  it('lessons removed, added and moved: those that still exist stay read, wherever they are now', () => {
    const state = midway();
    const edition2 = republish((c) => {
      const moved = c.lessons.splice(6, 1)[0]!; // the lesson the learner is in moves to the end
      c.lessons.splice(2, 1); // lesson-2 (read) is removed
      c.lessons.unshift({ id: 'new-intro', title: 'New intro', html: '<p>x</p>', practice: [] });
      c.lessons.push(moved);
    });
    const { state: back, update } = readState(edition2, encodeState(edition1, state));
    expect(update).toMatchObject({ lessonsNew: 1 });
    const read = edition2.lessons.filter((_, i) => back!.viewed[i]).map((l) => l.id).sort();
    const expected = edition1.lessons.filter((l, i) => i < 15 && l.id !== 'lesson-2').map((l) => l.id).sort();
    expect(read).toEqual(expected);
    expect(back!.place).toEqual({ view: 'lesson', index: edition2.lessons.length - 1 });
    expect(edition2.lessons[edition2.lessons.length - 1]!.id).toBe('lesson-6');
  });

  it('a drawn question whose options changed: only its answer is cleared', () => {
    const state = midway();
    const drawnSingle = state.current!.questions.map((i) => bankQuestions(edition1)[i]!).find((q) => q.type === 'single')!;
    const edition2 = republish((c) => {
      const q = bank(c).find((x) => x.id === drawnSingle.id)! as Extract<Question, { type: 'single' | 'multiple' }>;
      q.choices = q.choices.filter((o) => o.id !== 'c'); // the learner had answered c
      q.correct = ['a'];
    });
    const { state: back, update } = readState(edition2, encodeState(edition1, state));
    expect(update).toMatchObject({ answersCleared: 1, attemptClosed: false });
    const before = answersById(edition1, state);
    const after = answersById(edition2, back!);
    expect(after[drawnSingle.id]).toBeNull();
    for (const id of Object.keys(before)) if (id !== drawnSingle.id) expect(after[id]).toEqual(before[id]);
    // Its option order no longer fits the question: a new one is drawn.
    const n = ids(edition2, back!).indexOf(drawnSingle.id);
    expect([...back!.current!.orders[n]!].sort().join('')).toBe('abd');
  });

  it('a drawn question removed: the attempt in progress is closed and does not count; finished attempts and results stay', () => {
    const state = midway();
    const gone = ids(edition1, state)[4]!;
    const edition2 = republish((c) => {
      c.banks[0]!.questions = bank(c).filter((q) => q.id !== gone);
    });
    const { state: back, update } = readState(edition2, encodeState(edition1, state));
    expect(update).toMatchObject({ attemptClosed: true });
    expect(back!.current).toBeNull();
    expect(back!.attemptsUsed).toBe(1); // the next attempt is number 2 again: the learner loses none
    expect(back!.history).toEqual(state.history);
    expect(back!.viewed).toEqual(state.viewed);
  });

  it('never resets the attempt limit: every attempt used and failed stays used, a pass stays passed', () => {
    const edition2 = republish((c) => {
      c.banks[0]!.questions = bank(c).slice(10); // even with most of the bank replaced
      c.lessons = c.lessons.slice(5);
    });
    const failedOut: ResumeState = { ...emptyState(edition1), attemptsUsed: 3, history: [1, 2, 3].map((attempt) => ({ attempt, raw: 5, max: 30, passed: false })), place: { view: 'results' } };
    failedOut.current = { ...fullState(edition1, 9).current!, attempt: 3, submitted: true };
    const back = decodeState(edition2, encodeState(edition1, failedOut))!;
    expect(back.attemptsUsed).toBe(3);
    expect(back.history).toEqual(failedOut.history);
    expect(back.current).toBeNull(); // its questions are gone: only its score remains
    const passed: ResumeState = { ...emptyState(edition1), attemptsUsed: 1, passed: true, completed: true, history: [{ attempt: 1, raw: 28, max: 30, passed: true }] };
    const again = decodeState(edition2, encodeState(edition1, passed))!;
    expect(again).toMatchObject({ passed: true, completed: true, attemptsUsed: 1, history: passed.history });
  });

  it('a submitted attempt whose questions all remain can still be reviewed', () => {
    const state = { ...midway(), place: { view: 'results' } as const };
    state.current = { ...state.current!, submitted: true };
    const edition2 = republish((c) => bank(c).push({ ...makeQuestion(1), id: 'added' }));
    const back = decodeState(edition2, encodeState(edition1, state))!;
    expect(back.place).toEqual({ view: 'results' });
    expect(back.current!.submitted).toBe(true);
    expect(answersById(edition2, back)).toEqual(answersById(edition1, state));
  });

  it('keeps the drawn questions\' keys under 4,096 characters for a 100-question exam, and drops them before any answer', () => {
    const course = makeCourse(300, 100);
    const state = fullState(course);
    state.current!.answers = state.current!.answers.map((a) => (a?.type === 'essay' || a?.type === 'fill-in' ? null : a));
    const text = encodeState(course, state);
    const attempt = JSON.parse(text.slice(text.indexOf('{'))).a as unknown[];
    expect(attempt).toHaveLength(7);
    // Squeezed: the keys go first, the answers stay.
    const tight = encodeState(course, state, text.length - 1);
    const squeezed = JSON.parse(tight.slice(tight.indexOf('{'))).a as unknown[];
    expect(squeezed).toHaveLength(6);
    expect(decodeState(course, tight)!.current!.answers).toEqual(state.current!.answers);
  });
});

describe('format 1 states (saved before progress was carried across editions)', () => {
  const course: Course = { ...makeCourse(60, 20), exam: { ...makeCourse(60, 20).exam!, attempts: 3 } };
  /** The format 1 string of a state: format 2 without the keys. */
  function formatOne(state: ResumeState): string {
    const text = encodeState(course, state);
    const body = JSON.parse(text.slice(text.indexOf('{'))) as Record<string, unknown>;
    delete body.k;
    delete body.l;
    if (Array.isArray(body.a)) body.a = body.a.slice(0, 6);
    const json = JSON.stringify(body);
    return `1~${checksum(json)}~${json}`;
  }

  it('are read in full by the same edition', () => {
    const state = { ...fullState(course, 2), attemptsUsed: 2, history: [{ attempt: 1, raw: 3, max: 30, passed: false }] };
    state.current = { ...state.current!, attempt: 2 };
    expect(readState(course, formatOne(state))).toEqual({ state: { ...state, current: { ...state.current, elapsed: 1234 } }, problem: null });
  });

  it('keep their attempts and results in another edition; lessons and the attempt in progress start again', () => {
    const state = { ...fullState(course, 2), attemptsUsed: 2, history: [{ attempt: 1, raw: 3, max: 30, passed: false }] };
    state.current = { ...state.current!, attempt: 2 };
    const edition2: Course = { ...course, banks: [{ ...course.banks[0]!, questions: [...course.banks[0]!.questions, { ...makeQuestion(3), id: 'added' }] }] };
    const { state: back, update } = readState(edition2, formatOne(state));
    expect(update).toEqual({ lessonsNew: course.lessons.length, answersCleared: 0, attemptClosed: true });
    expect(back).toEqual({ ...emptyState(edition2), attemptsUsed: 1, history: state.history });
  });
});
