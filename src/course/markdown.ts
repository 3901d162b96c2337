/**
 * The unified pipeline's first half: Markdown (GFM, frontmatter) to mdast, with the trees of
 * recent texts kept for the readers that parse a text again. Rendering is render-html.ts.
 */
import type { Root as MdastRoot, Yaml } from 'mdast';
import type { Position } from 'unist';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { combineExtensions } from 'micromark-util-combine-extensions';
import { cjkFriendlyExtension } from 'micromark-extension-cjk-friendly';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { LRUCache } from 'lru-cache';
import { textParts } from './markdown-parts.js';

/**
 * Bold and italic next to Chinese punctuation, as Chinese authors write them: `**关键信息基础设施（CII）**指…`
 * or `**注意：**这是重点`. CommonMark ends emphasis after a punctuation mark only before a space or
 * punctuation, so such text showed its asterisks to learners (commonmark-spec issue 650); the
 * extension reads emphasis by CJK text's own rules and leaves other text as CommonMark reads it.
 */
function remarkCjkEmphasis(this: Processor): void {
  (this.data().micromarkExtensions ??= []).push(cjkFriendlyExtension());
}

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkCjkEmphasis).use(remarkFrontmatter, ['yaml']);

/**
 * remark-gfm without autolink literals (bare `www.`, `http://` and e-mail addresses made links),
 * for texts that cannot hold one. Looking for those takes a third of a parse: the syntax is tried
 * at every letter and digit, and a pass afterwards searches every text node again.
 */
function remarkGfmWithoutAutolinkLiterals(this: Processor): void {
  const data = this.data();
  // The other four extensions, in remark-gfm's order.
  (data.micromarkExtensions ??= []).push(combineExtensions([gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()]));
  (data.fromMarkdownExtensions ??= []).push([gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()]);
}
const leanParser = unified().use(remarkParse).use(remarkGfmWithoutAutolinkLiterals).use(remarkCjkEmphasis).use(remarkFrontmatter, ['yaml']);

/**
 * Can the text hold an autolink literal? Each needs `@`, `www.` or `http` in its text, either
 * in the source or decoded from a character reference (`&…;`); a backslash escape leaves the
 * letters as they are. Without any of these, both parsers give the same tree.
 */
export const mayHoldAutolinkLiteral = (text: string): boolean => /[@&]|www|http/i.test(text);

/** A new tree of a text: with the whole of GFM when the text may need it. */
function parseWhole(text: string): MdastRoot {
  const chosen = mayHoldAutolinkLiteral(text) ? parser : leanParser;
  return chosen.runSync(chosen.parse(text)) as MdastRoot;
}

/** Texts at least this long are parsed in parts where they can be (markdown-parts.ts). */
const PARTS_FROM_LENGTH = 64_000;
/**
 * The least length of a part. A part's parse still grows with the square of its lists: a 700 KB
 * lesson of 16,000 lists took 11 s to check in parts of 32,000 characters, 7.7 s in these (a
 * bank of 5,000 questions takes as long either way).
 */
const PART_LENGTH = 8_000;

/** A new tree of a text, parsed in parts when it is long enough for its lists to make a whole parse slow. */
function parseFresh(text: string): MdastRoot {
  return (text.length >= PARTS_FROM_LENGTH ? parseInParts(text, PART_LENGTH) : null) ?? parseWhole(text);
}

/**
 * The tree of a text parsed part by part, with each part's positions moved to where it starts:
 * the same tree as a whole parse (test/markdown-parts.test.ts); null when the text cannot be cut.
 * @param minPart the least length of a part
 */
export function parseInParts(text: string, minPart: number): MdastRoot | null {
  // A byte order mark is not part of the text: positions count from the character after it.
  const parts = textParts(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, minPart);
  if (!parts) return null;
  const root: MdastRoot = { type: 'root', children: [] };
  for (const part of parts) {
    const tree = parseWhole(part.text);
    if (part.offset > 0) movePositions(tree, part.line - 1, part.offset);
    // What else a part's root carries, as the whole's would: the task-list extension marks the root
    // `checked` when a `[x]` paragraph follows an empty list item (`-⏎[x]`).
    const { type: _type, children, position: _position, ...rest } = tree;
    Object.assign(root, rest);
    // One at a time: a part of hundreds of thousands of blocks (`***` lines) overflowed the call stack when spread.
    for (const child of children) root.children.push(child);
    root.position = { start: { line: 1, column: 1, offset: 0 }, end: tree.position!.end };
  }
  return root;
}

