/** Fill-in: a short text compared with each accepted answer, by the question's case and blank rules. */
import { textView } from '../player/widgets.js';
import type { QuestionKind } from './kind.js';
import { noComponents, none } from './kind.js';
import { cut } from './codec.js';
import { shortText, SCORM12_TEXT_LIMIT } from './formats.js';
import { normaliseFillIn } from './fill-in-text.js';

export { normaliseFillIn };

/** A text answer; null while only blanks are typed. */
export const typed = (text: string): string | null => (text.trim() === '' ? null : text);

export const fillIn: QuestionKind<'fill-in'> = {
  correct(question, value) {
    if (typeof value !== 'string') return false;
    const given = normaliseFillIn(value, question);
    return given !== '' && question.answers.some((answer) => normaliseFillIn(answer, question) === given);
  },
  ids: none,
  print: () => '',
  encode: cut,
  decode: (_, text) => text,
  interaction: 'fill-in',
  patterns(question, standard) {
    const prefix = standard !== 'scorm12' && question.caseSensitive ? '{case_matters=true}' : '';
    // One pattern per accepted answer, so an LMS that re-scores (or a reviewer) accepts each of them.
    // SCORM 2004's smallest permitted maximum (SPM) is 5 patterns; SCORM 1.2 sets none.
    const answers = standard === 'scorm12' ? question.answers : question.answers.slice(0, 5);
    return answers.map((answer) => prefix + shortText(answer, standard));
  },
  format: shortText,
  components: noComponents,
  view: (question, opts) => textView(question, opts, 'line', '', SCORM12_TEXT_LIMIT, typed),
};
