/** Essay: free text up to the question's maximum length, never scored. */
import { textView } from '../player/widgets.js';
import type { QuestionKind } from './kind.js';
import { noComponents, none } from './kind.js';
import { cut } from './codec.js';
import { longText, SCORM12_TEXT_LIMIT } from './formats.js';
import { typed } from './fill-in.js';
import { ESSAY_MAX_LENGTH } from '../../course/model.js';

export const essay: QuestionKind<'essay'> = {
  correct: null,
  ids: none,
  print: () => '',
  encode: cut,
  decode: (_, text) => text,
  interaction: 'long-fill-in',
  patterns: none,
  format: (value, standard) => longText(value, standard, standard === 'scorm12' ? SCORM12_TEXT_LIMIT : ESSAY_MAX_LENGTH),
  components: noComponents,
  view: (question, opts) => textView(question, opts, 'long', opts.t('q.hint.essay', { max: question.maxLength }), question.maxLength, typed),
};
