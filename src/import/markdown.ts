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
 * One question as Markdown, and the line its heading starts on relative to the block.
 * @param q the imported question
 * @param language the course's language (true/false options, feedback label)
 */
export function questionMarkdown(q: ImportedQuestion, language: Language): string {
  const attributes = [`#${q.id}`, `type=${q.type}`, ...(q.points !== undefined ? [`points=${q.points}`] : [])].join(' ');
  const [first = '', ...rest] = q.stem;
  const lines = [`## ${inline(first)} {${attributes}}`, ''];
  for (const line of rest) lines.push(inline(line), '');
  const list = answers(q, language);
  if (list.length) lines.push(...list, '');
  if (q.explanation) {
    const [head = '', ...more] = q.explanation.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean);
    lines.push(`> ${LANGUAGES[language].explanationLabel} ${inline(head)}`);
    for (const line of more) lines.push('>', `> ${inline(line)}`);
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * A whole bank file: frontmatter with its title, the title heading, every question.
 * @returns the text, and the line each question's heading is on (for placing problems)
 */
export function bankMarkdown(title: string, questions: ImportedQuestion[], language: Language): { text: string; lines: number[] } {
  let text = `---\ntitle: ${JSON.stringify(title)}\n---\n\n# ${inline(title)}\n\n`;
  const lines: number[] = [];
  for (const q of questions) {
    lines.push(text.split('\n').length);
    text += `${questionMarkdown(q, language)}\n`;
  }
  return { text: `${text.trimEnd()}\n`, lines };
}
