/** Likert: the scale's points (2 to 9, `1`..`9`) as bullet items, in order; a survey, never scored. */
import { placeOf } from '../../diagnostics/diagnostic.js';
import { inline } from '../../import/markdown-text.js';
import { choiceId, simpleChoice } from '../../targets/qti-parts.js';
import type { CompilerKind } from './kind.js';
import { SOURCE_IDS, textOptions } from './options.js';

export const likert: CompilerKind<'likert'> = {
  list: 'plain',
  read(list, items, _values, _ctx, report) {
    if (items.length < 2 || items.length > SOURCE_IDS.length) {
      report('question-type-mismatch', `a likert scale has 2 to ${SOURCE_IDS.length} points`, placeOf(list));
      return null;
    }
    return { type: 'likert', scale: textOptions(items, SOURCE_IDS, report, 'likert scale points') };
  },
  differences: (source, t) => (t.scale.length !== source.scale.length ? [`its scale has ${t.scale.length} points, the source's ${source.scale.length}`] : []),
  qti: (question) => ({
    cardinality: 'single', baseType: 'identifier', correct: [],
    interaction: `<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">${question.scale.map((s) => simpleChoice(choiceId(s.id), s.html)).join('')}</choiceInteraction>`,
    isCorrect: null, template: null,
  }),
  /**
   * Moodle's question bank has no survey type: the question is left out (the export
   * warns), and a Moodle Feedback or Questionnaire activity takes its place.
   */
  moodle: () => null,
  fromRow: (row) => (row.needOptions(2) ? { options: row.options.map((o) => ({ text: o.text, correct: false })) } : null),
  markdown: (q) => q.options.map((o) => `- ${inline(o.text)}`),
};
