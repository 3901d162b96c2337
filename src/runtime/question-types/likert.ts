/** Likert: one point of a scale (`1`..`9`), always in its authored order; a survey, never scored. */
import { choiceView } from '../player/widgets.js';
import type { QuestionKind } from './kind.js';
import { itself, none } from './kind.js';
import { hasId, idsOf } from './codec.js';

export const likert: QuestionKind<'likert'> = {
  correct: null,
  ids: none,
  print: (question) => idsOf(question.scale).join(''),
  encode: itself,
  decode: (question, text) => (hasId(question.scale, text) ? text : undefined),
  interaction: 'likert',
  patterns: none,
  format: itself,
  components: (question, component) => ({ scale: question.scale.map(component) }),
  view: (question, opts) => choiceView(question, opts, question.scale, opts.t('q.hint.likert'), (ids) => ids[0], false, true),
};
