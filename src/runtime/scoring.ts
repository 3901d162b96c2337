/**
 * Scoring: pure functions shared by the player and the compiler's checks.
 *
 * Every question is all-or-nothing: a response earns the question's full points
 * or none. Unscored types (likert, essay) are neither right nor wrong.
 */
import { UNSCORED_TYPES } from '../course/model.js';
import type { FillInQuestion, Question, Response } from '../course/model.js';
import type { ExamResult } from './lms/adapter.js';

export interface QuestionScore {
  /** True / false for scored questions; null for unscored types. */
  correct: boolean | null;
  /** Points earned. */
  score: number;
}

/** Tolerance for comparing a scaled score with the passing score (0.1 + 0.2 must still pass 0.3). */
const EPSILON = 1e-9;

/**
 * Normalise a fill-in text the way the question says it is compared.
 * @param text the learner's text or an accepted answer
 * @param question the fill-in question whose case and whitespace rules apply
 */
export function normaliseFillIn(text: string, question: Pick<FillInQuestion, 'caseSensitive' | 'exactWhitespace'>): string {
  // NFC so that the same letter typed with a combining accent compares equal.
  let out = text.normalize('NFC');
  if (!question.exactWhitespace) out = out.trim().replace(/\s+/g, ' ');
  if (!question.caseSensitive) out = out.toLowerCase();
  return out;
}

/**
 * Read a number the way people type it: `12.5`, `12,5` (comma as decimal separator),
 * full-width digits (`１２．５`), surrounding blanks. Returns null for anything else,
 * including thousands separators, which are ambiguous with the decimal comma.
 * @param input what the learner typed
 */
export function parseNumeric(input: string): number | null {
  const text = input.normalize('NFKC').trim().replace(/\u2212/g, '-');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** Same members, ignoring order and duplicates. */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

/** Decide whether a response is right; never throws, a response of the wrong type is simply wrong. */
function isCorrect(question: Question, response: Response): boolean {
  if (response.type !== question.type) return false;
  switch (question.type) {
    case 'true-false':
      return response.value === question.answer;
    case 'single':
      return typeof response.value === 'string' && question.correct.length === 1 && response.value === question.correct[0];
    case 'multiple':
      return Array.isArray(response.value) && response.value.length > 0 && sameSet(response.value as string[], question.correct);
    case 'fill-in': {
      if (typeof response.value !== 'string') return false;
      const given = normaliseFillIn(response.value, question);
      return given !== '' && question.answers.some((answer) => normaliseFillIn(answer, question) === given);
    }
    case 'numeric': {
      const value = response.value;
      return typeof value === 'number' && Number.isFinite(value) && value >= question.min && value <= question.max;
    }
    case 'matching': {
      const given = response.value as Array<[string, string]>;
      if (!Array.isArray(given) || given.length !== question.pairs.length) return false;
      const map = new Map(given.map(([source, target]) => [source, target]));
      // A source answered twice collapses in the map and fails the size check.
      return map.size === question.pairs.length && question.pairs.every(([source, target]) => map.get(source) === target);
    }
    case 'sequencing': {
      const given = response.value as string[];
      return (
        Array.isArray(given) &&
        given.length === question.items.length &&
        question.items.every((item, index) => given[index] === item.id)
      );
    }
    default:
      return false;
  }
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
  const scaled = max > 0 ? raw / max : 1;
  return { attempt, raw, max, scaled, passed: scaled + EPSILON >= passingScore, passingScore };
}
