/** Numeric: one bullet item, a number (`42`), a range (`40..45`) or a tolerance (`42 ± 0.5`). */
import { placeOf } from '../../diagnostics/diagnostic.js';
import { plainText } from '../markdown.js';
import { firstFullWidth, typeInsteadAll } from '../../languages/full-width.js';
import type { CompilerKind } from './kind.js';

const NUMBER = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?';
const EXACT = new RegExp(`^(${NUMBER})$`);
const RANGE = new RegExp(`^(${NUMBER})\\s*(?:\\.\\.|…|~|to)\\s*(${NUMBER})$`);
/** A comma that is not a thousands separator: not between a digit and a group of exactly three. */
const DECIMAL_COMMA = /(?<!\d),|,(?!\d{3}(?!\d))/;
const TOLERANCE = new RegExp(`^(${NUMBER})\\s*(?:±|\\+-|\\+/-)\\s*(${NUMBER})$`);

/** Digits after the decimal point of a number as written: `2.50` → 2, `1.5e-3` → 4, `4e2` → 0. */
function decimalsOf(text: string): number {
  const [, fraction = '', exponent = '0'] = /^[-+]?\d*(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text) ?? [];
  return Math.max(0, fraction.length - Number(exponent));
}

/**
 * A sum or difference of decimals, rounded to the decimals they were written with: binary
 * floating point makes 9.8 − 0.1 9.700000000000001, which would mark the answer 9.7 wrong.
 */
const rounded = (value: number, decimals: number): number => Number(value.toFixed(Math.min(decimals, 100)));

/** A range's middle and half its width (Moodle's answer and tolerance, QTI's correct value), to the decimals of its ends. */
function centre(question: { min: number; max: number }): { value: number; tolerance: number } {
  const decimals = Math.max(decimalsOf(String(question.min)), decimalsOf(String(question.max))) + 1;
  return { value: rounded((question.min + question.max) / 2, decimals), tolerance: rounded((question.max - question.min) / 2, decimals) };
}

export const numeric: CompilerKind<'numeric'> = {
  list: 'plain',
  read(list, items, _values, _ctx, report) {
    if (items.length !== 1) {
      report('numeric-invalid', 'a numeric question has exactly one answer item', placeOf(list));
      return null;
    }
    const written = plainText(items[0]!).trim();
    // A comma groups thousands only before three digits (60,000): in 12,5 it is a decimal comma, which would read as 125.
    if (DECIMAL_COMMA.test(written)) {
      report('numeric-invalid', `in "${written}" a comma does not separate thousands (a thousands separator comes before three digits, as in 60,000), and a decimal comma is not read: write a decimal point (${written.replace(new RegExp(DECIMAL_COMMA, 'g'), '.')})`, placeOf(items[0]));
      return null;
    }
    const text = written.replace(/,/g, '');
    let min: number, max: number;
    let m: RegExpExecArray | null;
    if ((m = EXACT.exec(text))) min = max = Number(m[1]);
    else if ((m = RANGE.exec(text))) [min, max] = [Number(m[1]), Number(m[2])];
    else if ((m = TOLERANCE.exec(text))) {
      const [answer, tolerance] = [Number(m[1]), Math.abs(Number(m[2]))];
      const decimals = Math.max(decimalsOf(m[1]!), decimalsOf(m[2]!));
      [min, max] = [rounded(answer - tolerance, decimals), rounded(answer + tolerance, decimals)];
    } else {
      const fullWidth = firstFullWidth(text);
      report('numeric-invalid', `cannot read "${text}" as a number, range or tolerance${fullWidth ? `: a full-width or Chinese character is not read: ${typeInsteadAll(text)}` : ''}`, placeOf(items[0]));
      return null;
    }
    if (min > max) {
      report('numeric-range-empty', `the range ${text} is inverted (${min} > ${max})`, placeOf(items[0]));
      return null;
    }
    return { type: 'numeric', min, max };
  },
  differences: (source, t) => (t.min !== source.min || t.max !== source.max ? [`its answer is ${t.min === t.max ? t.min : `${t.min}..${t.max}`}, the source's ${source.min === source.max ? source.min : `${source.min}..${source.max}`}`] : []),
  qti: (question) => ({
    cardinality: 'single', baseType: 'float', correct: [String(centre(question).value)],
    interaction: '<p><textEntryInteraction responseIdentifier="RESPONSE" expectedLength="12"/></p>',
    // A range needs rules of its own: no standard template tests one.
    isCorrect: `<and><gte><variable identifier="RESPONSE"/><baseValue baseType="float">${question.min}</baseValue></gte><lte><variable identifier="RESPONSE"/><baseValue baseType="float">${question.max}</baseValue></lte></and>`,
    template: null,
  }),
  // Moodle's numerical: the midpoint with half the range as tolerance.
  moodle: (q, texts) => {
    const { value, tolerance } = centre(q);
    return {
      type: 'numerical',
      xml: `<answer fraction="100" format="moodle_auto_format"><text>${value}</text><tolerance>${tolerance}</tolerance>${texts.feedback(q.feedback.correct)}</answer>`
        + `<answer fraction="0" format="moodle_auto_format"><text>*</text><tolerance>0</tolerance>${texts.feedback(q.feedback.incorrect)}</answer>`
        + '<unitgradingtype>0</unitgradingtype><unitpenalty>0</unitpenalty><showunits>3</showunits><unitsleft>0</unitsleft>',
    };
  },
  fromRow(row) {
    row.noOptions();
    // A sheet shows large numbers with thousands separators (1,234.5): the number is the same.
    const value = row.answer.normalize('NFKC').trim().replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
    const number = '-?\\d+(?:\\.\\d+)?';
    const range = new RegExp(`^(${number})\\s*\\.\\.\\s*(${number})$`).exec(value);
    const tolerance = new RegExp(`^(${number})\\s*(?:±|\\+-|\\+/-)\\s*(\\d+(?:\\.\\d+)?)$`).exec(value);
    if (new RegExp(`^${number}$`).test(value) || tolerance || (range && Number(range[1]) <= Number(range[2]))) return { answers: [value] };
    row.badAnswer(`"${row.answer}" is not a number, a range (40..45) or a tolerance (42±0.5)`);
    return null;
  },
  markdown: (q) => [`- ${q.answers[0]!}`],
};
