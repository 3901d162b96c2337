/**
 * Question sections to Question objects: infers the type from the answers,
 * reads each type's answer list, the feedback block quote, and reports every
 * problem with its place.
 */
import { createHash } from 'node:crypto';
import type { Blockquote, List, ListItem, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { placeOf, type Place } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/catalogue.js';
import type { Feedback, Option, Question, QuestionType } from './model.js';
import { UNSCORED_TYPES } from './model.js';
import { plainText, renderHtml, type RenderContext } from './markdown.js';
import { FEEDBACK_LABELS, truthOf, type QuestionSection } from './question-syntax.js';

const CHOICE_IDS = 'abcdefghijklmnopqrstuvwxyz';

/** Where each built question was written (for diagnostics that compare questions across files). */
export const questionOrigin = new WeakMap<Question, { file: string; place: Place | undefined }>();
const SOURCE_IDS = '123456789';

/** Build a Question from a section, or null after reporting why it cannot be one. */
export function buildQuestion(section: QuestionSection, ctx: RenderContext): Question | null {
  const { heading, attributes, body } = section;
  const here = placeOf(heading);
  const report = (rule: RuleId, message: string, place: Place | undefined = here) => ctx.sink.report(ctx.display, place, rule, message);
  let ok = true;
  for (const problem of attributes.problems) {
    report('question-attribute', problem);
    ok = false;
  }

  const listIndex = body.findIndex((n) => n.type === 'list');
  const list = listIndex >= 0 ? (body[listIndex] as List) : undefined;
  const stem = body.slice(0, listIndex >= 0 ? listIndex : body.length).filter((n) => n.type !== 'blockquote' && n.type !== 'definition');
  const after = listIndex >= 0 ? body.slice(listIndex + 1) : body.filter((n) => n.type === 'blockquote');
  const quote = after.find((n): n is Blockquote => n.type === 'blockquote');
  for (const extra of after) {
    if (extra !== quote && extra.type !== 'definition' && extra.type !== 'html') {
      report('question-type-mismatch', 'unexpected content after the answers: only one answer list and one feedback block quote may follow', placeOf(extra));
      ok = false;
    }
  }

  const promptHeading = renderInline(heading.children, ctx);
  const prompt = `<p>${promptHeading}</p>${stem.length ? renderHtml(stem, ctx) : ''}`;
  const promptText = [plainText(heading), ...stem.map((n) => plainText(n))].join(' ').replace(/\s+/g, ' ').trim();
  const id = attributes.id ?? `q-${createHash('sha1').update(promptText).digest('hex').slice(0, 10)}`;

  const pointsValue = attributes.values.points === undefined ? undefined : Number(attributes.values.points);
  if (pointsValue !== undefined && (!Number.isFinite(pointsValue) || pointsValue < 0 || pointsValue > 1000)) {
    report('question-attribute', `points must be a number from 0 to 1000, not "${attributes.values.points}"`);
    ok = false;
  }
  if (!ok) return null; // the attribute block is wrong: judging the answers against it would only add noise
  const type = (attributes.values.type as QuestionType | undefined) ?? inferType(list);
  if (!type) {
    if (!list) report('question-no-answers', 'question has no answer list (add one, or `type=essay` for free text)');
    else report('question-type-mismatch', 'cannot tell the question type from the answers: add `type=…` to the heading');
    return null;
  }
  if (!list && type !== 'essay') {
    report('question-no-answers', `a ${type} question needs an answer list under its heading`);
    return null;
  }

  const unscored = UNSCORED_TYPES.includes(type);
  let points = unscored ? 0 : 1;
  if (pointsValue !== undefined) {
    if (unscored && pointsValue > 0) {
      report('question-attribute', `a ${type} question is not scored: remove points=${attributes.values.points}`);
      return null;
    }
    points = pointsValue;
  }

  const feedback = readFeedback(quote, ctx);
  if (!unscored && (!feedback.correct || !feedback.incorrect) && !feedback.explanation) {
    report('feedback-missing', `question "${id}" has no ${!feedback.correct && !feedback.incorrect ? 'feedback' : !feedback.correct ? 'feedback for a correct answer' : 'feedback for a wrong answer'}`);
  }

  const base = { id, prompt, promptText, points, feedback };
  const answers = readAnswers(type, list, attributes.values, ctx, report);
  if (!answers || !ok) return null;
  const question = { ...base, ...answers } as Question;
  questionOrigin.set(question, { file: ctx.display, place: here });
  return question;
}

function inferType(list: List | undefined): QuestionType | undefined {
  if (!list) return undefined;
  const items = list.children;
  if (items.some((i) => typeof i.checked === 'boolean')) {
    if (items.length === 2 && items.every((i) => truthOf(plainText(i), true) !== null)) return 'true-false';
    return 'single';
  }
  if (list.ordered) return 'sequencing';
  if (items.some((i) => /->|→/.test(plainText(i)))) return 'matching';
  return undefined;
}

type Report = (rule: RuleId, message: string, place?: Place) => void;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Answers = DistributiveOmit<Question, 'id' | 'prompt' | 'promptText' | 'points' | 'feedback'>;

function readAnswers(type: QuestionType, list: List | undefined, values: Record<string, string>, ctx: RenderContext, report: Report): Answers | null {
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

function readFeedback(quote: Blockquote | undefined, ctx: RenderContext): Feedback {
  const feedback: Feedback = {};
  if (!quote) return feedback;
  const segments: Array<{ key: keyof Feedback; nodes: PhrasingContent[] }> = [];
  for (const block of quote.children) {
    if (block.type !== 'paragraph') {
      const current = segments.at(-1);
      if (current) current.nodes.push({ type: 'text', value: ' ' + plainText(block) });
      continue;
    }
    for (const [index, node] of (block as Paragraph).children.entries()) {
      const label = node.type === 'strong' ? labelOf(plainText(node)) : undefined;
      const startsLine = index === 0 || (block.children[index - 1]?.type === 'text' && /\n\s*$/.test((block.children[index - 1] as { value: string }).value)) || block.children[index - 1]?.type === 'break';
      if (label && startsLine) {
        segments.push({ key: label, nodes: [] });
        continue;
      }
      const current = segments.at(-1);
      if (current) current.nodes.push(node);
      else {
        ctx.sink.report(ctx.display, placeOf(block), 'feedback-label', 'feedback must start with **Correct:**, **Incorrect:** or **Explanation:** (or **正确：**, **错误：**, **解析：**)');
        return feedback;
      }
    }
  }
  for (const { key, nodes } of segments) {
    const trimmed = trimPhrasing(nodes);
    const html = renderInline(trimmed, ctx);
    feedback[key] = feedback[key] ? `${feedback[key]} ${html}` : html;
  }
  return feedback;
}

function labelOf(text: string): keyof Feedback | undefined {
  const word = text.trim().replace(/[:：]$/, '').trim().toLowerCase();
  return Object.hasOwn(FEEDBACK_LABELS, word) ? FEEDBACK_LABELS[word] : undefined;
}

/** Drop leading colons/blanks and trailing line breaks left after a label. */
function trimPhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  const out = nodes.map((n) => ({ ...n })) as PhrasingContent[];
  const first = out[0];
  if (first?.type === 'text') first.value = first.value.replace(/^[\s:：]+/, '');
  const last = out.at(-1);
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  return out.filter((n) => !(n.type === 'text' && n.value === '') && n.type !== 'break');
}

/** Inline HTML of phrasing nodes (no wrapping paragraph). */
function renderInline(nodes: PhrasingContent[], ctx: RenderContext): string {
  const html = renderHtml([{ type: 'paragraph', children: nodes }] as RootContent[], ctx);
  return html.replace(/^<p>|<\/p>$/g, '');
}

/** Inline HTML of a list item's first paragraph (option labels). */
function renderItemInline(item: ListItem, ctx: RenderContext): string {
  const paragraph = item.children.find((c): c is Paragraph => c.type === 'paragraph');
  return paragraph ? renderInline(paragraph.children, ctx) : escapeHtml(plainText(item));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
