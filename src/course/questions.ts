/**
 * Question sections to Question objects: infers the type from the answers,
 * reads each type's answer list, the feedback block quote, and reports every
 * problem with its place.
 */
import { createHash } from 'node:crypto';
import type { Blockquote, Heading, List, RootContent } from 'mdast';
import { placeOf, startOf, type Place } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/catalogue.js';
import { listOptional, readAnswers } from './answer-lists.js';
import { reportAttributeUse } from './attribute-use.js';
import { readFeedback } from './feedback.js';
import { LANGUAGES } from '../languages/index.js';
import type { Question, QuestionType } from './model.js';
import { QUESTION_TYPES, roundPoints, UNSCORED_TYPES } from './model.js';
import { questionOrigin } from './question-origin.js';
import { plainText } from './markdown.js';
import { renderHtml, renderInline, type RenderContext } from './render-html.js';
import { NO_UNREAD_HEADINGS, type UnreadHeadings } from './heading-markers.js';
import { withoutChineseLineBreaks } from '../languages/cjk.js';
import { firstFullWidth, typeInstead } from '../languages/full-width.js';
import { lookalikeLines } from './list-markers.js';
import { startsLikeCheckbox } from './missing-checkboxes.js';
import { answerListIndex, feedbackLike, FULL_WIDTH_QUOTE, isTaskList, truthOf, type Attributes, type QuestionSection } from './question-syntax.js';

/** Build a Question from a section, or null after reporting why it cannot be one. */
export function buildQuestion(section: QuestionSection, ctx: RenderContext): Question | null {
  const { heading, attributes } = section;
  const here = placeOf(heading);
  const report = (rule: RuleId, message: string, place: Place | undefined = here) => ctx.sink.report(ctx.display, place, rule, message);
  let ok = true;
  for (const { message, place } of attributes.problems) {
    report('question-attribute', message, place ?? here);
    ok = false;
  }
  for (const { message, place } of attributes.stray ?? []) {
    report('question-attribute', message, place);
    ok = false;
  }

  const unreadHeadings = ctx.unreadHeadings ?? NO_UNREAD_HEADINGS;
  const { stem, list, quote, after, early } = questionParts(section, unreadHeadings);
  // Answers written with markers Markdown does not read (`1、`, `－ [x]`) make no list: say so, rather than that the feedback below them comes before the answers.
  const unlisted = list || namesListlessType(attributes) ? [] : stem.flatMap((block) => {
    const lines = lookalikeLines(block, String(ctx.source.value));
    return lines[0]?.place.line === placeOf(block)?.line ? lines : [];
  });
  for (const { place, advice } of unlisted) {
    report('answer-list-marker', `this line is read as text of the question, not as an answer, so the question has no answer list: ${advice}`, place);
    ok = false;
  }
  for (const block of unlisted.length ? [] : early) {
    report('feedback-misplaced', `this quote starts with a feedback label but comes before the answers of question "${shortText(heading)}", where it would be shown as part of the question, before learners answer: feedback is the quote after the answers`, placeOf(block));
    renderHtml([block], ctx); // checked all the same, as text after the answers is
    ok = false;
  }
  const extras = after.filter((n) => n.type !== 'definition' && !(n.type === 'html' && n.value.trim().startsWith('<!--')));
  // A question's heading Markdown does not read (reported as such) starts the text after it: that question's answers and feedback.
  if (extras.length && !unreadHeadings.has(extras[0]!)) {
    const misplaced = feedbackLike(extras[0]!);
    // A list of statements with text between it and the options: the statements are read as the answers.
    const options = list && !isTaskList(list) ? extras.find(isTaskList) : undefined;
    if (misplaced) report('feedback-misplaced', misplacedFeedback(misplaced, `question "${shortText(heading)}"`, 'is not shown anywhere', extras[0]!), placeOf(extras[0]));
    else if (options) report('content-after-answers', `this list is read as the answers of question "${shortText(heading)}", so the options below it (line ${placeOf(options)?.line}) come after the answers, where they are not shown: if this list holds statements for the options to combine, write it directly above the options, with nothing between the two lists, numbered (\`1.\`) or marked with \`*\``, placeOf(list));
    else report('content-after-answers', `this text comes after the ${list ? 'answers' : 'feedback'} of question "${shortText(heading)}", where it is not shown`, placeOf(extras[0]));
    ok = false;
  }
  // Still check it, so a missing image or a script in it is reported in the same run.
  if (extras.length) renderHtml(extras, ctx);

  const promptHeading = renderInline(heading.children, ctx);
  const prompt = `<p>${promptHeading}</p>${stem.length ? renderHtml(stem, ctx) : ''}`;
  const promptText = promptTextOf(heading, stem);
  const id = sectionQuestionId(section);

  const pointsValue = attributes.values.points === undefined ? undefined : Number(attributes.values.points);
  const pointsPlace = attributes.valuePlaces.points ?? here;
  if (pointsValue !== undefined && (!Number.isFinite(pointsValue) || pointsValue < 0 || pointsValue > 1000)) {
    const fullWidth = firstFullWidth(attributes.values.points!);
    report('question-attribute', `points must be a number from 0 to 1000, not "${attributes.values.points}"${fullWidth ? `: ${typeInstead(fullWidth)}` : ''}`, pointsPlace);
    ok = false;
  } else if (pointsValue !== undefined && roundPoints(pointsValue) !== pointsValue) {
    report('question-attribute', `points=${attributes.values.points} has more than two decimal places: scores are kept to hundredths of a point (write points=${roundPoints(pointsValue)})`, pointsPlace);
    ok = false;
  }
  const type = (attributes.values.type as QuestionType | undefined) ?? inferType(list);
  // Reported with the block's other problems, all at once; the answers are judged all the same, as these change nothing in them.
  const attributesRead = type === undefined || !QUESTION_TYPES.includes(type) || reportAttributeUse(type, attributes, report);
  if (!ok) return null; // the attribute block is wrong: judging the answers against it would only add noise
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
      report('question-attribute', `${type} questions are not scored: remove points=${attributes.values.points}`, pointsPlace);
      return null;
    }
    points = pointsValue;
  }

  const { feedback, places } = readFeedback(quote, ctx);
  if (unscored) {
    for (const key of ['correct', 'incorrect'] as const) {
      if (!feedback[key]) continue;
      report('feedback-never-shown', `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} question is never marked right or wrong, so learners never see this feedback for a ${key === 'correct' ? 'right' : 'wrong'} answer, and no export carries it: write it under ${LANGUAGES[ctx.language].explanationLabel} instead`, places[key]);
    }
  }
  if (!unscored && (!feedback.correct || !feedback.incorrect) && !feedback.explanation) {
    report('feedback-missing', `question "${attributes.id ?? shortText(heading)}" has no ${!feedback.correct && !feedback.incorrect ? 'feedback' : !feedback.correct ? 'feedback for a correct answer' : 'feedback for a wrong answer'}`);
  }

  const base = { id, prompt, promptText, points, feedback };
  const answers = readAnswers(type, list, attributes.values, ctx, report);
  if (!answers || !attributesRead) return null;
  const question = { ...base, ...answers } as Question;
  questionOrigin.set(question, { file: ctx.display, place: here });
  return question;
}