/** Move a node's positions, and its descendants', down by `lines` lines and on by `offset` characters (a part starts at a line's start: columns stay). */
function movePositions(node: { position?: Position; children?: unknown[] }, lines: number, offset: number): void {
  const { position } = node;
  if (position) {
    position.start = { line: position.start.line + lines, column: position.start.column, offset: (position.start.offset ?? 0) + offset };
    position.end = { line: position.end.line + lines, column: position.end.column, offset: (position.end.offset ?? 0) + offset };
  }
  for (const child of node.children ?? []) movePositions(child as { position?: Position; children?: unknown[] }, lines, offset);
}

/**
 * Trees of the texts parsed most recently, by text. Parsing is most of a course's load, and some
 * texts are read again in the same load: a course's banks, whose question sections fingerprint
 * the source for its translations' checks. A copy costs about a twentieth of a parse. Bounded
 * by the texts' length (a tree takes about 30 bytes per character): room for the banks of the
 * largest course several times over (about 47,000 characters), and no more, since trees kept
 * are long-lived objects that make a build's heap grow (1.5 million characters took 75 MB more
 * of a cold build's peak memory). Lessons, read once, are not kept (parseMarkdownOnce), and the
 * preview reuses unchanged files' results instead of parsing them again (file-results.ts).
 */
const recentTrees = new LRUCache<string, MdastRoot>({
  maxSize: 400_000,
  maxEntrySize: 375_000,
  sizeCalculation: (_tree, text) => Math.max(1, text.length),
});

/** Parse Markdown text into an mdast tree with positions (a tree of its own: callers may change it). */
export function parseMarkdown(text: string): MdastRoot {
  return copyPlainData(readMarkdown(text));
}

/**
 * Parse Markdown text that no later reader will parse again (a lesson's body: its id and title
 * come from its frontmatter alone), into a tree of its own. It is not kept: a kept tree lives
 * long enough to be promoted to the old generation, which makes a large build's collections
 * slower and its heap larger, and handing it out would cost a copy.
 */
export function parseMarkdownOnce(text: string): MdastRoot {
  const known = recentTrees.get(text);
  return known ? copyPlainData(known) : parseFresh(text);
}

/**
 * The parsed tree of a text, shared with every other reader of the same text: for callers
 * that only read it (a lesson's frontmatter and title), which then pay for no copy.
 * Changing it would change what later callers get.
 */
export function readMarkdown(text: string): Readonly<MdastRoot> {
  let tree = recentTrees.get(text);
  if (!tree) recentTrees.set(text, (tree = parseFresh(text)));
  return tree;
}

/** A line that can open or close frontmatter: three dashes, then at most spaces and tabs. */
const FENCE = /^---[ \t]*$/gm;
/** The same line where the text starts (after a byte order mark, where `^` would not match). */
const OPENING = /---[ \t]*$/my;

/**
 * The frontmatter of a text (its `yaml` node, as in its parsed tree), parsing only the text's
 * first lines when it can: frontmatter opens a text and ends at the first closing fence, so
 * the text up to that fence parses to the same node. A lesson's title and id are read this
 * way without parsing the whole lesson (a course whose lessons' results are kept on disk).
 */
export function readFrontmatter(text: string): Readonly<Yaml> | null {
  // A byte order mark is not part of the text (the parser skips it).
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', from)) return null; // not even a fence: a parse would find no frontmatter
  OPENING.lastIndex = from;
  FENCE.lastIndex = OPENING.test(text) ? OPENING.lastIndex : text.length;
  const close = FENCE.exec(text);
  const head = close ? readMarkdown(text.slice(0, close.index + close[0].length)).children[0] : undefined;
  // Anything else (a fence this does not recognise, no closing fence) is for the whole parse to say.
  const first = head?.type === 'yaml' ? head : readMarkdown(text).children[0];
  return first?.type === 'yaml' ? first : null;
}

/**
 * A deep copy of plain data (objects, arrays, strings, numbers, booleans: a parsed tree, a
 * compiled lesson or bank), two to three times faster than structuredClone.
 * @param onObject called with each object copied and its copy (to carry what is keyed by identity)
 */
export function copyPlainData<T>(value: T, onObject?: (original: object, copy: object) => void): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => copyPlainData(item, onObject)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = copyPlainData(item, onObject);
  onObject?.(value, copy);
  return copy as T;
}

/** Plain text of mdast nodes, for ids, reports and xAPI descriptions. */
export { toString as plainText } from 'mdast-util-to-string';

