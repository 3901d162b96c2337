/** Essay: free text up to the question's maximum length, never scored. */
import { textView } from '../player/widgets.js';
import type { QuestionKind } from './kind.js';
import { noComponents, none } from './kind.js';
import { cut } from './codec.js';
import { longText, SCORM12_TEXT_LIMIT } from './formats.js';
import { typed } from './fill-in.js';

/** SCORM 2004's (and xAPI's) long-fill-in holds 4,000 characters. */
const LONG_TEXT_LIMIT = 4000;

export const essay: QuestionKind<'essay'> = {
  correct: null,
  ids: none,
  print: () => '',
  encode: cut,
  decode: (_, text) => text,
  interaction: 'long-fill-in',
  patterns: none,
  format: (value, standard) => longText(value, standard, standard === 'scorm12' ? SCORM12_TEXT_LIMIT : LONG_TEXT_LIMIT),
  components: noComponents,
  view: (question, opts) => textView(question, opts, 'long', opts.t('q.hint.essay', { max: question.maxLength }), question.maxLength, typed),
};
