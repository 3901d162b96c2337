/**
 * The lines of a paragraph as the author wrote them, for checks of how a line starts (a list
 * marker or a heading's `#` that Markdown does not read): the parsed text has lost escapes and
 * the exact columns.
 */
import type { Paragraph, RootContent } from 'mdast';
import type { Place } from '../diagnostics/diagnostic.js';

/** A line of a paragraph, without its indentation (and, in a quote, its `>`), and where that text starts. */
export interface ParagraphLine {
  text: string;
  place: Place;
}

/** What comes before a line's text: indentation, and the `>` of the quotes it is in. */
const PREFIX = /^[ \t>]*/;

/**
 * The lines of a paragraph, from its `from`-th on (none for any other block).
 * @param holding a pattern the paragraph's text must hold for its lines to be wanted (it spares
 *   splitting every paragraph of a file that is converted)
 */
export function paragraphLines(paragraph: RootContent | undefined, source: string, from = 0, holding?: RegExp): ParagraphLine[] {
  if (paragraph?.type !== 'paragraph') return [];
  const { start, end } = (paragraph as Paragraph).position ?? {};
  if (start?.offset === undefined || end?.offset === undefined) return [];
  const text = source.slice(start.offset, end.offset);
  if (holding && !holding.test(text)) return [];
  const lines: ParagraphLine[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (i < from) continue;
    const prefix = PREFIX.exec(line)![0].length;
    lines.push({ text: line.slice(prefix), place: { line: start.line + i, column: (i === 0 ? start.column : 1) + prefix } });
  }
  return lines;
}
