/**
 * The answer list of each question type: task lists for true/false and
 * choices, accepted answers for fill-in, a value or range for numeric,
 * `source -> target` pairs, ordered steps, scale points. Each reader reports
 * what makes a list unusable, at the list or item.
 */
import type { List, ListItem } from 'mdast';
import { placeOf, type Place } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/catalogue.js';
import type { Option, Question, QuestionType } from './model.js';
import { escapeHtml, plainText, renderItemInline, type RenderContext } from './markdown.js';
import { truthOf } from './question-syntax.js';

/** Option ids are single characters, valid SCORM 1.2 responses on their own. */
const CHOICE_IDS = 'abcdefghijklmnopqrstuvwxyz';
const SOURCE_IDS = '123456789';

export type Report = (rule: RuleId, message: string, place?: Place) => void;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The type-specific part of a Question. */
export type Answers = DistributiveOmit<Question, 'id' | 'prompt' | 'promptText' | 'points' | 'feedback'>;

/** Read the answer list for `type`, or null after reporting why it cannot be used. */
export function readAnswers(type: QuestionType, list: List | undefined, values: Record<string, string>, ctx: RenderContext, report: Report): Answers | null {
  const items = list?.children ?? [];
  const isTaskList = items.some((i) => typeof i.checked === 'boolean');
  const needsTaskList = type === 'true-false' || type === 'single' || type === 'multiple';
  if (list && needsTaskList !== isTaskList) {
    report('question-type-mismatch', needsTaskList ? `a ${type} question lists its options as a task list: "- [ ] option", with "[x]" on the correct one(s)` : `a ${type} question does not use "[ ]" checkboxes`, placeOf(list));
    return null;
  }
  switch (type) {
    case 'true-false':
      return readTrueFalse(items, report, list);
    case 'single':
    case 'multiple':
      return readChoices(type, items, ctx, report, list);
    case 'fill-in': {
      const answers = items.map((i) => plainText(i).trim());
      if (answers.length === 0 || answers.some((a) => a === '')) {
        report('fill-in-empty', 'every accepted answer must be a non-empty bullet item', placeOf(list));
        return null;
      }
      if (answers.some((a) => a.length > 250)) {
        report('question-type-mismatch', 'a fill-in answer may be at most 250 characters (SCORM limit)', placeOf(list));
        return null;
      }
      return { type, answers, caseSensitive: values.case === 'sensitive', exactWhitespace: values.whitespace === 'exact' };
    }
    case 'numeric':
      return readNumeric(items, report, list);
    case 'matching':
      return readMatching(items, report, list);
    case 'sequencing': {
      const options = textOptions(items, CHOICE_IDS);
      if (options.length < 2 || new Set(options.map((o) => o.text)).size !== options.length) {
        report('sequencing-incomplete', 'a sequencing question needs at least two distinct steps', placeOf(list));
        return null;
      }
      if (options.length > CHOICE_IDS.length) {
        report('too-many-options', `at most ${CHOICE_IDS.length} steps`, placeOf(list));
        return null;
      }
      return { type, items: options };
    }
    case 'likert': {
      if (items.length < 2 || items.length > SOURCE_IDS.length) {
        report('question-type-mismatch', `a likert scale has 2 to ${SOURCE_IDS.length} points`, placeOf(list));
        return null;
      }
      return { type, scale: textOptions(items, SOURCE_IDS) };
    }
    case 'essay': {
      const max = values.max === undefined ? 4000 : Number(values.max);
      if (!Number.isInteger(max) || max < 1 || max > 4000) {
        report('question-attribute', `max must be a whole number from 1 to 4000, not "${values.max}"`);
        return null;
      }
      return { type, maxLength: max };
    }
  }
}

function readTrueFalse(items: ListItem[], report: Report, list: List | undefined): Answers | null {
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
}

