/**
 * Imported questions written as a bank file in the course's own syntax (README,
 * "Questions"): a `##` heading with `{#id type=… points=…}`, the answer list, and
 * the explanation as labelled feedback in the course's language.
 */
import type { Language } from '../course/model.js';
import { compilerKind } from '../course/question-types/index.js';
import { LANGUAGES } from '../languages/index.js';
import { inline } from './markdown-text.js';
import type { ImportedQuestion } from './rows.js';

export { inline };

/** Its answer list (each type's `markdown` in `src/course/question-types/`). */
const answers = (q: ImportedQuestion, language: Language): string[] => compilerKind(q.type).markdown(q, language);

/**
 * What a line of a question's Markdown was made from, to place a problem the compiler finds in it
 * at that cell: the heading (its attributes from the id, type and points cells, starting at these
 * columns), the stem, an item of the answer list (its text without the list's marks), the explanation.
 */
export type LineSource =
  | { part: 'heading'; attributes: Array<{ field: 'id' | 'type' | 'points'; column: number }> }
  | { part: 'stem' }
  | { part: 'explanation' }
  | { part: 'item'; index: number; text: string };

/** A list item's marks: `- `, `- [x] `, `1. `. */
const ITEM_MARKS = /^(?:[-*+] +(?:\[[ xX]\] +)?|\d+[.)] +)/;

/**
 * One question as Markdown lines, each with what it was made from (null for a blank line).
 * @param q the imported question
 * @param language the course's language (true/false options, feedback label)
 */
function questionLines(q: ImportedQuestion, language: Language): { lines: string[]; sources: Array<LineSource | null> } {
  const tokens = [['id', `#${q.id}`], ['type', `type=${q.type}`], ...(q.points !== undefined ? [['points', `points=${q.points}`]] : [])] as Array<['id' | 'type' | 'points', string]>;
  const [first = '', ...rest] = q.stem;
  const heading = `## ${inline(first)} {`;
  let column = heading.length + 1;
  const attributes = tokens.map(([field, token]) => ({ field, column: (column += token.length + 1) - token.length - 1 }));
  const lines: string[] = [`${heading}${tokens.map(([, token]) => token).join(' ')}}`, ''];
  const sources: Array<LineSource | null> = [{ part: 'heading', attributes }, null];
  const add = (line: string, source: LineSource | null) => (lines.push(line), sources.push(source));
  for (const line of rest) add(inline(line), { part: 'stem' }), add('', null);
  const list = answers(q, language);
  list.forEach((line, index) => add(line, { part: 'item', index, text: line.replace(ITEM_MARKS, '') }));
  if (list.length) add('', null);
  if (q.explanation) {
    const [head = '', ...more] = q.explanation.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean);
    add(`> ${LANGUAGES[language].explanationLabel} ${inline(head)}`, { part: 'explanation' });
    for (const line of more) add('>', { part: 'explanation' }), add(`> ${inline(line)}`, { part: 'explanation' });
    add('', null);
  }
  return { lines, sources };
}

/**
 * A whole bank file: frontmatter with its title, the title heading, every question.
 * @returns the text, the line each question's heading is on and what each of its lines was made from (for placing problems)
 */
export function bankMarkdown(title: string, questions: ImportedQuestion[], language: Language): { text: string; lines: number[]; sources: Array<Array<LineSource | null>> } {
  let text = `---\ntitle: ${JSON.stringify(title)}\n---\n\n# ${inline(title)}\n\n`;
  let line = text.split('\n').length;
  const lines: number[] = [];
  const sources: Array<Array<LineSource | null>> = [];
  for (const q of questions) {
    const made = questionLines(q, language);
    lines.push(line);
    sources.push(made.sources);
    text += `${made.lines.join('\n')}\n`;
    line += made.lines.length;
  }
  return { text: `${text.trimEnd()}\n`, lines, sources };
}
