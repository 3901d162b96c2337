/**
 * The question syntax in Markdown: which headings are questions, their
 * `{#id type=… points=…}` attribute block, and where each question's section
 * (heading to next heading or rule) begins and ends.
 */
import type { Heading, Paragraph, Root, RootContent, Text } from 'mdast';
import { plainText } from './markdown.js';
import { placeOf, type DiagnosticSink, type Place } from '../diagnostics/diagnostic.js';
import { suggest } from '../diagnostics/suggest.js';
import { QUESTION_TYPES, type QuestionType } from './model.js';
import { keywordsOfAll, type FeedbackKey } from '../languages/index.js';
import type { UnreadHeadings } from './heading-markers.js';
import { asAscii, firstFullWidth, typeInstead, typeInsteadAll } from '../languages/full-width.js';

/** Attributes every question type reads (questions.ts); the others are read by the types that declare them (CompilerKind.attributes). */
export const READ_BY_ALL = ['type', 'points'];
/** Every attribute a question heading may give: READ_BY_ALL and each type's own (test/question-types.test.ts checks the two agree). */
export const ATTRIBUTE_KEYS = [...READ_BY_ALL, 'case', 'whitespace', 'max'];
/** Classes a heading may carry: `.practice` marks a practice question in a lesson. */
export const HEADING_CLASSES = ['practice'];

export interface Attributes {
  id?: string;
  classes: string[];
  /** Classes that are not known (a misspelt `.practise`): reported among `problems` too. */
  unknownClasses: string[];
  values: Record<string, string>;
  /** Where each of `values` is written (its `key=value`), for a problem its value makes later (`points=`). */
  valuePlaces: Record<string, Place>;
  /** Problems found while reading the block, each at what it is about, reported by the caller. */
  problems: Array<{ message: string; place?: Place }>;
  /** Attribute blocks elsewhere in the heading than at its end: not read, so shown as text (reported by the caller). */
  stray?: StrayBlock[];
}

/** An attribute block that is not read (not at the end of its heading, or typed with full-width braces), where it is written, and what its report says. */
export interface StrayBlock {
  block: string;
  place?: Place;
  message: string;
}

/** What a report of a block that is not at the end of its heading says. */
const strayMessage = (block: string) => `the attribute block ${block} is not at the end of its heading, where only the last block is read, so it would show as text: move it to the end`;

/** What a report of a block typed with full-width braces (`｛#id｝`, a Chinese input method's) says. */
const fullWidthBlockMessage = (block: string) => `the attribute block ${block} is typed with full-width braces, so it is not read (no id, type, points or \`.practice\` is set) and would show as text: ${typeInsteadAll(block)}`;

/** A token of an attribute block: `#id`, `.class` or one of the question attributes. */
const ATTRIBUTE_TOKEN = new RegExp(`^(?:[#.][A-Za-z][\\w-]*|(?:${ATTRIBUTE_KEYS.join('|')})=\\S+)$`);

