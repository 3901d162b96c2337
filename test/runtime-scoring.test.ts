import { describe, expect, it } from 'vitest';
import type { Question, Response } from '../src/course/model.js';
import { examResult, normaliseFillIn, parseNumeric, scoreResponse, scoreSteps } from '../src/runtime/scoring.js';

const base = { prompt: '<p>Q</p>', promptText: 'Q', feedback: {} };
const opt = (id: string) => ({ id, html: id, text: id });

const q = {
  tf: { ...base, id: 'tf', type: 'true-false', points: 1, answer: false },
  single: { ...base, id: 'single', type: 'single', points: 1, choices: ['a', 'b', 'c'].map(opt), correct: ['b'] },
  multiple: { ...base, id: 'multiple', type: 'multiple', points: 2, choices: ['a', 'b', 'c', 'd'].map(opt), correct: ['a', 'c'] },
  fill: { ...base, id: 'fill', type: 'fill-in', points: 1, answers: ['Labour Contract Law', 'Labor Contract Law'], caseSensitive: false, exactWhitespace: false },
  fillStrict: { ...base, id: 'fill2', type: 'fill-in', points: 1, answers: ['pH 7'], caseSensitive: true, exactWhitespace: true },
  numeric: { ...base, id: 'num', type: 'numeric', points: 3, min: 41.5, max: 42.5 },
  exact: { ...base, id: 'exact', type: 'numeric', points: 1, min: 10, max: 10 },
  matching: {
    ...base,
    id: 'match',
    type: 'matching',
    points: 1,
    sources: ['1', '2'].map(opt),
    targets: ['a', 'b', 'c'].map(opt),
    pairs: [['1', 'a'], ['2', 'b']],
  },
  sequencing: { ...base, id: 'seq', type: 'sequencing', points: 1, items: ['a', 'b', 'c'].map(opt) },
  likert: { ...base, id: 'lik', type: 'likert', points: 0, scale: ['1', '2', '3'].map(opt) },
  essay: { ...base, id: 'essay', type: 'essay', points: 0, maxLength: 100 },
} satisfies Record<string, Question>;

/** [question, response, expected correct, expected score] */
const cases: Array<[string, Question, Response | null, boolean | null, number]> = [
  ['true-false right', q.tf, { type: 'true-false', value: false }, true, 1],
  ['true-false wrong', q.tf, { type: 'true-false', value: true }, false, 0],
  ['single right', q.single, { type: 'single', value: 'b' }, true, 1],
  ['single wrong', q.single, { type: 'single', value: 'a' }, false, 0],
  ['single unknown id', q.single, { type: 'single', value: 'z' }, false, 0],
  ['multiple exact set, any order', q.multiple, { type: 'multiple', value: ['c', 'a'] }, true, 2],
  ['multiple duplicates ignored', q.multiple, { type: 'multiple', value: ['a', 'c', 'a'] }, true, 2],
  ['multiple subset', q.multiple, { type: 'multiple', value: ['a'] }, false, 0],
  ['multiple superset', q.multiple, { type: 'multiple', value: ['a', 'b', 'c'] }, false, 0],
  ['multiple empty', q.multiple, { type: 'multiple', value: [] }, false, 0],
  ['fill-in case and blanks ignored', q.fill, { type: 'fill-in', value: '  labour   CONTRACT law ' }, true, 1],
  ['fill-in second accepted answer', q.fill, { type: 'fill-in', value: 'labor contract law' }, true, 1],
  ['fill-in inner blank needed', q.fill, { type: 'fill-in', value: 'labourcontract law' }, false, 0],
  ['fill-in empty', q.fill, { type: 'fill-in', value: '   ' }, false, 0],
  ['fill-in case sensitive', q.fillStrict, { type: 'fill-in', value: 'ph 7' }, false, 0],
  ['fill-in exact blanks', q.fillStrict, { type: 'fill-in', value: ' pH 7' }, false, 0],
  ['fill-in exact match', q.fillStrict, { type: 'fill-in', value: 'pH 7' }, true, 1],
  ['numeric inside', q.numeric, { type: 'numeric', value: 42 }, true, 3],
  ['numeric lower bound inclusive', q.numeric, { type: 'numeric', value: 41.5 }, true, 3],
  ['numeric upper bound inclusive', q.numeric, { type: 'numeric', value: 42.5 }, true, 3],
  ['numeric outside', q.numeric, { type: 'numeric', value: 42.51 }, false, 0],
  ['numeric NaN', q.numeric, { type: 'numeric', value: Number.NaN }, false, 0],
  ['numeric exact', q.exact, { type: 'numeric', value: 10 }, true, 1],
  ['matching all pairs', q.matching, { type: 'matching', value: [['2', 'b'], ['1', 'a']] }, true, 1],
  ['matching partial', q.matching, { type: 'matching', value: [['1', 'a']] }, false, 0],
  ['matching one wrong', q.matching, { type: 'matching', value: [['1', 'a'], ['2', 'c']] }, false, 0],
  ['matching source twice', q.matching, { type: 'matching', value: [['1', 'a'], ['1', 'a']] }, false, 0],
  ['sequencing exact order', q.sequencing, { type: 'sequencing', value: ['a', 'b', 'c'] }, true, 1],
  ['sequencing swapped', q.sequencing, { type: 'sequencing', value: ['a', 'c', 'b'] }, false, 0],
  ['sequencing short', q.sequencing, { type: 'sequencing', value: ['a', 'b'] }, false, 0],
  ['likert unscored', q.likert, { type: 'likert', value: '2' }, null, 0],
  ['essay unscored', q.essay, { type: 'essay', value: 'text' }, null, 0],
  ['unanswered scored question', q.single, null, false, 0],
  ['unanswered essay', q.essay, null, null, 0],
  ['response of another type', q.single, { type: 'multiple', value: ['b'] }, false, 0],
];

