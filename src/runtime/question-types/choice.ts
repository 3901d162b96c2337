/**
 * Single and multiple choice: lettered options (`a`..`z`), shuffled when the exam
 * shuffles choices; one correct option, or a set of them.
 */
import type { ChoiceQuestion } from '../../course/model.js';
import { choiceView, ordered } from '../player/widgets.js';
import type { QuestionKind } from './kind.js';
import { itself } from './kind.js';
import { hasId, idsOf } from './codec.js';
import { list } from './formats.js';

/** Same members, ignoring order and duplicates. */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

/** What single and multiple choice do alike. */
const choices: Pick<QuestionKind<ChoiceQuestion['type']>, 'ids' | 'print' | 'interaction' | 'patterns' | 'components'> = {
  ids: (question) => idsOf(question.choices),
  print: (question) => idsOf(question.choices).join(''),
  interaction: 'choice',
  patterns: (question, standard) => [list(question.correct, standard)],
  components: (question, component) => ({ choices: question.choices.map(component) }),
};

export const single: QuestionKind<'single'> = {
  ...choices,
  correct: (question, value) => typeof value === 'string' && question.correct.length === 1 && value === question.correct[0],
  encode: itself,
  decode: (question, text) => (hasId(question.choices, text) ? text : undefined),
  format: itself,
  view: (question, opts) => choiceView(question, opts, ordered(question.choices, opts.order), opts.t('q.hint.single'), (ids) => ids[0]),
};

export const multiple: QuestionKind<'multiple'> = {
  ...choices,
  correct: (question, value) => Array.isArray(value) && value.length > 0 && sameSet(value, question.correct),
  encode: (value) => [...value].sort().join(''),
  decode(question, text) {
    const ids = [...text];
    return new Set(ids).size === ids.length && ids.every((id) => hasId(question.choices, id)) ? ids : undefined;
  },
  format: list,
  view: (question, opts) => choiceView(question, opts, ordered(question.choices, opts.order), opts.t('q.hint.multiple'), itself, true),
};