/**
 * A question's prompt as plain text (xAPI and SCORM descriptions, export titles): its heading
 * (attributes already taken) and stem, each block's parts (a list's items, a table's cells) apart,
 * and its lines joined as they are shown (without a break between Chinese characters).
 */
function promptTextOf(heading: Heading, stem: RootContent[]): string {
  return [heading, ...stem].map((n) => withoutChineseLineBreaks(blockText(n))).join(' ').replace(/\s+/g, ' ').trim();
}

/** A block's text, with its blocks, list items, table rows and cells each apart (plain text runs them together). */
function blockText(node: RootContent | Heading): string {
  const parts = 'children' in node && ['list', 'listItem', 'table', 'tableRow', 'blockquote'].includes(node.type) ? (node.children as RootContent[]) : null;
  return parts ? parts.map(blockText).join(' ') : plainText(node);
}

/**
 * The id a question section gets: its `{#id}`, or one derived from its text, so that tools can
 * name a question without building it. The text is read as earlier versions read a prompt (the
 * heading and what stands above the first list, quotes left out): a question keeps its id, and
 * with it its learners' saved progress, its records in the LMS and its translations' fingerprints,
 * now that its prompt shows more of what the author wrote (quoted material, statements, an essay's points).
 */
export function sectionQuestionId(section: QuestionSection): string {
  if (section.attributes.id) return section.attributes.id;
  const firstList = section.body.findIndex((n) => n.type === 'list');
  const above = section.body.slice(0, firstList >= 0 ? firstList : section.body.length).filter((n) => n.type !== 'blockquote' && n.type !== 'definition');
  const text = [plainText(section.heading), ...above.map((n) => plainText(n))].join(' ').replace(/\s+/g, ' ').trim();
  return `q-${createHash('sha1').update(text).digest('hex').slice(0, 10)}`;
}