describe('scoreResponse', () => {
  it.each(cases)('%s', (_name, question, response, correct, score) => {
    expect(scoreResponse(question, response)).toEqual({ correct, score });
  });

  it('never counts points of unscored types, even when set', () => {
    expect(scoreResponse({ ...q.likert, points: 5 }, { type: 'likert', value: '1' })).toEqual({ correct: null, score: 0 });
  });
});

describe('parseNumeric', () => {
  it.each([
    ['42', 42],
    ['  -3.5 ', -3.5],
    ['3,5', 3.5],
    ['+7', 7],
    ['.5', 0.5],
    [',5', 0.5],
    ['1e3', 1000],
    ['１２．５', 12.5],
    ['\u22122', -2],
    ['0,125', 0.125],
    ['12。5', 12.5], // a Chinese input method's full stop
    ['１２。５', 12.5],
  ])('reads %j', (input, value) => expect(parseNumeric(input)).toBe(value));

  // A comma before exactly three digits reads as a thousands separator to some learners and a decimal comma to others.
  it.each(['', ' ', 'abc', '1,000.5', '1.2.3', '12 kg', '--1', 'Infinity', '0x10', '60,000', '1,000', '-2,500'])('refuses %j', (input) => {
    expect(parseNumeric(input)).toBeNull();
  });
});

describe('normaliseFillIn', () => {
  it('collapses blanks and folds case by default', () => {
    expect(normaliseFillIn(' A\t b\n', { caseSensitive: false, exactWhitespace: false })).toBe('a b');
  });
  it('keeps text as typed when both rules are strict', () => {
    expect(normaliseFillIn(' A  b', { caseSensitive: true, exactWhitespace: true })).toBe(' A  b');
  });
  it('reads full-width letters and digits (a Chinese input method) as the ones the author wrote', () => {
    const loose = { caseSensitive: false, exactWhitespace: false };
    expect(normaliseFillIn('１１９', loose)).toBe(normaliseFillIn('119', loose));
    expect(normaliseFillIn('ＰＤＣＡ\u3000循环', loose)).toBe(normaliseFillIn('pdca 循环', loose));
    expect(normaliseFillIn('ＰＤＣＡ', { caseSensitive: true, exactWhitespace: true })).toBe('PDCA');
  });
});

