/** True/false: two fixed options, "true" and "false", in the course's language. */
import type { Option } from '../../course/model.js';
import { choiceView } from '../player/widgets.js';
import type { QuestionKind, Standard } from './kind.js';
import { noComponents, none } from './kind.js';

/** SCORM 1.2 writes a truth as `t`/`f`, SCORM 2004 and xAPI as `true`/`false`. */
const truth = (value: boolean, standard: Standard) => (standard === 'scorm12' ? (value ? 't' : 'f') : String(value));

export const trueFalse: QuestionKind<'true-false'> = {
  correct: (question, value) => value === question.answer,
  ids: none,
  print: () => '',
  encode: (value) => (value ? '1' : '0'),
  decode: (_, text) => (text === '1' || text === '0' ? text === '1' : undefined),
  interaction: 'true-false',
  patterns: (question, standard) => [truth(question.answer, standard)],
  format: truth,
  components: noComponents,
  view(question, opts) {
    const { t } = opts;
    const options: Option[] = [
      { id: 'true', html: t('q.true'), text: t('q.true') },
      { id: 'false', html: t('q.false'), text: t('q.false') },
    ];
    return choiceView(question, opts, options, t('q.hint.true-false'), (ids) => ids[0] === 'true');
  },
};