function readChoices(type: 'single' | 'multiple', items: ListItem[], ctx: RenderContext, report: Report, list: List | undefined): Answers | null {
  if (items.length < 2) {
    report('too-few-options', 'a choice question needs at least two options', placeOf(list));
    return null;
  }
  if (items.length > CHOICE_IDS.length) {
    report('too-many-options', `a choice question has at most ${CHOICE_IDS.length} options, this one has ${items.length}`, placeOf(list));
    return null;
  }
  const choices: Option[] = items.map((item, i) => ({ id: CHOICE_IDS[i]!, html: renderItemInline(item, ctx), text: plainText(item).trim() }));
  const seen = new Set<string>();
  for (const [i, choice] of choices.entries()) {
    if (seen.has(choice.text)) {
      report('duplicate-option', `option "${choice.text}" appears twice`, placeOf(items[i]));
      return null;
    }
    seen.add(choice.text);
  }
  const correct = choices.filter((_, i) => items[i]!.checked).map((c) => c.id);
  if (correct.length === 0) {
    report('choice-no-correct', 'no option is marked correct with "[x]"', placeOf(list));
    return null;
  }
  if (type === 'single' && correct.length > 1) {
    report('single-several-correct', `${correct.length} options are marked correct in a single-choice question`, placeOf(list));
    return null;
  }
  if (type === 'multiple' && correct.length === choices.length) {
    report('choice-all-correct', 'every option is marked correct', placeOf(list));
    return null;
  }
  return { type, choices, correct };
}

const NUMBER = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?';
const EXACT = new RegExp(`^(${NUMBER})$`);
const RANGE = new RegExp(`^(${NUMBER})\\s*(?:\\.\\.|…|~|to)\\s*(${NUMBER})$`);
const TOLERANCE = new RegExp(`^(${NUMBER})\\s*(?:±|\\+-|\\+/-)\\s*(${NUMBER})$`);

function readNumeric(items: ListItem[], report: Report, list: List | undefined): Answers | null {
  if (items.length !== 1) {
    report('numeric-invalid', 'a numeric question has exactly one answer item', placeOf(list));
    return null;
  }
  const text = plainText(items[0]!).trim().replace(/,/g, '');
  let min: number, max: number;
  let m: RegExpExecArray | null;
  if ((m = EXACT.exec(text))) min = max = Number(m[1]);
  else if ((m = RANGE.exec(text))) [min, max] = [Number(m[1]), Number(m[2])];
  else if ((m = TOLERANCE.exec(text))) [min, max] = [Number(m[1]) - Math.abs(Number(m[2])), Number(m[1]) + Math.abs(Number(m[2]))];
  else {
    report('numeric-invalid', `cannot read "${text}" as a number, range or tolerance`, placeOf(items[0]));
    return null;
  }
  if (min > max) {
    report('numeric-range-empty', `the range ${text} is inverted (${min} > ${max})`, placeOf(items[0]));
    return null;
  }
  return { type: 'numeric', min, max };
}

function readMatching(items: ListItem[], report: Report, list: List | undefined): Answers | null {
  const sources: Option[] = [];
  const targets: Option[] = [];
  const pairs: Array<[string, string]> = [];
  const targetId = (text: string): string => {
    let target = targets.find((t) => t.text === text);
    if (!target) {
      target = { id: CHOICE_IDS[targets.length] ?? '?', html: escapeHtml(text), text };
      targets.push(target);
    }
    return target.id;
  };
  for (const item of items) {
    const text = plainText(item).trim();
    const arrow = /\s*(?:->|→)\s*/.exec(text);
    if (!arrow) {
      report('matching-incomplete', `"${text}" is not a pair: write "source -> target"`, placeOf(item));
      return null;
    }
    const source = text.slice(0, arrow.index).trim();
    const target = text.slice(arrow.index + arrow[0].length).trim();
    if (target === '') {
      report('matching-incomplete', `"${text}" has no target after the arrow`, placeOf(item));
      return null;
    }
    const id = targetId(target);
    if (source === '') continue; // a distractor target
    if (sources.some((s) => s.text === source)) {
      report('duplicate-option', `source "${source}" appears twice`, placeOf(item));
      return null;
    }
    const sourceId = SOURCE_IDS[sources.length] ?? '?';
    sources.push({ id: sourceId, html: escapeHtml(source), text: source });
    pairs.push([sourceId, id]);
  }
  if (pairs.length < 2) {
    report('matching-incomplete', 'a matching question needs at least two "source -> target" pairs', placeOf(list));
    return null;
  }
  if (sources.length > SOURCE_IDS.length || targets.length > CHOICE_IDS.length) {
    report('too-many-options', `at most ${SOURCE_IDS.length} sources and ${CHOICE_IDS.length} targets`, placeOf(list));
    return null;
  }
  return { type: 'matching', sources, targets, pairs };
}

/** Options whose labels are plain text (sequencing, likert). */
function textOptions(items: ListItem[], ids: string): Option[] {
  return items.map((item, i) => {
    const text = plainText(item).trim();
    return { id: ids[i] ?? '?', html: escapeHtml(text), text };
  });
}
