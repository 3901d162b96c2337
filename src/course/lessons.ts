/**
 * A lesson file to a Lesson: frontmatter, title, practice questions replaced
 * by placeholders where the player mounts them, and the rest rendered to HTML.
 */
import path from 'node:path';
import type { Definition, Heading, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { DiagnosticSink, placeOf, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Lesson, Question } from './model.js';
import { reportFrontmatterFence } from './frontmatter-fence.js';
import { reportUnreadHeadings, type UnreadHeadings } from './heading-markers.js';
import { parseMarkdownOnce, plainText, readFrontmatter, readMarkdown } from './markdown.js';
import { renderHtml, type RenderContext } from './render-html.js';
import { checkReferences } from './references.js';
import { feedbackLike, findQuestionSections, reportParagraphAttributes, tellsTheAnswer, takeAttributes, type Attributes, type QuestionSection } from './question-syntax.js';
import { buildQuestion, misplacedFeedback, namesListlessType, shortText } from './questions.js';
import { unsourcedFigure } from './review-habits.js';
import { lessonFrontmatterSchema, lessonTitleSchema } from './schema.js';
import { resultOfText } from './text-results.js';
import { parseYaml } from './yaml.js';

/** A lesson file parsed but not yet rendered (ids must be known before links are rewritten). */
export interface ParsedLesson {
  file: string;
  display: string;
  /** The lesson's tree without its frontmatter, a copy of its own (made when rendering needs it). */
  body: () => Root;
  /** The file's text (positions in its tree point into it). */
  source: string;
  id: string;
  /** The id is the file name's (no `id:` in the frontmatter). */
  idFromName: boolean;
  title: string | undefined;
}

/**
 * The id a lesson or bank file gets from its name: without the order prefix and `.md`
 * (`01-role-of-hr.md` → `role-of-hr`), as a slug that starts with a letter.
 * @param file the file's path
 * @param kind prefix for a name that would otherwise start with a digit
 */
export function idFromFileName(file: string, kind: string): string {
  const slug = nameOfFile(file).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || kind;
  return /^[a-z]/.test(slug) ? slug : `${kind}-${slug}`;
}

const nameOfFile = (file: string) => path.basename(file, '.md').replace(/^\d+[-_.\s]*/, '');

/**
 * Why a file's name makes a poor id, or undefined: the letters and digits outside a–z and 0–9
 * (Chinese, accented, full-width) are left out of it, so `03-安全.md` is the lesson `lesson`, and
 * two such files clash. Said at the file, with what to do instead.
 * @param uses what names the file by its id, e.g. "the exam's draw names the bank"
 * @param otherwise what else the author can do, or ''
 */
export function fileNameIdProblem(file: string, id: string, uses: string, otherwise: string): string | undefined {
  const left = nameOfFile(file).match(/[^\p{ASCII}\P{L}]+|[^\p{ASCII}\P{N}]+/gu);
  if (!left) return undefined;
  return `the file name "${path.basename(file)}" gives the id "${id}": an id keeps only the letters a–z, digits and "-", so ${left.map((l) => `"${l}"`).join(', ')} ${left.length === 1 ? 'is' : 'are'} left out of it, and ${uses} by this id: name the file in Latin letters or pinyin${otherwise}`;
}

/** What a lesson's text says of the lesson before it is rendered: its frontmatter, and the problems in it (placed, without a file). */
interface LessonHead {
  hasFront: boolean;
  id?: string;
  title?: string;
  problems: Array<Omit<Diagnostic, 'file'>>;
}

/** The title of a frontmatter that is wrong in another way (nothing else of it is used). */
function titleOnly(yaml: string): { title?: string } {
  const title = parseYaml(yaml, lessonTitleSchema, { file: '', sink: new DiagnosticSink(), lineOffset: 1 })?.title;
  return title === undefined ? {} : { title };
}

function readHead(text: string): LessonHead {
  // Only the frontmatter is read here: a lesson whose rendering is reused (file-results.ts) is never parsed whole.
  const sink = new DiagnosticSink();
  let front: { title?: string; id?: string } = {};
  const yaml = readFrontmatter(text);
  // A frontmatter with a wrong key is not used, but its title still names the lesson: the wrong key is reported, not a missing title too.
  if (yaml) front = parseYaml(yaml.value, lessonFrontmatterSchema, { file: '', sink, lineOffset: 1 }) ?? titleOnly(yaml.value);
  // Without a title in the frontmatter, the lesson's `# Title` is its title.
  const h1 = front.title === undefined ? readMarkdown(text).children.find((n) => n.type === 'heading' && n.depth === 1) : undefined;
  const title = front.title ?? (h1 ? plainText(h1).trim() : undefined);
  return { hasFront: yaml !== null, ...(front.id !== undefined ? { id: front.id } : {}), ...(title !== undefined ? { title } : {}), problems: sink.items.map(({ file: _file, ...problem }) => problem) };
}

/**
 * Parse a lesson file and read its frontmatter. What the frontmatter gives is kept by the text
 * (text-results.ts): a course's load reads every lesson's, and after an edit all but one are
 * unchanged (reading them took a tenth of a `check` after an edit).
 */
export function parseLesson(text: string, file: string, display: string, ctx: Pick<RenderContext, 'sink'>): ParsedLesson {
  const head = resultOfText('lesson-head', text, readHead);
  for (const problem of head.problems) ctx.sink.items.push({ ...problem, file: display });
  const body = () => {
    const tree = parseMarkdownOnce(text);
    if (head.hasFront) tree.children.shift();
    return tree;
  };
  return { file, display, body, source: text, id: head.id ?? idFromFileName(file, 'lesson'), idFromName: head.id === undefined, title: head.title };
}

/**
 * Where the player mounts a practice question: `<div data-practice="id"></div>`, made as an
 * element rather than written as HTML, which would have the whole lesson parsed again by an
 * HTML parser (a tenth of a course's load went to that).
 */
const practicePlaceholder = (id: string): RootContent => ({ type: 'paragraph', children: [], data: { hName: 'div', hProperties: { dataPractice: id } } });
/** The placeholder as the rendered lesson holds it (question ids are slugs: nothing to escape). */
export const practicePlaceholderHtml = (id: string): string => `<div data-practice="${id}"></div>`;
/** Every practice question's place in a lesson's HTML. */
const PLACEHOLDERS = /<div data-practice="[^"]*"><\/div>/g;