/** Attribute blocks left in a heading's text once its trailing block is taken (a block moved to the front by hand or by a tool). */
function strayBlocks(heading: Heading): StrayBlock[] {
  const found: StrayBlock[] = [];
  for (const child of heading.children) {
    if (child.type !== 'text' || !/[{｛]/.test(child.value)) continue;
    // A block with a full-width brace is read as one typed with ASCII braces would be, to tell what it meant.
    for (const match of child.value.matchAll(/[{｛]([^{}｛｝]*)[}｝]/g)) {
      const fullWidth = match[0] !== `{${match[1]}}`;
      const tokens = (fullWidth ? asAscii(match[1]!) : match[1]!).trim().split(/\s+/).filter(Boolean);
      if (!tokens.length || !tokens.every((t) => ATTRIBUTE_TOKEN.test(t))) continue;
      const start = child.position?.start;
      // On the text's first line its column is exact; an escape earlier in the text would shift it.
      const onFirstLine = !child.value.slice(0, match.index).includes('\n');
      const message = fullWidth ? fullWidthBlockMessage(match[0]) : strayMessage(match[0]);
      found.push({ block: match[0], place: start && onFirstLine ? { line: start.line, column: start.column + match.index } : undefined, message });
    }
  }
  return found;
}

const BLOCK = /\s*\{([^{}]*)\}\s*$/;

/** Attributes of a heading that has no block. */
const noAttributes = (): Attributes => ({ classes: [], unknownClasses: [], values: {}, valuePlaces: {}, problems: [] });

/**
 * Where the character at `index` of a text's value is written, counted back from the text's end:
 * a trailing block is on the text's last line, and holds no escape that would make its source
 * longer than its value (an escape earlier in the text, `\*`, does not shift it).
 */
function placeFromEnd(text: Text, index: number): Place | undefined {
  const end = text.position?.end;
  if (!end || text.value.slice(index).includes('\n')) return undefined;
  return { line: end.line, column: end.column - (text.value.length - index) };
}

/**
 * Report attribute blocks that end a paragraph rather than a heading: a question's heading written
 * over two lines (`### 小测验：⏎哪个对？ {.practice #q}`) is a heading and a paragraph, so its block
 * is not read, shows as text, and a practice question's answers show as lesson text, key ticked.
 */
export function reportParagraphAttributes(blocks: readonly RootContent[], display: string, sink: DiagnosticSink, unreadHeadings: UnreadHeadings): void {
  for (const block of blocks) {
    // A question's heading typed with a full-width `＃`, or no space after the `#`, is reported as such.
    if (block.type !== 'paragraph' || unreadHeadings.has(block)) continue;
    const last = block.children.at(-1);
    const match = last?.type === 'text' ? BLOCK.exec(last.value) : null;
    const tokens = match?.[1]!.trim().split(/\s+/).filter(Boolean) ?? [];
    if (!tokens.length || !tokens.every((t) => ATTRIBUTE_TOKEN.test(t))) continue;
    const brace = match!.index + match![0].indexOf('{');
    sink.report(display, placeFromEnd(last as Text, brace) ?? placeOf(block), 'question-attribute', `the attribute block ${match![0].trim()} ends a paragraph, not a heading, so it is not read and shows as text: a question's heading is one line (\`### 题目 {.practice #id}\`), with no line break before its block`);
  }
}

/** Read (and strip) a trailing `{…}` attribute block from a heading. Returns null when it has none. */
export function takeAttributes(heading: Heading): Attributes | null {
  const last = heading.children.at(-1);
  const match = last?.type === 'text' ? BLOCK.exec(last.value) : null;
  let attributes: Attributes | null = null;
  if (match) {
    // Each token is placed in the heading's source (before the block is taken out of the text).
    const brace = match.index + match[0].indexOf('{');
    attributes = parseAttributes(match[1] ?? '', (at) => placeFromEnd(last as Text, brace + 1 + at));
    // The block hid a closing sequence (`## 题目 ## {#id}`) from the parser, which strips one at the end of a heading.
    (last as Text).value = (last as Text).value.slice(0, match.index).replace(/(^|[ \t]+)#+[ \t]*$/, '');
    if ((last as Text).value === '') heading.children.pop();
  }
  const stray = strayBlocks(heading);
  if (stray.length) (attributes ??= noAttributes()).stray = stray;
  return attributes;
}

/**
 * Read a block's tokens.
 * @param source the text between its braces
 * @param placeOfIndex where the character at an index of `source` is written
 */
function parseAttributes(source: string, placeOfIndex: (index: number) => Place | undefined): Attributes {
  const attributes = noAttributes();
  for (const { 0: token, index } of source.matchAll(/\S+/g)) {
    const place = placeOfIndex(index);
    const problem = (message: string) => attributes.problems.push({ message, place });
    if (token.startsWith('#')) {
      const id = token.slice(1);
      if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(id)) problem(`question id "${id}" must start with a letter and use only letters, digits, "-" and "_" (at most 64)`);
      else if (attributes.id) problem(`two ids given ("${attributes.id}" and "${id}")`);
      else attributes.id = id;
    } else if (token.startsWith('.')) {
      const name = token.slice(1);
      if (HEADING_CLASSES.includes(name)) attributes.classes.push(name);
      else {
        attributes.unknownClasses.push(name);
        const near = suggest(name, HEADING_CLASSES);
        problem(`unknown class ".${name}"${near ? ` (did you mean ".${near}"?)` : ` (the only class is ".practice")`}`);
      }
    } else if (token.includes('=')) {
      const [key = '', ...rest] = token.split('=');
      const value = rest.join('=').replace(/^["']|["']$/g, '');
      if (!ATTRIBUTE_KEYS.includes(key)) {
        const near = suggest(key, ATTRIBUTE_KEYS);
        problem(`unknown attribute "${key}"${near ? ` (did you mean "${near}"?)` : ` (known: ${ATTRIBUTE_KEYS.join(', ')})`}`);
      } else if (Object.hasOwn(attributes.values, key)) {
        // One of the two would otherwise be dropped without a word.
        problem(`${key}= is given twice ("${attributes.values[key]}" and "${value}"), and only one can be read: keep one`);
      } else {
        attributes.values[key] = value;
        if (place) attributes.valuePlaces[key] = place;
      }
    } else {
      const fullWidth = firstFullWidth(token);
      // `{。practice}`, typed in Chinese mode, still marks a practice question: its answers must not show as lesson text.
      if (fullWidth && asAscii(token).startsWith('.')) attributes.unknownClasses.push(token);
      // `type：single` (a Chinese colon for the `=`): say how the attribute is written.
      const [, key, value] = /^([a-z]+)[:：](.+)$/.exec(token) ?? [];
      const advice = key && ATTRIBUTE_KEYS.includes(key) ? `an attribute is written ${key}=${value}` : fullWidth ? typeInstead(fullWidth) : 'write #id, .class or key=value';
      problem(`cannot read "${token}": ${advice}`);
    }
  }
  const { type } = attributes.values;
  if (type !== undefined && !QUESTION_TYPES.includes(type as QuestionType)) {
    const near = suggest(type, QUESTION_TYPES);
    attributes.problems.push({ message: `unknown type "${type}"${near ? ` (did you mean "${near}"?)` : ` (types: ${QUESTION_TYPES.join(', ')})`}`, place: attributes.valuePlaces.type });
  }
  // Whether the question's type reads the other attributes, and their values, is checked once its type is known (attribute-use.ts).
  return attributes;
}

/** Whether a node is a task list (a list with a checkbox on any of its items). */
export const isTaskList = (node: RootContent | undefined): boolean => node?.type === 'list' && node.children.some((i) => typeof i.checked === 'boolean');

/**
 * Where a question's answer list is among the nodes of its section, from `from` on (-1 if it has
 * none): its first list, unless lists follow one another there with a task list among them, when
 * it is that task list, and the lists above it are part of the question (statements ① ② to
 * combine, numbered or marked `*` so that they make a list of their own).
 */
export function answerListIndex(nodes: readonly RootContent[], from = 0): number {
  let first = from;
  while (first < nodes.length && nodes[first]!.type !== 'list') first++;
  if (first === nodes.length) return -1;
  for (let i = first; nodes[i]?.type === 'list'; i++) if (isTaskList(nodes[i])) return i;
  return first;
}

/** A question found in a file: its heading, attributes and the nodes of its section. */
export interface QuestionSection {
  heading: Heading;
  attributes: Attributes;
  body: RootContent[];
  /** Index range of the section in the parent's children (for replacing it). */
  start: number;
  end: number;
}

/**
 * Find question sections in a file.
 * @param root parsed Markdown
 * @param isQuestion decides which headings (attributes already taken) start a question
 * @param onOtherHeading called with every heading that does not start a question, and its attributes
 * @param endAfterAnswers end a section after its answer list and the feedback quote that follows
 *   it (lessons: the text after a practice question belongs to the lesson again); otherwise a
 *   section runs to the next heading or rule (banks: every `##` is a question)
 * @param listless whether a question's type has no answer list (essay): with `endAfterAnswers`, its
 *   section ends after its feedback quote (the first quote that starts with a feedback label), or
 *   without one runs to the next heading or rule, since nothing else tells where its text ends
 */
export function findQuestionSections(
  root: Root,
  isQuestion: (heading: Heading, attributes: Attributes | null) => boolean,
  options: { onOtherHeading?: (heading: Heading, attributes: Attributes | null, index: number) => void; endAfterAnswers?: boolean; listless?: (attributes: Attributes) => boolean } = {},
): QuestionSection[] {
  const sections: QuestionSection[] = [];
  const children = root.children;
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type !== 'heading') continue;
    const found = takeAttributes(node);
    if (!isQuestion(node, found)) {
      options.onOtherHeading?.(node, found, i);
      continue;
    }
    const attributes = found ?? noAttributes();
    const listless = options.listless?.(attributes) ?? false;
    let end = i + 1;
    while (end < children.length && children[end]!.type !== 'heading' && children[end]!.type !== 'thematicBreak') {
      const current = children[end]!;
      end++;
      if (!options.endAfterAnswers) continue;
      if (listless && feedbackLike(current) === 'quote') break;
      if (!listless && current.type === 'list') {
        end = answerListIndex(children, end - 1) + 1;
        if (children[end]?.type === 'blockquote') end++;
        break;
      }
    }
    sections.push({ heading: node, attributes, body: children.slice(i + 1, end), start: i, end });
    i = end - 1;
  }
  return sections;
}

// Authors may write any language's words, whatever the course's language.
const TRUE_WORDS = keywordsOfAll('true').flat();
const FALSE_WORDS = keywordsOfAll('false').flat();
// Accepted with an explicit `type=true-false` only: a Yes/No choice is not inferred as true/false.
const LOOSE_TRUE = keywordsOfAll('looseTrue').flat();
const LOOSE_FALSE = keywordsOfAll('looseFalse').flat();

/**
 * Whether a label reads as "true" (true), "false" (false), or neither (null).
 * @param strict only the words that make a two-option task list a true/false question
 */
export function truthOf(label: string, strict = false): boolean | null {
  const word = label.trim().toLowerCase().replace(/[.。!！]$/, '');
  if (TRUE_WORDS.includes(word) || (!strict && LOOSE_TRUE.includes(word))) return true;
  if (FALSE_WORDS.includes(word) || (!strict && LOOSE_FALSE.includes(word))) return false;
  return null;
}

/** Feedback labels of every language to the Feedback key they fill. */
export const FEEDBACK_LABELS: Readonly<Record<string, FeedbackKey>> = Object.assign({}, ...keywordsOfAll('feedback'));

/** The Feedback key a label fills (`正确：`, `Correct`, with or without its colon), or undefined for any other text. */
export function feedbackLabelOf(text: string): FeedbackKey | undefined {
  const word = text.trim().replace(/[:：]$/, '').trim().toLowerCase();
  return Object.hasOwn(FEEDBACK_LABELS, word) ? FEEDBACK_LABELS[word] : undefined;
}

/**
 * A full-width `＞`, or the `》` or `〉` the `>` key types in a Chinese input method's Chinese mode, at
 * the start of a paragraph: it makes no quote.
 */
export const FULL_WIDTH_QUOTE = /^\s*([＞》〉])/;

/**
 * Whether a block reads as a question's feedback: a quote whose first paragraph starts with a
 * bold feedback label, as feedback is read (a plain `说明：` opens quoted material or a note), or
 * a paragraph that would be such a quote but for a full-width `＞`.
 */
export function feedbackLike(block: RootContent): 'quote' | 'full-width' | undefined {
  if (block.type === 'blockquote') return block.children[0]?.type === 'paragraph' && startsWithLabel(block.children[0]) ? 'quote' : undefined;
  if (block.type === 'paragraph' && FULL_WIDTH_QUOTE.test(plainText(block)) && startsWithLabel(block)) return 'full-width';
  return undefined;
}

/** Whether a paragraph starts with a bold feedback label (`**解析：**`, `**正确**：`), as feedback is read (feedback.ts). */
const startsWithLabel = (paragraph: Paragraph): boolean => labelStarting(paragraph) !== undefined;

/** The feedback key of the bold label a paragraph starts with, if any. */
function labelStarting(paragraph: Paragraph): FeedbackKey | undefined {
  const first = paragraph.children.find((c) => c.type !== 'text' || c.value.replace(FULL_WIDTH_QUOTE, '').trim() !== '');
  return first?.type === 'strong' ? feedbackLabelOf(plainText(first)) : undefined;
}

/** Whether feedback-like block (see feedbackLike) tells right from wrong (`**正确：**`, `**错误：**`): it gives the answer away. */
export function tellsTheAnswer(block: RootContent): boolean {
  const paragraph = block.type === 'blockquote' ? block.children[0] : block;
  const key = paragraph?.type === 'paragraph' ? labelStarting(paragraph) : undefined;
  return key === 'correct' || key === 'incorrect';
}
