/**
 * Question sections to Question objects: infers the type from the answers,
 * reads each type's answer list, the feedback block quote, and reports every
 * problem with its place.
 */
import { createHash } from 'node:crypto';
import type { Blockquote, Heading, List, RootContent } from 'mdast';
import { placeOf, type Place } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/catalogue.js';
import { listOptional, readAnswers } from './answer-lists.js';
import { readFeedback } from './feedback.js';
import type { Question, QuestionType } from './model.js';
import { roundPoints, UNSCORED_TYPES } from './model.js';
import { plainText, renderHtml, renderInline, type RenderContext } from './markdown.js';
import { answerListIndex, isTaskList, strayMessage, truthOf, type QuestionSection } from './question-syntax.js';

/** Where each built question was written (for diagnostics that compare questions across files). */
export const questionOrigin = new WeakMap<Question, { file: string; place: Place | undefined }>();

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
  for (const { block, place } of attributes.stray ?? []) {
    report('question-attribute', strayMessage(block), place);
    ok = false;
  }

  const listIndex = answerListIndex(body);
  const list = listIndex >= 0 ? (body[listIndex] as List) : undefined;
  const stem = body.slice(0, listIndex >= 0 ? listIndex : body.length).filter((n) => n.type !== 'blockquote' && n.type !== 'definition');
  const after = listIndex >= 0 ? body.slice(listIndex + 1) : body.filter((n) => n.type === 'blockquote');
  const quote = after.find((n): n is Blockquote => n.type === 'blockquote');
  const extras = after.filter((n) => n !== quote && n.type !== 'definition' && !(n.type === 'html' && n.value.trim().startsWith('<!--')));
  if (extras.length) {
    // A list of statements with text between it and the options: the statements are read as the answers.
    const options = list && !isTaskList(list) ? extras.find(isTaskList) : undefined;
    if (options) report('content-after-answers', `this list is read as the answers of question "${shortText(heading)}", so the options below it (line ${placeOf(options)?.line}) come after the answers, where they are not shown: if this list holds statements for the options to combine, write it directly above the options, with nothing between the two lists, numbered (\`1.\`) or marked with \`*\``, placeOf(list));
    else report('content-after-answers', `this text comes after the answers of question "${shortText(heading)}", where it is not shown`, placeOf(extras[0]));
    // Still check it, so a missing image or a script in it is reported in the same run.
    renderHtml(extras, ctx);
    ok = false;
  }

  const promptHeading = renderInline(heading.children, ctx);
  const prompt = `<p>${promptHeading}</p>${stem.length ? renderHtml(stem, ctx) : ''}`;
  const promptText = promptTextOf(heading, stem);
  const id = attributes.id ?? derivedId(promptText);

  const pointsValue = attributes.values.points === undefined ? undefined : Number(attributes.values.points);
  if (pointsValue !== undefined && (!Number.isFinite(pointsValue) || pointsValue < 0 || pointsValue > 1000)) {
    report('question-attribute', `points must be a number from 0 to 1000, not "${attributes.values.points}"`);
    ok = false;
  } else if (pointsValue !== undefined && roundPoints(pointsValue) !== pointsValue) {
    report('question-attribute', `points=${attributes.values.points} has more than two decimal places: scores are kept to hundredths of a point (write points=${roundPoints(pointsValue)})`);
    ok = false;
  }
  if (!ok) return null; // the attribute block is wrong: judging the answers against it would only add noise
  const type = (attributes.values.type as QuestionType | undefined) ?? inferType(list);
  if (!type) {
    if (!list) report('question-no-answers', 'question has no answer list (add one, or `type=essay` for free text)');
    else report('question-type-mismatch', 'cannot tell the question type from the answers: add `type=…` to the heading');
    return null;
  }
  if (!list && !listOptional(type)) {
    report('question-no-answers', `a ${type} question needs an answer list under its heading`);
    return null;
  }

  const unscored = UNSCORED_TYPES.includes(type);
  let points = unscored ? 0 : 1;
  if (pointsValue !== undefined) {
    if (unscored && pointsValue > 0) {
      report('question-attribute', `${type} questions are not scored: remove points=${attributes.values.points}`);
      return null;
    }
    points = pointsValue;
  }

  const feedback = readFeedback(quote, ctx);
  if (!unscored && (!feedback.correct || !feedback.incorrect) && !feedback.explanation) {
    report('feedback-missing', `question "${attributes.id ?? shortText(heading)}" has no ${!feedback.correct && !feedback.incorrect ? 'feedback' : !feedback.correct ? 'feedback for a correct answer' : 'feedback for a wrong answer'}`);
  }

  const base = { id, prompt, promptText, points, feedback };
  const answers = readAnswers(type, list, attributes.values, ctx, report);
  if (!answers || !ok) return null;
  const question = { ...base, ...answers } as Question;
  questionOrigin.set(question, { file: ctx.display, place: here });
  return question;
}

/** A question's prompt as plain text: its heading (attributes already taken) and stem. */
function promptTextOf(heading: Heading, stem: RootContent[]): string {
  return [plainText(heading), ...stem.map((n) => plainText(n))].join(' ').replace(/\s+/g, ' ').trim();
}

const derivedId = (promptText: string) => `q-${createHash('sha1').update(promptText).digest('hex').slice(0, 10)}`;

/**
 * The id a question section gets: its `{#id}`, or one derived from its prompt (as buildQuestion
 * does), so that tools can name a question without building it.
 */
export function sectionQuestionId(section: QuestionSection): string {
  if (section.attributes.id) return section.attributes.id;
  const listIndex = answerListIndex(section.body);
  const stem = section.body.slice(0, listIndex >= 0 ? listIndex : section.body.length).filter((n) => n.type !== 'blockquote' && n.type !== 'definition');
  return derivedId(promptTextOf(section.heading, stem));
}

/** The start of a question's heading text, to name it in messages (authors know questions by their text). */
export function shortText(heading: Heading): string {
  const text = plainText(heading).replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function inferType(list: List | undefined): QuestionType | undefined {
  if (!list) return undefined;
  const items = list.children;
  if (isTaskList(list)) {
    if (items.length === 2 && items.every((i) => truthOf(plainText(i), true) !== null)) return 'true-false';
    return 'single';
  }
  if (list.ordered) return 'sequencing';
  if (items.some((i) => /->|→/.test(plainText(i)))) return 'matching';
  return undefined;
}

