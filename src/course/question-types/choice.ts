/**
 * Single and multiple choice: a task list of options (`a`..`z`), the correct one(s)
 * checked; a single-choice question has exactly one, a multiple-choice one not all.
 */
import type { List, ListItem } from 'mdast';
import { placeOf } from '../../diagnostics/diagnostic.js';
import { letters, type RowCells } from '../../import/row-cells.js';
import { inline } from '../../import/markdown-text.js';
import { fraction, percent, type MoodleTexts } from '../../targets/moodle-parts.js';
import { choiceId, matchCorrect, simpleChoice } from '../../targets/qti-parts.js';
import type { ChoiceQuestion, Option } from '../model.js';
import { plainText } from '../markdown.js';
import { renderItemInline, type RenderContext } from '../render-html.js';
import type { AnswersOf, CompilerKind, ImportedFields, Report } from './kind.js';
import { CHOICE_IDS, reportExtraBlocks } from './options.js';

type ChoiceType = ChoiceQuestion['type'];

function read<T extends ChoiceType>(type: T, list: List | undefined, items: ListItem[], ctx: RenderContext, report: Report): AnswersOf<T> | null {
  const at = placeOf(list);
  if (items.length < 2) {
    report('too-few-options', 'a choice question needs at least two options', at);
    return null;
  }
  if (items.length > CHOICE_IDS.length) {
    report('too-many-options', `a choice question has at most ${CHOICE_IDS.length} options, this one has ${items.length}`, at);
    return null;
  }
  reportExtraBlocks(items, report, 'options', 'first');
  const choices: Option[] = items.map((item, i) => ({ id: CHOICE_IDS[i]!, html: renderItemInline(item, ctx), text: plainText(item).trim() }));
  // Every repeat is reported, each at its item, so that an author sees them all at once.
  const seen = new Map<string, number>();
  for (const [i, choice] of choices.entries()) {
    const times = (seen.get(choice.text) ?? 0) + 1;
    seen.set(choice.text, times);
    if (times > 1) report('duplicate-option', `option "${choice.text}" appears ${times === 2 ? 'twice' : `${times} times`}`, placeOf(items[i]));
  }
  if (seen.size < choices.length) return null;
  const correct = choices.filter((_, i) => items[i]!.checked).map((c) => c.id);
  if (correct.length === 0) {
    report('choice-no-correct', 'no option is marked correct with "[x]"', at);
    return null;
  }
  if (type === 'single' && correct.length > 1) {
    report('single-several-correct', `${correct.length} options are marked correct in a single-choice question`, at);
    return null;
  }
  if (type === 'multiple' && correct.length === choices.length) {
    report('choice-all-correct', 'every option is marked correct', at);
    return null;
  }
  return { type, choices, correct } as AnswersOf<T>;
}

function differences(source: ChoiceQuestion, t: ChoiceQuestion): string[] {
  const out: string[] = [];
  if (t.choices.length !== source.choices.length) out.push(`it has ${t.choices.length} options, the source ${source.choices.length}`);
  if (t.correct.join() !== source.correct.join()) out.push(`its correct ${t.correct.length === 1 ? 'option is' : 'options are'} ${t.correct.join(', ')}, the source's ${source.correct.join(', ')}`);
  return out;
}

function qti(question: ChoiceQuestion, shuffleChoices: boolean) {
  const single = question.type === 'single';
  return {
    cardinality: single ? 'single' : 'multiple', baseType: 'identifier', correct: question.correct.map(choiceId),
    interaction: `<choiceInteraction responseIdentifier="RESPONSE" shuffle="${shuffleChoices ? 'true' : 'false'}" maxChoices="${single ? 1 : 0}">${question.choices.map((c) => simpleChoice(choiceId(c.id), c.html)).join('')}</choiceInteraction>`,
    isCorrect: matchCorrect, template: 'match_correct',
  } as const;
}

/**
 * Moodle's multichoice: a multiple-choice question gives every correct choice 100/k %
 * and every wrong one -100 %, so choosing any wrong option scores 0, as in the player.
 * Moodle adds up the grades of the options chosen (qtype_multichoice_multi_question::
 * grade_response), so some of the correct options and no wrong one earn part of the points,
 * which the player never gives: said as the question's partial credit.
 */
function moodle(q: ChoiceQuestion, texts: MoodleTexts, shuffleChoices: boolean) {
  const single = q.type === 'single';
  // Moodle's import accepts only the grades it lists (question_bank::fraction_options_full), and an
  // invalid grade stops the whole file's import: 100/k % is one of them for k up to 10, and 20.
  if (!single && q.correct.length > 10 && q.correct.length !== 20) {
    return { refused: `it has ${q.correct.length} correct options, and Moodle grades the correct options of a multiple-response question in shares of 100/k % only for k up to 10 (or 20)` };
  }
  const right = 100 / q.correct.length;
  const answers = q.choices.map((c) => {
    const ok = q.correct.includes(c.id);
    const grade = ok ? right : single ? 0 : -100;
    // Moodle imports a multichoice answer's files (qformat_xml::import_answer with its files).
    return `<answer fraction="${fraction(grade)}" format="html">${texts.rich(c.html)}${texts.feedback('')}</answer>`;
  });
  return {
    type: 'multichoice',
    xml: `<single>${single}</single><shuffleanswers>${shuffleChoices ? 1 : 0}</shuffleanswers><answernumbering>ABCD</answernumbering><showstandardinstruction>0</showstandardinstruction>${texts.combinedFeedback(q)}${answers.join('')}`,
    partialCredit: single || q.correct.length < 2 ? undefined
      : `Moodle's Multiple choice adds up the options ticked, so learners who tick ${q.correct.length - 1} of its ${q.correct.length} correct options and no wrong one get ${percent((q.correct.length - 1) / q.correct.length)} of its points`,
  };
}

function fromRow(type: ChoiceType, row: RowCells): ImportedFields | null {
  if (!row.needOptions(2)) return null;
  const chosen = letters(row.answer);
  const known = new Set(row.options.map((o) => o.letter));
  const unknown = [...chosen].filter((l) => !known.has(l));
  if (!chosen) row.badAnswer('the answer is empty: give the letters of the correct options');
  else if (unknown.length) row.badAnswer(`"${row.answer}" names ${unknown.map((l) => `option ${l}`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} empty or missing`);
  else if (type === 'single' && new Set(chosen).size > 1) row.badAnswer(`a single-choice question has one correct option, "${row.answer}" names ${new Set(chosen).size}`);
  else if (type === 'multiple' && new Set(chosen).size === row.options.length) row.badAnswer('every option is marked correct: a multiple-response question needs a wrong option');
  else return { options: row.options.map((o) => ({ text: o.text, correct: chosen.includes(o.letter) })) };
  return null;
}

/** Single or multiple choice: the same parts, told apart where they differ. */
const choice = <T extends ChoiceType>(type: T): CompilerKind<T> => ({
  list: 'task',
  read: (list, items, _values, ctx, report) => read(type, list, items, ctx, report),
  differences,
  qti,
  moodle,
  fromRow: (row) => fromRow(type, row),
  markdown: (q) => q.options.map((o) => `- [${o.correct ? 'x' : ' '}] ${inline(o.text)}`),
});

export const single = choice('single');
export const multiple = choice('multiple');
