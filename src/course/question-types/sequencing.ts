/** Sequencing: an ordered list of steps (`a`..`z`), written in the correct order. */
import type { List, ListItem } from 'mdast';
import { placeOf, startOf } from '../../diagnostics/diagnostic.js';
import { letters } from '../../import/row-cells.js';
import { inline } from '../../import/markdown-text.js';
import { text } from '../../targets/moodle-parts.js';
import { choiceId, matchCorrect, simpleChoice } from '../../targets/qti-parts.js';
import type { Option } from '../model.js';
import type { RenderContext } from '../render-html.js';
import type { CompilerKind, Report } from './kind.js';
import { CHOICE_IDS, textOptions } from './options.js';

const ids = (list: Array<{ id: string }>) => list.map((o) => o.id).join(', ');

/** The numbers written before the items of an ordered list, as in the source (the tree keeps only the first). */
function writtenNumbers(items: ListItem[], ctx: RenderContext): number[] {
  const source = String(ctx.source.value);
  return items.flatMap((item) => {
    const start = item.position?.start.offset;
    const number = start === undefined ? null : /^\d{1,9}(?=[.)])/.exec(source.slice(start, start + 10));
    return number ? [Number(number[0])] : [];
  });
}

/**
 * Warn when steps are numbered in another order than they are written (`3.` `1.` `2.`): the
 * numbers are not read, so the written order is the key. Counting on (`1.` `2.` `3.`) and the
 * same number throughout (`1.` `1.` `1.`) say nothing else.
 */
function reportNumbering(list: List, steps: Option[], ctx: RenderContext, report: Report): void {
  const numbers = writtenNumbers(list.children, ctx);
  const counting = numbers.every((n, i) => n === numbers[0]! + i);
  const same = numbers.every((n) => n === numbers[0]);
  if (numbers.length !== steps.length || counting || same) return;
  const order = steps.map((s) => startOf(s.text, 16)).join(' → ');
  report('sequencing-numbers', `these steps are numbered ${numbers.join(', ')}, but Markdown reads only a list's first number and keeps the steps in the order they are written, so learners are marked right only for ${order}: write the steps in the correct order, numbered 1, 2, 3…`, placeOf(list));
}

export const sequencing: CompilerKind<'sequencing'> = {
  list: 'plain',
  read(list, items, _values, ctx, report) {
    const options = textOptions(items, CHOICE_IDS, report, 'sequencing steps');
    if (list?.ordered) reportNumbering(list, options, ctx, report);
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