/** The blocks a heading can stand in, besides the lesson itself. */
const HOLDS_HEADINGS = new Set<string>(['blockquote', 'list', 'footnoteDefinition']);

/** A heading with a misspelt class (`.practise`) is taken as a practice question, so that its problem is reported and its answer list (with the key ticked) is never shown as lesson text. */
const isPractice = (attributes: Attributes | null): boolean => Boolean(attributes && (attributes.classes.includes('practice') || attributes.unknownClasses.length > 0));

/**
 * A lesson's practice questions: each ends after its answers and the feedback quote right after
 * them (an essay, which has no answers, after its feedback quote), and the lesson continues below.
 */
export function findPracticeSections(tree: Root, onOtherHeading?: (heading: Heading, attributes: Attributes | null) => void): QuestionSection[] {
  return findQuestionSections(tree, (_, attributes) => isPractice(attributes), { endAfterAnswers: true, listless: namesListlessType, ...(onOtherHeading ? { onOtherHeading } : {}) });
}

/**
 * Feedback written after a practice question's end is lesson text: it would show the answer
 * before learners give theirs. Right after the question, any feedback quote is (a second quote,
 * after a blank line that ended the first; a paragraph typed with a full-width `＞`); further down,
 * after lesson text, only one that tells right from wrong (`**正确：**`): a `**说明：**` there is a
 * note of the lesson's.
 */
function reportStrayFeedback(tree: Root, sections: QuestionSection[], unreadHeadings: UnreadHeadings, ctx: RenderContext, display: string): void {
  const starts = new Set(sections.map((s) => s.start));
  for (const section of sections) {
    let rightAfter = true;
    // A question whose heading Markdown does not read (reported as such) has its feedback after it.
    for (let i = section.end; i < tree.children.length && !starts.has(i) && tree.children[i]!.type !== 'heading' && !unreadHeadings.has(tree.children[i]!); i++) {
      const block = tree.children[i]!;
      const kind = feedbackLike(block);
      if (kind && (rightAfter || tellsTheAnswer(block))) ctx.sink.report(display, placeOf(block), 'feedback-misplaced', misplacedFeedback(kind, `practice question "${shortText(section.heading)}"`, 'is shown as lesson text, before learners answer', block));
      rightAfter &&= kind !== undefined;
    }
  }
}

