/**
 * The type-specific part of a Moodle XML question (Moodle Docs, "Moodle XML format"),
 * which each question type writes (`src/course/question-types/`), and the pieces they share.
 */
import type { Question } from '../course/model.js';
import { cdata } from './xml.js';

/** Moodle's type for a question, and the elements that follow its common ones. */
export interface MoodleBody {
  type: string;
  xml: string;
}

export const text = (value: string) => `<text>${cdata(value)}</text>`;
export const html = (tag: string, value: string | undefined) => `<${tag} format="html">${text(value ?? '')}</${tag}>`;
export const feedbackOf = (value: string | undefined) => html('feedback', value);

/** Moodle prints fractions with up to 7 decimals and matches them against its grade list. */
export const fraction = (percent: number) => String(Math.round(percent * 1e5) / 1e5);

/** A number without binary noise (0.30000000000000004 → 0.3). */
export const tidy = (n: number) => String(Number(n.toPrecision(12)));

/** Shortanswer answers are patterns: `*` is a wildcard unless escaped. */
export const literal = (answer: string) => answer.replace(/\*/g, '\\*');

export function combinedFeedback(q: Question): string {
  return `${html('correctfeedback', q.feedback.correct)}${html('partiallycorrectfeedback', q.feedback.incorrect)}${html('incorrectfeedback', q.feedback.incorrect)}`;
}
