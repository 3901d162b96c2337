/**
 * The answer list of each question type (each type's `read` in `./question-types/`):
 * task lists for true/false and choices, accepted answers for fill-in, a value or
 * range for numeric, `source -> target` pairs, ordered steps, scale points. Each
 * reader reports what makes a list unusable, at the list or item.
 */
import type { List, ListItem } from 'mdast';
import type { Question, QuestionType } from './model.js';
import type { RenderContext } from './render-html.js';
import { compilerKind, type Report } from './question-types/index.js';
import { reportMissingCheckboxes, startsLikeCheckbox } from './missing-checkboxes.js';
import { isTaskList } from './question-syntax.js';
import { lookalikeLines } from './list-markers.js';
import { plainText } from './markdown.js';
import { placeOf, startOf } from '../diagnostics/diagnostic.js';

export type { Report };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The type-specific part of a Question. */
export type Answers = DistributiveOmit<Question, 'id' | 'prompt' | 'promptText' | 'points' | 'feedback'>;

/** Read the answer list for `type`, or null after reporting why it cannot be used. */
export function readAnswers(type: QuestionType, list: List | undefined, values: Record<string, string>, ctx: RenderContext, report: Report): Answers | null {
  const kind = compilerKind(type);
  const items = list?.children ?? [];
  const taskList = isTaskList(list);
  const needsTaskList = kind.list === 'task';
  // Options that all start with brackets no parser reads (`- 【x】 甲`) make a plain list: each is reported as the option it is meant to be.
  if (list && needsTaskList && !taskList && items.every(startsLikeCheckbox)) {
    reportMissingCheckboxes(items, ctx, report);
    return null;
  }
  if (list && needsTaskList !== taskList) {
    report('question-type-mismatch', needsTaskList ? `a ${type} question lists its options as a task list: "- [ ] option", with "[x]" on the correct one(s)` : `a ${type} question does not use "[ ]" checkboxes`, placeOf(list));
    return null;
  }
  if (reportRunIn(items, ctx, report)) return null;
  if (taskList && reportMissingCheckboxes(items, ctx, report)) return null;
  return kind.read(list, items, values, ctx, report) as Answers | null;
}

/** Whether a question of this type can do without an answer list (essay). */
export const listOptional = (type: QuestionType): boolean => compilerKind(type).list === 'optional';

/**
 * Report lines of an answer that start with a marker Markdown does not read (`－ [ ] 乙`, `2、检查`):
 * they run into the answer above, so an answer is lost and the one above shows both. True if any.
 */
function reportRunIn(items: ListItem[], ctx: RenderContext, report: Report): boolean {
  let found = false;
  const source = String(ctx.source.value);
  for (const item of items) {
    const lines = lookalikeLines(item.children[0], source, 1);
    if (!lines.length) continue;
    // Once per answer, not per line: an answer of thousands of such lines is one text.
    const answer = startOf(plainText(item.children[0]!).replace(/\s+/g, ' ').trim(), 32);
    for (const { place, advice } of lines) report('answer-list-marker', `this line runs into the answer above it, which reads "${answer}", so it is no answer of its own: ${advice}`, place);
    found = true;
  }
  return found;
}
