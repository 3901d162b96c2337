/**
 * How each standard writes a question's type, the learner's response and the
 * correct response pattern. Shared by the SCORM adapters, the xAPI/cmi5
 * adapters and the compiler (tincan.xml lists the patterns too).
 *
 * SCORM 1.2: RTE §3.4 cmi.interactions (CMIFeedback: single characters, "," and ".").
 * SCORM 2004: RTE 4.2.9 (characterstring with [,] [.] [:] delimiters).
 * xAPI 1.0.3: Data §2.4.4.1 interaction activities (same delimiters as 2004).
 */
import type { Question, Response } from '../../course/model.js';

export type Standard = 'scorm12' | 'scorm2004' | 'xapi';

/** Interaction type per question type and standard. */
export function interactionType(question: Question, standard: Standard): string {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return 'choice';
    case 'essay':
      return standard === 'scorm12' ? 'fill-in' : 'long-fill-in';
    default:
      return question.type;
  }
}

const SCORM12_TEXT_LIMIT = 255;
const SCORM2004_TEXT_LIMIT = 250;
const LONG_TEXT_LIMIT = 4000;

/** Correct response patterns (none for unscored questions). */
export function correctPatterns(question: Question, standard: Standard): string[] {
  const v12 = standard === 'scorm12';
  const list = (ids: string[]) => ids.join(v12 ? ',' : '[,]');
  switch (question.type) {
    case 'true-false':
      return [v12 ? (question.answer ? 't' : 'f') : String(question.answer)];
    case 'single':
    case 'multiple':
      return [list(question.correct)];
    case 'fill-in': {
      const prefix = !v12 && question.caseSensitive ? '{case_matters=true}' : '';
      // One pattern per accepted answer, so an LMS that re-scores (or a reviewer) accepts each of them.
      // SCORM 2004's smallest permitted maximum (SPM) is 5 patterns; SCORM 1.2 sets none.
      const answers = v12 ? question.answers : question.answers.slice(0, 5);
      return answers.map((a) => prefix + escapeDelimiters(a, standard).slice(0, v12 ? SCORM12_TEXT_LIMIT : SCORM2004_TEXT_LIMIT));
    }
    case 'numeric':
      if (question.min === question.max) return [String(question.min)];
      // SCORM 1.2 numeric patterns are a single decimal: a range cannot be written.
      return v12 ? [] : [`${question.min}[:]${question.max}`];
    case 'matching':
      return [question.pairs.map(([s, t]) => (v12 ? `${s}.${t}` : `${s}[.]${t}`)).join(v12 ? ',' : '[,]')];
    case 'sequencing':
      return [list(question.items.map((i) => i.id))];
    case 'likert':
    case 'essay':
      return [];
  }
}

/** The learner's response in the standard's format. */
export function formatResponse(response: Response, standard: Standard): string {
  const v12 = standard === 'scorm12';
  switch (response.type) {
    case 'true-false':
      return v12 ? (response.value ? 't' : 'f') : String(response.value);
    case 'single':
    case 'likert':
      return response.value;
    case 'multiple':
    case 'sequencing':
      return response.value.join(v12 ? ',' : '[,]');
    case 'fill-in':
      return escapeDelimiters(response.value, standard).slice(0, v12 ? SCORM12_TEXT_LIMIT : SCORM2004_TEXT_LIMIT);
    case 'essay':
      return response.value.slice(0, v12 ? SCORM12_TEXT_LIMIT : LONG_TEXT_LIMIT);
    case 'numeric':
      return String(response.value);
    case 'matching':
      return response.value.map(([s, t]) => (v12 ? `${s}.${t}` : `${s}[.]${t}`)).join(v12 ? ',' : '[,]');
  }
}

/** Learner text must not be read as a delimiter: SCORM 1.2 forbids the comma, 2004/xAPI the bracketed forms. */
function escapeDelimiters(text: string, standard: Standard): string {
  return standard === 'scorm12' ? text.replace(/,/g, ' ') : text.replace(/\[([,.:])\]/g, '($1)');
}

/** SCORM 1.2 CMITimespan `HHHH:MM:SS.SS`. */
export function scorm12Timespan(ms: number): string {
  const total = Math.max(0, ms) / 1000;
  const hours = Math.min(9999, Math.floor(total / 3600));
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
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

/**
 * SCORM 2004 time(second,10,0) in UTC. The format is YYYY-MM-DDThh:mm:ss[.s[TZD]]: a
 * time zone may only follow fractional seconds, so `…:05Z` is refused and `…:05.00Z` is right.
 */
export function scorm2004Timestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{2})\dZ$/, '.$1Z');
}
