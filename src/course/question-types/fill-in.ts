/**
 * Fill-in: every accepted answer as a bullet item; `case=sensitive` and
 * `whitespace=exact` on the heading tighten the comparison.
 */
import { placeOf } from '../../diagnostics/diagnostic.js';
import { inline } from '../../import/markdown-text.js';
import { literal, text } from '../../targets/moodle-parts.js';
import { normaliseFillIn } from '../../runtime/question-types/fill-in-text.js';
import type { FillInQuestion } from '../model.js';
import { plainText } from '../markdown.js';
import type { CompilerKind } from './kind.js';
import { reportExtraBlocks } from './options.js';

/** The blanks of a stem as exam banks mark them: `___` (full-width `＿＿` too), `（ ）` or `( )`. */
const BLANK = /[_＿]{2,}|[（(][\s\u3000]*[）)]/g;

/** Accepted answers in one cell: separated by `|` (full-width too) or line breaks. */
const answerList = (cell: string) => cell.split(/[|｜\n]/).map((a) => a.trim()).filter(Boolean);

/**
 * The accepted answers as the player compares them (NFC; blanks trimmed and collapsed unless exact), once each:
 * the exports compare a response with them as written (QTI exactly, Moodle after trimming it).
 */
export function exportedAnswers(q: Pick<FillInQuestion, 'answers' | 'caseSensitive' | 'exactWhitespace'>): string[] {
  const byKey = new Map<string, string>();
  for (const answer of q.answers) {
    const key = normaliseFillIn(answer, q);
    if (!byKey.has(key)) byKey.set(key, normaliseFillIn(answer, { ...q, caseSensitive: true }));
  }
  return [...new Set(byKey.values())];
}

export const fillIn: CompilerKind<'fill-in'> = {
  list: 'plain',
  attributes: {
    case: (value) => (value === 'sensitive' ? undefined : `case takes only "sensitive" (letter case matters), not "${value}": without it, letter case does not matter`),
    whitespace: (value) => (value === 'exact' ? undefined : `whitespace takes only "exact" (blanks must match exactly), not "${value}": without it, blanks around an answer are ignored and a run of blanks inside it reads as one`),
  },
  read(list, items, values, _ctx, report) {
    reportExtraBlocks(items, report, 'accepted answers', 'joined');
    const answers = items.map((i) => plainText(i).trim());
    if (answers.length === 0 || answers.some((a) => a === '')) {
      report('fill-in-empty', 'every accepted answer must be a non-empty bullet item', placeOf(list));
      return null;
    }
    // The spreadsheet import and habit part alternatives with `|`: in a bullet item it is part of the one answer a learner must type.
    for (const [i, answer] of answers.entries()) {
      const bar = /[|｜]/.exec(answer)?.[0];
      if (bar) report('fill-in-separator', `this accepted answer holds "${bar}", so only a learner who types all of "${answer}" is right: each accepted answer is a bullet item of its own (${answer.split(/[|｜]/).map((a) => `\`- ${a.trim()}\``).join(', ')})`, placeOf(items[i]));
    }
    if (answers.some((a) => a.length > 250)) {
      report('question-type-mismatch', 'a fill-in answer may be at most 250 characters (SCORM limit)', placeOf(list));
      return null;
    }
    return { type: 'fill-in', answers, caseSensitive: values.case === 'sensitive', exactWhitespace: values.whitespace === 'exact' };
  },
  // Accepted answers are words of the translation's language: they may differ.
  differences(source, t) {
    const out: string[] = [];
    if (t.caseSensitive !== source.caseSensitive) out.push(`letter case ${t.caseSensitive ? 'matters' : 'does not matter'} in it, in the source it ${source.caseSensitive ? 'does' : 'does not'}`);
    if (t.exactWhitespace !== source.exactWhitespace) out.push(`blanks ${t.exactWhitespace ? 'must match exactly' : 'are loose'} in it, in the source they ${source.exactWhitespace ? 'must match exactly' : 'are loose'}`);
    return out;
  },
  qti: (question) => ({
    cardinality: 'single', baseType: 'string', correct: [exportedAnswers(question)[0]!],
    mapping: { values: exportedAnswers(question), caseSensitive: question.caseSensitive },
    interaction: `<p><textEntryInteraction responseIdentifier="RESPONSE" expectedLength="${Math.max(10, ...question.answers.map((a) => a.length))}"/></p>`,
    isCorrect: '<gt><mapResponse identifier="RESPONSE"/><baseValue baseType="float">0</baseValue></gt>', template: 'map_response',
  }),
  // Moodle's shortanswer: every accepted answer 100 %, usecase from the question (Moodle always trims).
  moodle: (q, texts) => ({
    type: 'shortanswer',
    xml: `<usecase>${q.caseSensitive ? 1 : 0}</usecase>${exportedAnswers(q).map((a) => `<answer fraction="100" format="moodle_auto_format">${text(literal(a))}${texts.feedback(q.feedback.correct)}</answer>`).join('')}`
      + `<answer fraction="0" format="moodle_auto_format"><text>*</text>${texts.feedback(q.feedback.incorrect)}</answer>`,
  }),
  fromRow(row) {
    row.noOptions();
    // One answer box: the answers of a second blank would become alternatives for the first.
    const blanks = row.stem.match(BLANK)?.length ?? 0;
    if (blanks > 1) {
      row.badStem(`the stem has ${blanks} blanks, and a fill-in question has one answer box (its answers, separated by |, are alternatives for it): make each blank a question of its own`);
      return null;
    }
    const answers = answerList(row.answer);
    if (answers.length) return { answers };
    row.badAnswer('the answer is empty: list every accepted answer, separated by |');
    return null;
  },
  markdown: (q) => q.answers.map((a) => `- ${inline(a)}`),
};