/** Whether a heading's attributes name a type without an answer list (essay), whose lists are part of its prompt. */
export function namesListlessType(attributes: Attributes): boolean {
  const type = attributes.values.type as QuestionType | undefined;
  return type !== undefined && QUESTION_TYPES.includes(type) && listOptional(type);
}

/** A question's section split into its prompt, answer list, feedback quote and what follows them. */
interface QuestionParts {
  /** The blocks shown under the heading as part of the question (quotes of quoted material included). */
  stem: RootContent[];
  list?: List;
  quote?: Blockquote;
  /** What comes after the answers and their feedback quote (after the feedback quote, for a type without answers). */
  after: RootContent[];
  /** Quotes before the answers that start with a feedback label: feedback written in the wrong place. */
  early: RootContent[];
}

/**
 * Split a section. With an answer list, the prompt is what comes before it, and the feedback the
 * quote after it. A type without one (essay) takes its feedback from the first quote that starts
 * with a feedback label, and everything before that, lists and quotes included, is its prompt.
 * A question whose heading Markdown does not read (`##题二`, reported as such) starts at its line:
 * what follows is that question's (its answers, its feedback), after this one's.
 */
function questionParts(section: QuestionSection, unreadHeadings: UnreadHeadings): QuestionParts {
  const cut = section.body.findIndex((block) => unreadHeadings.has(block));
  if (cut < 0) return partsOf(section);
  const parts = partsOf({ ...section, body: section.body.slice(0, cut) });
  return { ...parts, after: [...parts.after, ...section.body.slice(cut)] };
}

/** The parts of a section's body that is one question's only. */
function partsOf({ attributes, body }: QuestionSection): QuestionParts {
  const content = (n: RootContent) => n.type !== 'definition';
  if (namesListlessType(attributes)) {
    const at = body.findIndex((n) => feedbackLike(n) === 'quote');
    if (at < 0) return { stem: body.filter(content), after: [], early: [] };
    return { stem: body.slice(0, at).filter(content), quote: body[at] as Blockquote, after: body.slice(at + 1), early: [] };
  }
  const listIndex = answerListIndex(body);
  const before = listIndex >= 0 ? body.slice(0, listIndex) : body;
  const early = before.filter((n) => feedbackLike(n) === 'quote');
  const stem = before.filter((n) => content(n) && !early.includes(n));
  if (listIndex < 0) return { stem, after: [], early };
  const after = body.slice(listIndex + 1);
  const quote = after.find((n): n is Blockquote => n.type === 'blockquote');
  return { stem, list: body[listIndex] as List, quote, after: after.filter((n) => n !== quote), early };
}

/**
 * What a report says of feedback a question does not read: a second quote, or one typed with a full-width `＞`.
 * @param kind what feedbackLike found
 * @param owner the question it was meant for, as the message names it
 * @param fate what becomes of it, e.g. "is shown as lesson text, before learners answer"
 * @param block the quote or paragraph
 */
export function misplacedFeedback(kind: 'quote' | 'full-width', owner: string, fate: string, block: RootContent): string {
  const char = FULL_WIDTH_QUOTE.exec(plainText(block))?.[1] ?? '＞';
  const what = char === '＞' ? 'a full-width "＞"' : `the Chinese "${char}" (what the \`>\` key types in Chinese mode)`;
  return kind === 'full-width'
    ? `this paragraph starts with ${what}, which makes no quote, so it is not read as the feedback of ${owner} and ${fate}: write ">"`
    : `this quote starts with a feedback label but is not read as the feedback of ${owner}, which is the one quote right after its answers, so it ${fate}`;
}

/** The start of a question's heading text, to name it in messages (authors know questions by their text). */
export function shortText(heading: Heading): string {
  return startOf(plainText(heading).replace(/\s+/g, ' ').trim(), 60);
}

function inferType(list: List | undefined): QuestionType | undefined {
  if (!list) return undefined;
  const items = list.children;
  // Options whose every checkbox is one no parser reads (`【x】`) are still meant as a choice: reported as such.
  if (!isTaskList(list) && items.every(startsLikeCheckbox)) return 'single';
  if (isTaskList(list)) {
    if (items.length === 2 && items.every((i) => truthOf(plainText(i), true) !== null)) return 'true-false';
    return 'single';
  }
  if (list.ordered) return 'sequencing';
  if (items.some((i) => /->|→/.test(plainText(i)))) return 'matching';
  return undefined;
}

