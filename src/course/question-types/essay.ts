/** Essay: free text of at most `max=` characters (4,000 by default); no answer list, never scored. */
import { ESSAY_MAX_LENGTH } from '../model.js';
import type { CompilerKind } from './kind.js';

export const essay: CompilerKind<'essay'> = {
  list: 'optional',
  attributes: {
    max: (value) => (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= ESSAY_MAX_LENGTH ? undefined : `max must be a whole number from 1 to ${ESSAY_MAX_LENGTH}, not "${value}"`),
  },
  read: (_list, _items, values) => ({ type: 'essay', maxLength: values.max === undefined ? ESSAY_MAX_LENGTH : Number(values.max) }),
  differences: (source, t) => (t.maxLength !== source.maxLength ? [`it allows ${t.maxLength} characters, the source ${source.maxLength}`] : []),
  // expectedLength only sizes the box ("not a validity constraint", QTI 2.1); the limit is patternMask, which a
  // response must match to be valid: an XML Schema regular expression, matched whole (no ^ $), where `.` stops at line breaks.
  qti: (question) => ({
    cardinality: 'single', baseType: 'string', correct: [],
    interaction: `<extendedTextInteraction responseIdentifier="RESPONSE" expectedLength="${question.maxLength}" patternMask="[\\s\\S]{0,${question.maxLength}}"/>`,
    isCorrect: null, template: null,
  }),
  // No word limit: Moodle's essay limits words, which it counts between blanks (count_words), so a limit of
  // characters has no word count that means the same (a Chinese text without blanks is one word).
  moodle: () => ({ type: 'essay', xml: '<responseformat>editor</responseformat><responserequired>1</responserequired><responsefieldlines>15</responsefieldlines><attachments>0</attachments><attachmentsrequired>0</attachmentsrequired>' }),
  fromRow(row) {
    row.noOptions();
    // A model answer is kept as the explanation, never dropped.
    return { explanation: [row.answer, row.explanation].filter(Boolean).join('\n\n') || undefined };
  },
  markdown: () => [],
};
