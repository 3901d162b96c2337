/**
 * Scoring: pure functions shared by the player and the compiler's checks.
 *
 * Every question is all-or-nothing: a response earns the question's full points
 * or none. Unscored types (likert, essay) are neither right nor wrong.
 */
import { roundPoints, UNSCORED_TYPES } from '../course/model.js';
import type { Question, Response } from '../course/model.js';
import type { ExamResult } from './lms/adapter.js';
import { KINDS } from './question-types/index.js';

export { normaliseFillIn } from './question-types/fill-in.js';
export { parseNumeric } from './question-types/numeric.js';

export interface QuestionScore {
  /** True / false for scored questions; null for unscored types. */
  correct: boolean | null;
  /** Points earned. */
  score: number;
}

/** Tolerance for comparing a scaled score with the passing score (0.1 + 0.2 must still pass 0.3). */
const EPSILON = 1e-9;

/** The share of the points available that was scored (0..1); an attempt with no points available (only survey questions) cannot be failed: 1. */
export const scaledOf = ({ raw, max }: { raw: number; max: number }): number => (max > 0 ? raw / max : 1);

/** Whether a scaled score meets the passing score, within binary floating point's error. */
export const passes = (scaled: number, passingScore: number): boolean => scaled + EPSILON >= passingScore;

/**
 * The scaled score as LMSs and LRSs are given it, in ten-thousandths (0–10000): rounded to
 * the nearest, unless that would carry it across the passing score, then one step towards
 * its verdict. An LMS compares the score it is given with its mastery score (Moodle's
 * "mastery score overrides status", SCORM 2004's `scaled_passing_score`, cmi5's masteryScore),
 * so a fail of two thirds (0.666…) against a pass mark of 0.6667 is given as 0.6666.
 */
export function scoreSteps({ scaled, passed, passingScore }: ExamResult): number {
  const steps = Math.round(Math.min(1, Math.max(0, scaled)) * 10000);
  return passed === steps / 10000 >= passingScore ? steps : steps + (passed ? 1 : -1);
}

/** Decide whether a response is right; never throws, a response of the wrong type is simply wrong. */
function isCorrect(question: Question, response: Response): boolean {
  // Unscored types never get here (scoreResponse returns first): only they have no `correct`.
  return response.type === question.type && KINDS[question.type].correct!(question, response.value);
}

/** True for question types that carry no correct answer. */
export function isUnscored(question: Question): boolean {
  return UNSCORED_TYPES.includes(question.type);
}

/** Points a question can earn (unscored types never count, whatever their `points`). */
export function maxPoints(question: Question): number {
  return isUnscored(question) ? 0 : Math.max(0, question.points);
}

/**
 * Score one response, all or nothing.
 * @param question the question answered
 * @param response the learner's response, or null when unanswered
 */
export function scoreResponse(question: Question, response: Response | null): QuestionScore {
  if (isUnscored(question)) return { correct: null, score: 0 };
  if (response === null) return { correct: false, score: 0 };
  const correct = isCorrect(question, response);
  return { correct, score: correct ? maxPoints(question) : 0 };
}

/**
 * The outcome of an exam attempt.
 * An attempt with no points available (only survey questions) cannot be failed: scaled is 1.
 * @param attempt 1-based attempt number
 * @param questions the questions drawn for the attempt
 * @param responses the response to each question (same order), null when unanswered
 * @param passingScore passing score in 0..1
 */
export function examResult(
  attempt: number,
  questions: readonly Question[],
  responses: ReadonlyArray<Response | null>,
  passingScore: number,
): ExamResult {
  let raw = 0;
  let max = 0;
  questions.forEach((question, index) => {
    max += maxPoints(question);
    raw += scoreResponse(question, responses[index] ?? null).score;
  });
  raw = roundPoints(raw);
  max = roundPoints(max);
  const scaled = scaledOf({ raw, max });
  return { attempt, raw, max, scaled, passed: passes(scaled, passingScore), passingScore };
}
