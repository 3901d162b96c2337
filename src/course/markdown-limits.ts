/**
 * Bounds on the Markdown work of one file. The Markdown parser's cost grows faster than
 * linearly with container nesting and with table size, so a few kilobytes of nested
 * quotes or list items, or one huge table, could stall a build (and every course after
 * it). Such a file is refused before parsing, with the place of the first line past the
 * limit; real lessons stay far below these numbers.
 */
import type { Place } from '../diagnostics/diagnostic.js';
import { endsContainers } from './markdown-parts.js';
import { resultOfText } from './text-results.js';

/** Deepest nesting of block quotes and lists (a real lesson nests a handful). */
export const MAX_NESTING = 16;
/**
 * Total nesting beyond two levels over all lines: the parser revisits every open container on
 * every line, so deep nesting on many lines is what costs (ordinary one- or two-level lists and
 * quotes do not count).
 */
export const MAX_NESTING_WORK = 5_000;
/**
 * Most list items between two places where every list ends (a heading, or a paragraph after a
 * blank line; see markdown-parts.ts): the parser copies its events as each item ends, and builds
 * the tree of a list item by item over the whole list, so 30,000 items took 4 s and 700 MB, and
 * 135,000 (a 1.9 MB lesson) almost four minutes and 2.8 GB. The catalogue's longest list has 17.
 */
export const MAX_LIST_ITEMS = 2_000;
/** Largest table, in cells. */
export const MAX_TABLE_CELLS = 5_000;
/**
 * Inline work over a file: the parser pairs emphasis marks (`*`, `_`, `~`) and brackets with
 * each other, and each code span's backticks with every later run, within a paragraph, so a
 * paragraph of thousands of them takes seconds to minutes (100 KB of `*a` took 30 s). A
 * paragraph counts (marks)² + (brackets)² + (backtick runs × its length); this much is about
 * half a second, and a real lesson's paragraphs count hundreds each.
 */
export const MAX_INLINE_WORK = 40_000_000;

export interface MarkdownLimitProblem {
  place: Place;
  message: string;
}

const CONTAINER = /^[ \t]{0,3}(>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
const STAR = 42;
const UNDERSCORE = 95;
const TILDE = 126;
const BACKTICK = 96;
const BRACKET = 91;

/** What one paragraph (lines up to a blank one; each table row on its own) asks of the inline parser. */
class InlineWork {
  private marks = 0;
  private brackets = 0;
  private ticks = 0;
  private length = 0;
  start = 0;

  add(line: string, at: number): void {
    if (this.length === 0) this.start = at;
    // One pass over the characters (every line of every file is counted on every load).
    let previous = -1;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === STAR || c === UNDERSCORE || c === TILDE) {
        if (c !== previous) this.marks++; // a run of one mark
      } else if (c === BACKTICK) {
        if (previous !== BACKTICK) this.ticks++;
      } else if (c === BRACKET) this.brackets++;
      previous = c;
    }
    this.length += line.length + 1;
  }

  /** The paragraph's work, and a fresh count for the next one. */
  end(): number {
    const work = this.marks ** 2 + this.brackets ** 2 + this.ticks * this.length;
    this.marks = this.brackets = this.ticks = this.length = 0;
    return work;
  }
}

/**
 * The first place where `text` goes past the limits, or null.
 * @param text a Markdown file
 */
export function markdownLimitProblem(text: string): MarkdownLimitProblem | null {
  const lines = text.split('\n');
  let tableRows = 0;
  let tableColumns = 0;
  let tableStart = 0;
  let work = 0;
  let inlineWork = 0;
  const paragraph = new InlineWork();
  let fence: string | null = null;
  let listItems = 0;
  let listStart = 0;
  let afterBlankLine = false;
  const inlineProblem = (): MarkdownLimitProblem | null => {
    const start = paragraph.start;
    inlineWork += paragraph.end();
    return inlineWork > MAX_INLINE_WORK
      ? { place: { line: start + 1, column: 1 }, message: 'this paragraph has so many emphasis marks, brackets or code spans that processing the file would stall the build: simplify it, or split the file' }
      : null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Inline work, paragraph by paragraph (code blocks hold none).
    const opened = line.includes('```') || line.includes('~~~') ? FENCE.exec(line)?.[1] : undefined;
    const row = line.includes('|');
    const inCode = fence !== null || opened !== undefined;
    if (fence !== null) {
      if (opened && opened[0] === fence[0] && opened.length >= fence.length) fence = null;
    } else if (opened) {
      fence = opened;
      const problem = inlineProblem();
      if (problem) return problem;
    } else if (row || !/\S/.test(line)) {
      if (row) paragraph.add(line, i);
      const problem = inlineProblem();
      if (problem) return problem;
    } else paragraph.add(line, i);
    // Containers open at the start of a line: count them, and indentation (nested lists).
    let rest = line;
    // A nested list item is indented by at least two columns per level.
    let depth = Math.floor(/^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length / 2);
    let listItem = false;
    for (;;) {
      const indent = /^[ \t]*/.exec(rest)![0];
      const match = CONTAINER.exec(rest.slice(Math.max(0, indent.length - 3)));
      if (!match) break;
      depth++;
      if (match[1] !== '>') listItem = true;
      rest = rest.slice(Math.max(0, indent.length - 3) + match[0].length);
      if (depth > MAX_NESTING) break;
    }
    if (depth > MAX_NESTING) {
      return { place: { line: i + 1, column: 1 }, message: `block quotes and lists are nested more than ${MAX_NESTING} deep here: flatten the structure` };
    }
    work += Math.max(0, depth - 2);
    if (work > MAX_NESTING_WORK) {
      return { place: { line: i + 1, column: 1 }, message: 'this file has so many deeply nested lines that processing it would stall the build: flatten the quotes and lists, or split the file' };
    }
    if (!inCode) {
      if (endsContainers(line, afterBlankLine)) listItems = 0;
      if (listItem && listItems++ === 0) listStart = i;
      if (listItems > MAX_LIST_ITEMS) {
        return { place: { line: i + 1, column: 1 }, message: `the list that starts on line ${listStart + 1} has more than ${MAX_LIST_ITEMS.toLocaleString('en')} items (counting nested ones and lists that follow it with no heading or paragraph between): processing it would stall the build; split it with headings or paragraphs, or into several files` };
      }
      afterBlankLine = !/\S/.test(line);
    }
    if (row) {
      if (tableRows === 0) tableStart = i;
      tableRows++;
      tableColumns = Math.max(tableColumns, line.split('|').length - 1);
      if (tableRows * tableColumns > MAX_TABLE_CELLS) {
        return { place: { line: tableStart + 1, column: 1 }, message: `this table has more than ${MAX_TABLE_CELLS.toLocaleString('en')} cells: split it, or link a spreadsheet instead` };
      }
    } else {
      tableRows = 0;
      tableColumns = 0;
    }
  }
  return inlineProblem();
}

/**
 * markdownLimitProblem, kept by text (text-results.ts): a course's load checks every Markdown
 * file, and after an edit all but one are unchanged (checking them took 2 % of a `check`).
 */
export const keptMarkdownLimitProblem = (text: string): MarkdownLimitProblem | null => resultOfText('markdown-limits', text, markdownLimitProblem);
