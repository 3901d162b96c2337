/** Sequencing: an ordered list of steps (`a`..`z`), written in the correct order. */
import { placeOf } from '../../diagnostics/diagnostic.js';
import { letters } from '../../import/row-cells.js';
import { inline } from '../../import/markdown-text.js';
import { text } from '../../targets/moodle-parts.js';
import { choiceId, matchCorrect, simpleChoice } from '../../targets/qti-parts.js';
import type { CompilerKind } from './kind.js';
import { CHOICE_IDS, textOptions } from './options.js';

const ids = (list: Array<{ id: string }>) => list.map((o) => o.id).join(', ');

export const sequencing: CompilerKind<'sequencing'> = {
  list: 'plain',
  read(list, items, _values, _ctx, report) {
    const options = textOptions(items, CHOICE_IDS, report, 'sequencing steps');
    if (options.length < 2 || new Set(options.map((o) => o.text)).size !== options.length) {
      report('sequencing-incomplete', 'a sequencing question needs at least two distinct steps', placeOf(list));
      return null;
    }
    if (options.length > CHOICE_IDS.length) {
      report('too-many-options', `at most ${CHOICE_IDS.length} steps`, placeOf(list));
      return null;
    }
    return { type: 'sequencing', items: options };
  },
  differences: (source, t) => (ids(t.items) !== ids(source.items) ? [`it has ${t.items.length} steps, the source ${source.items.length}`] : []),
  qti: (question) => ({
    cardinality: 'ordered', baseType: 'identifier', correct: question.items.map((i) => choiceId(i.id)),
    // The authored order is the answer: the items are always shuffled.
    interaction: `<orderInteraction responseIdentifier="RESPONSE" shuffle="true">${question.items.map((i) => simpleChoice(choiceId(i.id), i.html)).join('')}</orderInteraction>`,
    isCorrect: matchCorrect, template: 'match_correct',
  }),
  /**
   * Moodle's ordering, a standard plugin of Moodle since 4.4 (a widely used add-on
   * before), graded all or nothing as in the player. Not ddwtos (drag words into
   * sentences), which cannot express an order.
   */
  moodle: (q, texts) => ({
    type: 'ordering',
    xml: '<layouttype>VERTICAL</layouttype><selecttype>ALL</selecttype><selectcount>0</selectcount><gradingtype>ALL_OR_NOTHING</gradingtype><showgrading>SHOW</showgrading><numberingstyle>none</numberingstyle>'
      + `${texts.combinedFeedback(q)}${q.items.map((item, i) => `<answer fraction="${i + 1}" format="html">${text(item.html)}</answer>`).join('')}`,
  }),
  fromRow(row) {
    if (!row.needOptions(2)) return null;
    const order = letters(row.answer) || row.options.map((o) => o.letter).join('');
    const sorted = [...order].sort().join('');
    if (sorted === row.options.map((o) => o.letter).sort().join('')) return { options: [...order].map((l) => ({ text: row.options.find((o) => o.letter === l)!.text, correct: true })) };
    row.badAnswer(`"${row.answer}" must name every option once, in the correct order`);
    return null;
  },
  markdown: (q) => q.options.map((o, i) => `${i + 1}. ${inline(o.text)}`),
};