describe('examResult', () => {
  const questions = [q.tf, q.multiple, q.numeric, q.essay];
  it('adds points all-or-nothing and compares with the passing score', () => {
    const result = examResult(2, questions, [{ type: 'true-false', value: false }, { type: 'multiple', value: ['a'] }, { type: 'numeric', value: 42 }, null], 0.6);
    expect(result).toEqual({ attempt: 2, raw: 4, max: 6, scaled: 4 / 6, passed: true, passingScore: 0.6 });
  });

  it('passes exactly at the passing score despite floating point', () => {
    // 7 of 10 one-point questions: 0.7 must pass a 0.7 pass mark.
    const ten = Array.from({ length: 10 }, (_, i) => ({ ...q.tf, id: `t${i}` }));
    const responses = ten.map((_, i): Response => ({ type: 'true-false', value: i >= 7 }));
    expect(examResult(1, ten, responses, 0.7).passed).toBe(true);
    expect(examResult(1, ten, responses, 0.71).passed).toBe(false);
  });

  it('treats missing responses as unanswered', () => {
    expect(examResult(1, questions, [], 0.5)).toMatchObject({ raw: 0, max: 6, scaled: 0, passed: false });
  });

  it('cannot fail an exam with nothing to score', () => {
    expect(examResult(1, [q.likert, q.essay], [null, null], 0.8)).toMatchObject({ raw: 0, max: 0, scaled: 1, passed: true });
  });

  it('sums decimal points to the hundredth: 12 of 20 questions worth 1.1 is 13.2 of 22, exactly the pass mark', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => ({ ...q.tf, id: `t${i}`, points: 1.1 }));
    const right = (n: number) => twenty.map((_, i): Response => ({ type: 'true-false', value: i >= n }));
    expect(examResult(1, twenty, right(12), 0.6)).toEqual({ attempt: 1, raw: 13.2, max: 22, scaled: 0.6, passed: true, passingScore: 0.6 });
    expect(examResult(1, twenty, right(11), 0.6)).toMatchObject({ raw: 12.1, max: 22, passed: false });
  });

  it('passes at the pass mark when even the rounded points divide a hair below it', () => {
    // 6 of 10 questions worth 0.67: 4.02 / 6.7 is 0.5999999999999999.
    const ten = Array.from({ length: 10 }, (_, i) => ({ ...q.tf, id: `t${i}`, points: 0.67 }));
    const result = examResult(1, ten, ten.map((_, i): Response => ({ type: 'true-false', value: i >= 6 })), 0.6);
    expect(result).toMatchObject({ raw: 4.02, max: 6.7, passed: true });
    expect(result.scaled).toBeLessThan(0.6);
    expect(scoreSteps(result)).toBe(6000);
  });
});

describe('scoreSteps', () => {
  const result = (scaled: number, passed: boolean, passingScore: number) => ({ attempt: 1, raw: 0, max: 1, scaled, passed, passingScore });

  it('rounds to the nearest ten-thousandth when that keeps the verdict', () => {
    // 12.1 / 22 is 0.5499999999999999: a fail of 55 %, not 54.99 %.
    expect(scoreSteps(result(12.1 / 22, false, 0.6))).toBe(5500);
    expect(scoreSteps(result(13.2 / 22, true, 0.6))).toBe(6000);
    expect(scoreSteps(result(2 / 3, true, 0.6))).toBe(6667);
    expect(scoreSteps(result(1, true, 0.6))).toBe(10000);
  });

  it('holds a score beyond 0..1 (resume data edited in the browser) to the range', () => {
    expect(scoreSteps(result(1.5, true, 0.6))).toBe(10000);
  });

  it('steps towards the verdict when the nearest would cross the passing score', () => {
    expect(scoreSteps(result(2 / 3, false, 0.6667))).toBe(6666);
    expect(scoreSteps(result(0.66663, true, 0.66661))).toBe(6667);
  });
});
