/**
 * How each standard writes a question's type, the learner's response and the
 * correct response pattern (each type's part in `../question-types/`), and its times.
 * Shared by the SCORM adapters, the xAPI/cmi5 adapters and the compiler (tincan.xml
 * lists the patterns too).
 */
import type { Question, Response } from '../../course/model.js';
import { KINDS, type Standard } from '../question-types/index.js';

export type { Standard };

/** Interaction type per question type and standard (SCORM 1.2 has no long-fill-in: its nearest is fill-in). */
export function interactionType(question: Question, standard: Standard): string {
  const type = KINDS[question.type].interaction;
  return standard === 'scorm12' && type === 'long-fill-in' ? 'fill-in' : type;
}

/** Correct response patterns (none for unscored questions). */
export function correctPatterns(question: Question, standard: Standard): string[] {
  return KINDS[question.type].patterns(question, standard);
}

/** The learner's response in the standard's format. */
export function formatResponse(response: Response, standard: Standard): string {
  return KINDS[response.type].format(response.value, standard);
}

/**
 * Moodle's SCORM 2004 decimal (CMIDecimal in mod/scorm/datamodels/scorm_13.js): at most five
 * integer digits, where SCORM 2004 itself takes any real(10,7) (RTE 4.2.9).
 */
const MOODLE_DECIMAL = /^-?\d{1,5}(\.\d{1,18})?$/;

/**
 * An answer as SCORM 2004 writes it: interaction type, correct patterns and learner response.
 * A numeric answer whose response or range Moodle cannot hold as a decimal (396000) is written
 * as `other`, whose response and pattern are characterstrings (RTE 4.2.9): the same text, kept
 * by every LMS, rather than a numeric response and pattern Moodle would refuse and lose.
 */
export function scorm2004Interaction(question: Question, response: Response): { type: string; patterns: string[]; response: string } {
  const type = interactionType(question, 'scorm2004');
  const patterns = correctPatterns(question, 'scorm2004');
  const text = formatResponse(response, 'scorm2004');
  const numbers = [text, ...patterns.flatMap((pattern) => pattern.split('[:]'))];
  return { type: type === 'numeric' && !numbers.every((n) => MOODLE_DECIMAL.test(n)) ? 'other' : type, patterns, response: text };
}

/**
 * SCORM 1.2 CMITimespan `HHHH:MM:SS.SS`, at most 9999:59:59.99. Rounded to hundredths first, so
 * 59.996 seconds carries into a minute rather than being written as `60.00`.
 */
export function scorm12Timespan(ms: number): string {
  const hundredths = Math.min(Math.round(Math.max(0, ms) / 10), 10_000 * 360_000 - 1);
  const hours = Math.floor(hundredths / 360_000);
  const minutes = Math.floor(hundredths / 6000) % 60;
  const seconds = (hundredths % 6000) / 100;
  return `${String(hours).padStart(4, '0')}:${String(minutes).padStart(2, '0')}:${seconds.toFixed(2).padStart(5, '0')}`;
}

/** SCORM 1.2 CMITime `HH:MM:SS` (a time of day). */
export function scorm12Time(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** ISO 8601 duration with at most two decimals on the seconds (SCORM 2004 timeinterval, xAPI duration). */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 10)) / 100;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = Math.round((total % 60) * 100) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds}S`;
}
