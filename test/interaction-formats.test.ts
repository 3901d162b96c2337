/**
 * Response and correct-pattern formats for every question type, in SCORM 1.2,
 * SCORM 2004 and xAPI (table-driven), and the time formats of each standard.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Course, Question, Response } from '../src/course/model.js';
import { answered, interactionDefinition } from '../src/runtime/lms/xapi-statements.js';
import { displayName } from '../src/runtime/lms/scorm-adapter.js';
import { correctPatterns, formatResponse, interactionType, isoDuration, scorm12Time, scorm12Timespan, scorm2004Interaction } from '../src/runtime/lms/interaction-formats.js';

const base = { prompt: '<p>Q</p>', promptText: 'Q', points: 1, feedback: {} };
const opt = (id: string, text = id) => ({ id, html: text, text });

interface Row {
  question: Question;
  response: Response;
  type: [scorm12: string, scorm2004: string, xapi: string];
  pattern: [scorm12: string[], scorm2004: string[], xapi: string[]];
  reply: [scorm12: string, scorm2004: string, xapi: string];
}

const rows: Row[] = [
  {
    question: { ...base, id: 'tf', type: 'true-false', answer: false },
    response: { type: 'true-false', value: true },
    type: ['true-false', 'true-false', 'true-false'],
    pattern: [['f'], ['false'], ['false']],
    reply: ['t', 'true', 'true'],
  },
  {
    question: { ...base, id: 'single', type: 'single', choices: [opt('a'), opt('b'), opt('c')], correct: ['b'] },
    response: { type: 'single', value: 'c' },
    type: ['choice', 'choice', 'choice'],
    pattern: [['b'], ['b'], ['b']],
    reply: ['c', 'c', 'c'],
  },
  {
    question: { ...base, id: 'multi', type: 'multiple', choices: [opt('a'), opt('b'), opt('c')], correct: ['a', 'c'] },
    response: { type: 'multiple', value: ['a', 'b'] },
    type: ['choice', 'choice', 'choice'],
    pattern: [['a,c'], ['a[,]c'], ['a[,]c']],
    reply: ['a,b', 'a[,]b', 'a[,]b'],
  },
  {
    question: { ...base, id: 'fill', type: 'fill-in', answers: ['Labour Contract Law', 'Labor Contract Law'], caseSensitive: true, exactWhitespace: false },
    response: { type: 'fill-in', value: 'labour law, 2008 [,] edition' },
    type: ['fill-in', 'fill-in', 'fill-in'],
    pattern: [['Labour Contract Law', 'Labor Contract Law'], ['{case_matters=true}Labour Contract Law', '{case_matters=true}Labor Contract Law'], ['{case_matters=true}Labour Contract Law', '{case_matters=true}Labor Contract Law']],
    reply: ['labour law  2008 [ ] edition', 'labour law, 2008 (,) edition', 'labour law, 2008 (,) edition'],
  },
  {
    question: { ...base, id: 'exact', type: 'numeric', min: 90, max: 90 },
    response: { type: 'numeric', value: 85.5 },
    type: ['numeric', 'numeric', 'numeric'],
    pattern: [['90'], ['90'], ['90']],
    reply: ['85.5', '85.5', '85.5'],
  },
  {
    question: { ...base, id: 'range', type: 'numeric', min: 40, max: 45 },
    response: { type: 'numeric', value: 41 },
    type: ['numeric', 'numeric', 'numeric'],
    pattern: [[], ['40[:]45'], ['40[:]45']],
    reply: ['41', '41', '41'],
  },
  {
    question: { ...base, id: 'match', type: 'matching', sources: [opt('1'), opt('2')], targets: [opt('a'), opt('b'), opt('c')], pairs: [['1', 'b'], ['2', 'a']] },
    response: { type: 'matching', value: [['1', 'a'], ['2', 'c']] },
    type: ['matching', 'matching', 'matching'],
    pattern: [['1.b,2.a'], ['1[.]b[,]2[.]a'], ['1[.]b[,]2[.]a']],
    reply: ['1.a,2.c', '1[.]a[,]2[.]c', '1[.]a[,]2[.]c'],
  },
  {
    question: { ...base, id: 'seq', type: 'sequencing', items: [opt('a'), opt('b'), opt('c')] },
    response: { type: 'sequencing', value: ['c', 'a', 'b'] },
    type: ['sequencing', 'sequencing', 'sequencing'],
    pattern: [['a,b,c'], ['a[,]b[,]c'], ['a[,]b[,]c']],
    reply: ['c,a,b', 'c[,]a[,]b', 'c[,]a[,]b'],
  },
  {
    question: { ...base, id: 'likert', points: 0, type: 'likert', scale: [opt('1'), opt('2'), opt('3')] },
    response: { type: 'likert', value: '2' },
    type: ['likert', 'likert', 'likert'],
    pattern: [[], [], []],
    reply: ['2', '2', '2'],
  },
  {
    question: { ...base, id: 'essay', points: 0, type: 'essay', maxLength: 4000 },
    response: { type: 'essay', value: 'x'.repeat(300) },
    type: ['fill-in', 'long-fill-in', 'long-fill-in'],
    pattern: [[], [], []],
    reply: ['x'.repeat(255), 'x'.repeat(300), 'x'.repeat(300)],
  },
];

const standards = ['scorm12', 'scorm2004', 'xapi'] as const;

describe('interaction formats', () => {
  for (const row of rows) {
    for (const [i, standard] of standards.entries()) {
      it(`${row.question.id} in ${standard}`, () => {
        expect(interactionType(row.question, standard)).toBe(row.type[i]);
        expect(correctPatterns(row.question, standard)).toEqual(row.pattern[i]);
        expect(formatResponse(row.response, standard)).toBe(row.reply[i]);
      });
    }
  }

  it('writes a fill-in text that starts with `{` with a parenthesis in SCORM 2004 and xAPI, where `{` opens a delimiter', () => {
    const response: Response = { type: 'fill-in', value: '{abc} x' };
    expect(standards.map((standard) => formatResponse(response, standard))).toEqual(['{abc} x', '(abc} x', '(abc} x']);
  });

  it('keeps SCORM 1.2 fill-in responses within CMIFeedback (255 characters)', () => {
    expect(formatResponse({ type: 'fill-in', value: 'y'.repeat(400) }, 'scorm12')).toHaveLength(255);
  });

  it('never cuts a text inside a character outside the BMP (half of one is no character: a UTF-8 database cannot hold it)', () => {
    // 𠮷 (U+20BB7, a Chinese character of Extension B) is two UTF-16 units; here it straddles each limit.
    const straddling = (limit: number) => `${'字'.repeat(limit - 1)}𠮷尾`;
    const whole = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(text);
    expect(formatResponse({ type: 'fill-in', value: straddling(255) }, 'scorm12')).toBe('字'.repeat(254));
    expect(formatResponse({ type: 'fill-in', value: straddling(250) }, 'scorm2004')).toBe('字'.repeat(249));
    for (const standard of standards) expect(whole(formatResponse({ type: 'essay', value: straddling(4000) }, standard)), standard).toBe(true);
    const question: Question = { ...base, id: 'astral', type: 'essay', maxLength: 4000, promptText: straddling(120) };
    const name = (interactionDefinition({ language: 'zh-CN' } as Course, question).name as Record<string, string>)['zh-CN']!;
    expect(name).toBe('字'.repeat(119));
  });
});

describe('SCORM 2004 numeric answers and Moodle\'s decimals (at most five integer digits)', () => {
  const numeric = (min: number, max: number) => ({ ...base, id: 'n', type: 'numeric', min, max }) as Question;
  const answer = (value: number): Response => ({ type: 'numeric', value });

  it('are numeric while every number fits', () => {
    expect(scorm2004Interaction(numeric(9.7, 9.9), answer(9.7))).toEqual({ type: 'numeric', patterns: ['9.7[:]9.9'], response: '9.7' });
    expect(scorm2004Interaction(numeric(-99999.5, 99999.5), answer(0.000001))).toEqual({ type: 'numeric', patterns: ['-99999.5[:]99999.5'], response: '0.000001' });
  });

  it('are `other`, with the same texts, when a bound or the response does not', () => {
    expect(scorm2004Interaction(numeric(395999, 396001), answer(396000))).toEqual({ type: 'other', patterns: ['395999[:]396001'], response: '396000' });
    expect(scorm2004Interaction(numeric(10, 10), answer(123456))).toEqual({ type: 'other', patterns: ['10'], response: '123456' });
    expect(scorm2004Interaction(numeric(0, 1), answer(1e-21))).toEqual({ type: 'other', patterns: ['0[:]1'], response: '0.000000000000000000001' });
  });

  it('leave every other type as it is', () => {
    const fill = { ...base, id: 'f', type: 'fill-in', answers: ['123456'], caseSensitive: false, exactWhitespace: false } as Question;
    expect(scorm2004Interaction(fill, { type: 'fill-in', value: '123456' }).type).toBe('fill-in');
  });
});

describe('time formats', () => {
  it.each([
    [0, '0000:00:00.00', 'PT0S'],
    [1234, '0000:00:01.23', 'PT1.23S'],
    [3_723_450, '0001:02:03.45', 'PT1H2M3.45S'],
    [90_000, '0000:01:30.00', 'PT1M30S'],
  ])('%i ms is %s in SCORM 1.2 and %s in ISO 8601', (ms, v12, iso) => {
    expect(scorm12Timespan(ms)).toBe(v12);
    expect(isoDuration(ms)).toBe(iso);
  });

  it.each([
    [59_996, '0000:01:00.00', 'PT1M0S'],
    [3_599_996, '0001:00:00.00', 'PT1H0S'],
    [59_994, '0000:00:59.99', 'PT59.99S'],
  ])('%i ms carries its rounded seconds: %s, %s', (ms, v12, iso) => {
    expect(scorm12Timespan(ms)).toBe(v12);
    expect(isoDuration(ms)).toBe(iso);
  });

  it('caps SCORM 1.2 timespans at 9999:59:59.99', () => {
    expect(scorm12Timespan(10_000 * 3_600_000)).toBe('9999:59:59.99');
  });

  it('writes SCORM 1.2 CMITime as a time of day', () => {
    expect(scorm12Time(new Date('2026-03-04T05:06:07.891Z'))).toMatch(/^\d{2}:\d{2}:\d{2}$/);
  });
});

describe('learner names from SCORM', () => {
  it.each([
    ['Chen, Mei', 'Mei Chen'],
    ['陈, 梅', '陈梅'],
    ['Madonna', 'Madonna'],
    ['', null],
    [null, null],
  ])('%s is shown as %s', (raw, shown) => {
    expect(displayName(raw)).toBe(shown);
  });
});

describe('the time of an xAPI answer', () => {
  const question = { ...base, id: 'tf', type: 'true-false', answer: true } as Question;
  const course = JSON.parse(readFileSync(new URL('fixtures/runtime-course.json', import.meta.url), 'utf8')) as Course;
  const ctx = { course, actor: { mbox: 'mailto:a@example.cn' }, registration: null, courseActivityId: 'https://example.cn/c' };
  const record = (answeredAt: Date | null) => ({ question, response: { type: 'true-false', value: true } as Response, correct: true, score: 1, attempt: 1, shownAt: new Date('2026-12-05T01:00:00Z'), answeredAt });

  it('is given when the answer was given on this page; when it was not (a resumed attempt), the statement is stamped when made and claims no duration', () => {
    const before = Date.now();
    const timed = answered(ctx, record(new Date('2026-12-05T01:00:42Z')));
    expect(timed.timestamp).toBe('2026-12-05T01:00:42.000Z');
    expect((timed.result as { duration?: string }).duration).toBe(isoDuration(42_000));
    const untimed = answered(ctx, record(null));
    expect(Date.parse(untimed.timestamp as string)).toBeGreaterThanOrEqual(before);
    expect(untimed.result).not.toHaveProperty('duration');
    expect(untimed.result).toMatchObject({ success: true, response: 'true' });
  });
});
