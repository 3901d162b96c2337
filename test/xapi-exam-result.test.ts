/**
 * The exam result in xAPI and cmi5 statements: the scaled score to four places,
 * and raw, min and max only when they are integers with points to earn (cmi5
 * §9.5.1 takes integers; xAPI has min below max), whatever the questions' points.
 */
import { readFileSync } from 'node:fs';
import xapiValidation from 'xapi-validation';
import { describe, expect, it } from 'vitest';
import type { Course, Question, Response } from '../src/course/model.js';
import { examResultData, passedOrFailed } from '../src/runtime/lms/xapi-statements.js';
import { examResult } from '../src/runtime/scoring.js';

const course = JSON.parse(readFileSync(new URL('./fixtures/runtime-course.json', import.meta.url), 'utf8')) as Course;
type Validate = (s: unknown) => Array<{ path: string[]; constructor: { name: string } }>;
const validate: Validate = ((xapiValidation as unknown as { default?: Validate }).default ?? xapiValidation) as Validate;

const worth = (points: number, count: number): Question[] =>
  Array.from({ length: count }, (_, i) => ({ id: `q${i}`, type: 'true-false', answer: true, points, prompt: '<p>Q</p>', promptText: 'Q', feedback: {} }) as Question);
const rightFirst = (questions: Question[], right: number) => questions.map((_, i): Response => ({ type: 'true-false', value: i < right }));
const scoreOf = (points: number, count: number, right: number) => examResultData(examResult(1, worth(points, count), rightFirst(worth(points, count), right), 0.6), 1000, false).score;

describe('the score of an exam result', () => {
  it('carries raw, min and max when the points are whole numbers', () => {
    expect(scoreOf(1, 20, 12)).toEqual({ scaled: 0.6, raw: 12, min: 0, max: 20 });
    expect(scoreOf(2, 5, 2)).toEqual({ scaled: 0.4, raw: 4, min: 0, max: 10 });
  });

  it('carries the scaled score alone when the points scored or available are not whole numbers', () => {
    expect(scoreOf(1.1, 20, 12)).toEqual({ scaled: 0.6 });
    expect(scoreOf(1.1, 20, 11)).toEqual({ scaled: 0.55 });
    expect(scoreOf(0.5, 10, 5)).toEqual({ scaled: 0.5 });
    expect(scoreOf(1.5, 2, 1)).toEqual({ scaled: 0.5 });
    // 10 × 1.5 is a whole 15, but 7 × 1.5 is not.
    expect(scoreOf(1.5, 10, 7)).toEqual({ scaled: 0.7 });
    expect(scoreOf(1.5, 10, 6)).toEqual({ scaled: 0.6, raw: 9, min: 0, max: 15 });
  });

  it('carries the scaled score alone when there are no points to earn', () => {
    expect(scoreOf(0, 4, 0)).toEqual({ scaled: 1 });
  });

  it('makes a statement valid xAPI with a pass just at the mark', () => {
    const questions = worth(0.67, 10);
    const result = examResult(1, questions, rightFirst(questions, 6), 0.6);
    const actor = { objectType: 'Agent', account: { homePage: 'https://lms.example.edu.cn', name: 'learner-1' } };
    const statement = passedOrFailed({ course, actor, registration: null, courseActivityId: course.activityId }, result, 60_000, true);
    expect(statement.result).toEqual({ score: { scaled: 0.6 }, success: true, completion: true, duration: 'PT1M0S' });
    expect(validate(statement).map((w) => `${w.path.join('.')} ${w.constructor.name}`)).toEqual([]);
  });
});