/** Render a parsed lesson; practice questions go into `practice`. */
export function renderLesson(parsed: ParsedLesson, ctx: RenderContext): Lesson | null {
  const { display } = parsed;
  const tree = parsed.body();
  reportFrontmatterFence(parsed.source, display, ctx.sink, 'its title and id are not read, and learners see its lines as lesson text');
  if (!parsed.title) {
    ctx.sink.report(display, { line: 1, column: 1 }, 'lesson-no-title', 'lesson has no title');
  }
  const figure = unsourcedFigure(tree);
  if (figure) ctx.sink.report(display, figure, 'figure-without-source', 'this lesson states figures (amounts, limits, articles of law) but cites no source for any of them');
  // The player shows the title itself: drop a leading `# Title` from the body, and say so when
  // it is not the title the player shows (the frontmatter's), so no author text goes unseen silently.
  const firstContent = tree.children.findIndex((n) => n.type !== 'definition' && n.type !== 'html');
  if (firstContent >= 0) {
    const node = tree.children[firstContent]!;
    if (node.type === 'heading' && node.depth === 1) {
      const heading = plainText(node).trim();
      if (parsed.title && heading !== parsed.title.trim()) {
        ctx.sink.report(display, placeOf(node) ?? { line: 1, column: 1 }, 'lesson-title-mismatch', `the lesson's heading "${heading}" is not shown: learners see the frontmatter title "${parsed.title.trim()}"`);
      }
      tree.children.splice(firstContent, 1);
    }
  }

  // An attribute block on a heading that is no question would silently do nothing (and a misspelt `.practise` would show the key).
  const otherHeading = (heading: Heading, attributes: Attributes | null, nested = false) => {
    // A block moved from the end (`### {.practice #id} …`) is read nowhere: say so, at its place.
    for (const { message, place } of attributes?.stray ?? []) ctx.sink.report(display, place ?? placeOf(heading), 'question-attribute', message);
    const message = nested ? 'this heading inside a quote, a list item or a footnote has an attribute block, which does nothing there: remove the block' : 'this heading has an attribute block but is not a practice question: mark it `{.practice}` or remove the block';
    if (attributes && !attributes.stray) ctx.sink.report(display, placeOf(heading), 'heading-attribute', message);
  };
  const sections = findPracticeSections(tree, (heading, attributes) => otherHeading(heading, attributes));
  checkReferences(tree, parsed.source, display, ctx.sink, sections);
  const unreadHeadings = reportUnreadHeadings(tree.children, parsed.source, display, ctx.sink, false);
  // What reads the lesson from here on knows them, so as not to report them again.
  const lessonCtx: RenderContext = { ...ctx, unreadHeadings };
  reportParagraphAttributes(tree.children, display, ctx.sink, unreadHeadings);
  reportStrayFeedback(tree, sections, unreadHeadings, ctx, display);
  // Questions start at the lesson's left margin: one inside a quote or a list item would be lesson text, its key ticked.
  for (const top of tree.children) {
    if (!HOLDS_HEADINGS.has(top.type)) continue;
    visit(top, 'heading', (heading: Heading) => {
      const attributes = takeAttributes(heading);
      if (!isPractice(attributes) || attributes?.stray) return otherHeading(heading, attributes, true);
      ctx.sink.report(display, placeOf(heading), 'practice-not-top-level', 'this practice question is inside a quote, a list item or a footnote, where it is not read as a question: its answers, the correct one ticked, would show as lesson text');
    });
  }
  const practice: Question[] = [];
  const headingOf = new Map<string, Heading>();
  // The lesson's blocks laid out afresh in one pass, each question's section replaced by its place
  // (spliced out one by one from the end, each splice moved every block after it).
  const blocks: RootContent[] = [];
  let next = 0;
  for (const section of sections) {
    for (let i = next; i < section.start; i++) blocks.push(tree.children[i]!);
    next = section.end;
    const question = buildQuestion(section, lessonCtx);
    if (!question) continue;
    blocks.push(practicePlaceholder(question.id));
    practice.push(question);
    // The first question of an id keeps it (a second is reported as a duplicate).
    if (!headingOf.has(question.id)) headingOf.set(question.id, section.heading);
  }
  for (let i = next; i < tree.children.length; i++) blocks.push(tree.children[i]!);
  tree.children = blocks;

  const content = tree.children.filter((n) => n.type !== 'definition');
  if (content.length === 0 || (content.every((n) => n.type === 'html' && n.value.trim().startsWith('<!--')) && practice.length === 0)) {
    ctx.sink.report(display, placeOf(tree.children[0]) ?? { line: 1, column: 1 }, 'empty-lesson', 'lesson has no content');
    return null;
  }
  const definitions = tree.children.filter((n): n is Definition => n.type === 'definition');
  const html = renderHtml(tree.children, { ...lessonCtx, definitions }, true);
  // HTML the author left open before a question (`<xmp>`, `<template>`, `<textarea>`…) takes its place in: the player could not show it.
  // (The places found in one pass: looked for one by one, a lesson of 10,000 questions read its HTML 10,000 times.)
  const shown = new Set(Array.from(html.matchAll(PLACEHOLDERS), (match) => match[0]));
  for (const question of practice) {
    if (!shown.has(practicePlaceholderHtml(question.id))) ctx.sink.report(display, placeOf(headingOf.get(question.id)) ?? { line: 1, column: 1 }, 'practice-hidden', 'this practice question cannot be shown: an HTML element written before it and left open takes it in');
  }
  return { id: parsed.id, title: parsed.title ?? parsed.id, html, practice };
}
