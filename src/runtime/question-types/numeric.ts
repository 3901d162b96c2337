/** Numeric: a number, right within an inclusive range (`min === max` for an exact answer). */
import { textView } from '../player/widgets.js';
import type { QuestionKind } from './kind.js';
import { noComponents, none } from './kind.js';
import { SCORM12_TEXT_LIMIT } from './formats.js';

/**
 * Read a number the way people type it: `12.5`, `12,5` (comma as decimal separator),
 * full-width digits (`１２．５`), surrounding blanks. Returns null for anything else,
 * including thousands separators, which are ambiguous with the decimal comma.
 * @param input what the learner typed
 */
export function parseNumeric(input: string): number | null {
  // A Chinese input method's full stop (。) is a decimal point here.
  const text = input.normalize('NFKC').trim().replace(/\u2212/g, '-').replace(/\u3002/g, '.');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  // "60,000" is sixty thousand to most learners and 60 to a decimal-comma reader: ask, never guess.
  if (/^[+-]?[1-9]\d{0,2},\d{3}$/.test(text)) return null;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/**
 * A number as a plain decimal, never in exponent notation (`String(1e-7)` is `1e-7`), which
 * SCORM's decimals and Moodle's checks refuse. The digits JavaScript writes (at most 17
 * significant), so 9.7 stays 9.7 and nothing is rounded away.
 */
export const decimal = (value: number): string => value.toLocaleString('en', { useGrouping: false, maximumSignificantDigits: 21 });

export const numeric: QuestionKind<'numeric'> = {
  correct: (question, value) => typeof value === 'number' && Number.isFinite(value) && value >= question.min && value <= question.max,
  ids: none,
  print: () => '',
  encode: String,
  decode(_, text) {
    const value = Number(text);
    return /^[-+0-9.eE]+$/.test(text) && Number.isFinite(value) ? value : undefined;
  },
  interaction: 'numeric',
  // SCORM 1.2 numeric patterns are a single decimal: a range cannot be written.
  patterns: (question, standard) => (question.min === question.max ? [decimal(question.min)] : standard === 'scorm12' ? [] : [`${decimal(question.min)}[:]${decimal(question.max)}`]),
  format: decimal,
  components: noComponents,
  view: (question, opts) => textView(question, opts, 'number', opts.t('q.hint.numeric'), SCORM12_TEXT_LIMIT, parseNumeric),
};
