/**
 * How the standards write lists, pairs and texts in responses and patterns.
 *
 * SCORM 1.2: RTE §3.4 cmi.interactions (CMIFeedback: single characters, "," and ".").
 * SCORM 2004: RTE 4.2.9 (characterstring with [,] [.] [:] delimiters).
 * xAPI 1.0.3: Data §2.4.4.1 interaction activities (same delimiters as 2004).
 */
import { cut } from './codec.js';
import type { Standard } from './kind.js';

/** SCORM 1.2's longest CMIFeedback. */
export const SCORM12_TEXT_LIMIT = 255;
/** SCORM 2004's smallest permitted maximum for a fill-in response (and xAPI's, as it follows 2004). */
export const SCORM2004_TEXT_LIMIT = 250;

/**
 * Option ids as a list.
 * @param ids the ids in order
 * @param standard the standard to write for
 */
export const list = (ids: readonly string[], standard: Standard): string => ids.join(standard === 'scorm12' ? ',' : '[,]');

/**
 * Source–target pairs as a list.
 * @param pairs the pairs
 * @param standard the standard to write for
 */
export const pairList = (pairs: ReadonlyArray<readonly [string, string]>, standard: Standard): string =>
  list(pairs.map(([s, t]) => (standard === 'scorm12' ? `${s}.${t}` : `${s}[.]${t}`)), standard);

/** A text that starts with `{` would be read as a `{lang=…}` (or `{case_matters=…}`) delimiter, and refused. */
const noOpeningBrace = (text: string): string => text.replace(/^\{/, '(');

/**
 * Learner or author text in a short-text field: it must not be read as a delimiter
 * (SCORM 1.2 forbids the comma, 2004/xAPI the bracketed forms and a leading `{`), and it is
 * cut to the limit (never inside a character outside the BMP, which would leave half of it:
 * not a character a UTF-8 database or an XML export can hold).
 * @param text the text
 * @param standard the standard to write for
 */
export function shortText(text: string, standard: Standard): string {
  return standard === 'scorm12' ? cut(text.replace(/,/g, ' '), SCORM12_TEXT_LIMIT) : cut(noOpeningBrace(text.replace(/\[([,.:])\]/g, '($1)')), SCORM2004_TEXT_LIMIT);
}

/**
 * Learner text in a long-text field (an essay). SCORM's runtimes check a response against one
 * line (scorm-again refuses one with a line break, and a refused response is simply not
 * stored), and a 2004 response that starts with `{` would be read as a `{lang=…}` delimiter: the
 * SCORM versions get the text on one line. xAPI takes it as written.
 * @param text the text
 * @param standard the standard to write for
 * @param limit the most characters the standard takes
 */
export function longText(text: string, standard: Standard, limit: number): string {
  if (standard === 'xapi') return cut(text, limit);
  const oneLine = text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
  return standard === 'scorm12' ? shortText(oneLine, standard) : cut(noOpeningBrace(oneLine), limit);
}

