/** True/false: a task list of True and False (any language's words), one of them checked. */
import { placeOf } from '../../diagnostics/diagnostic.js';
import { keywordsOfAll, LANGUAGES } from '../../languages/index.js';
import { matchCorrect, simpleChoice } from '../../targets/qti-parts.js';
import { plainText } from '../markdown.js';
import { truthOf } from '../question-syntax.js';
import type { CompilerKind } from './kind.js';

// Marks any language uses, each family of ticks with its crosses (√ ×, ✓ ✗, ✔ ✘, ☑ ☒, ✅ ❌, and
// the crosses typed as a letter or a box-drawing ╳), then every language's words and a spreadsheet's extra ones.
const TICKS = ['√', '✓', '✔', '☑', '✅', '🗸', '1'];
const CROSSES = ['×', '╳', '✗', '✘', '✕', '✖', '☓', '⨯', '☒', '❌', '❎', 'x', '0'];
const TRUE = [...TICKS, ...(['true', 'looseTrue', 'answerTrue'] as const).flatMap((key) => keywordsOfAll(key).flat())];
const FALSE = [...CROSSES, ...(['false', 'looseFalse', 'answerFalse'] as const).flatMap((key) => keywordsOfAll(key).flat())];

/** What a spreadsheet cell says, true or false, or null when neither (a mark not listed is never guessed). */
function truthOfCell(cell: string): boolean | null {
  // Without the variation selector a phone's keyboard adds to ✔️ or ✖️.
  const value = cell.normalize('NFKC').replace(/[\ufe0e\ufe0f]/g, '').trim().toLowerCase();
  return TRUE.includes(value) ? true : FALSE.includes(value) ? false : null;
}

export const trueFalse: CompilerKind<'true-false'> = {
  list: 'task',
  read(list, items, _values, _ctx, report) {
    const truths = items.map((i) => truthOf(plainText(i)));
    if (items.length !== 2 || truths.includes(null) || truths[0] === truths[1]) {
      report('question-type-mismatch', 'a true/false question has exactly two options, True and False', placeOf(list));
      return null;
    }
    const checked = items.filter((i) => i.checked);
    if (checked.length === 0) {
      report('choice-no-correct', 'mark True or False with "[x]"', placeOf(list));
      return null;
    }
    if (checked.length > 1) {
      report('single-several-correct', 'mark only one of True and False', placeOf(list));
      return null;
    }
    return { type: 'true-false', answer: truths[items.indexOf(checked[0]!)] === true };
  },
  differences: (source, t) => (t.answer !== source.answer ? [`its answer is ${t.answer ? 'true' : 'false'}, the source's ${source.answer ? 'true' : 'false'}`] : []),
  qti: (question, _shuffle, language) => ({
    cardinality: 'single', baseType: 'identifier', correct: [question.answer ? 'true' : 'false'],
    interaction: `<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">${simpleChoice('true', LANGUAGES[language].trueFalse[0])}${simpleChoice('false', LANGUAGES[language].trueFalse[1])}</choiceInteraction>`,
    isCorrect: matchCorrect, template: 'match_correct',
  }),
  moodle(q, texts) {
    const right = q.feedback.correct, wrong = q.feedback.incorrect;
    return {
      type: 'truefalse',
      xml: `<answer fraction="${q.answer ? 100 : 0}" format="moodle_auto_format"><text>true</text>${texts.feedback(q.answer ? right : wrong)}</answer>`
        + `<answer fraction="${q.answer ? 0 : 100}" format="moodle_auto_format"><text>false</text>${texts.feedback(q.answer ? wrong : right)}</answer>`,
    };
  },
  fromRow(row) {
    // Banks that write 判断 as two options (A 正确, B 错误) answer with a letter or the option's words:
    // the question shows the course's own True/False, so any other option would be left out.
    const pair = `a ${row.typeCell} question has two options, true and false`;
    const extra = row.options[2];
    if (extra) return row.badOption(extra, `${pair}: option ${extra.letter} "${extra.text}" would be left out`), null;
    const neither = row.options.find((o) => truthOfCell(o.text) === null);
    if (neither) return row.badOption(neither, `${pair}: option ${neither.letter} "${neither.text}" is neither`), null;
    const option = row.options.find((o) => o.letter === row.answer.normalize('NFKC').trim().toUpperCase());
    const answer = truthOfCell(option ? option.text : row.answer);
    if (answer !== null) return { answer };
    if (!row.answer) row.badAnswer('the answer is empty: write 正确 or 错误');
    else if (/^[A-Z]$/i.test(row.answer.normalize('NFKC').trim())) row.badAnswer(`"${row.answer}" names an option, and the row has no such option: write 正确 or 错误`);
    else row.badAnswer(`"${row.answer}" is neither true (正确, 对, √) nor false (错误, 错, ×)`);
    return null;
  },
  markdown: (q, language) => [`- [${q.answer ? 'x' : ' '}] ${LANGUAGES[language].trueFalse[0]}`, `- [${q.answer ? ' ' : 'x'}] ${LANGUAGES[language].trueFalse[1]}`],
};
