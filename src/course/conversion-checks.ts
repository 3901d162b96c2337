/**
 * What converting an author's Markdown to HTML notices that learners would not get as written:
 * a comment left open, an image with no description, a link with no text, table cells past the
 * header's, Markdown inside an HTML block (shown as written), and headings, images and links
 * typed in a way Markdown does not read (`##第二节`, `［下一节］(02-x.md)`). Each check wraps the converter's
 * own handler for that node, so it costs no walk of its own (the `html` handler also tells the
 * renderer that the text holds raw HTML, which it must then parse); an image written as HTML is
 * checked in the renderer's walk of the result.
 */
import type { Element, ElementContent } from 'hast';
import type { Html, Image, ImageReference, Link, LinkReference, Nodes, Paragraph, Table, Text } from 'mdast';
import { toString as plainTextOf } from 'mdast-util-to-string';
import { defaultHandlers, type State } from 'mdast-util-to-hast';
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { placeOf } from '../diagnostics/diagnostic.js';
import { reportHeadingMarkers, type UnreadHeadings } from './heading-markers.js';
import { reportImageAsLink, reportLinkSyntax, reportSplitReference } from './link-syntax.js';
import { normalise } from './references.js';

type Handler<N> = (state: State, node: N) => ElementContent | ElementContent[] | undefined;

/**
 * A line of an HTML block that reads as Markdown: a heading, an image, a list item, a quote, a
 * table row, bold text or a link. CommonMark reads an HTML block up to the next blank line, so
 * Markdown written inside it (`<div>` with no blank line after it) is shown as written.
 */
const MARKDOWN_LINE = /^(#{1,6}\s|!\[|[-*+]\s+\S|\d{1,9}[.)]\s+\S|>\s+\S|\|)|\*\*\S[^*]*\*\*|\]\([^)\s]+\)/;
/** Elements whose text is meant to be shown as written. */
const VERBATIM = /<(pre|code|kbd|samp|textarea|xmp|plaintext|listing|script|style|template)\b/i;
/** A practice question's heading: one whose attribute block has a class (`{.practice}`, or a misspelt one, which lessons.ts takes as a question too). */
const PRACTICE_HEADING = /^#{1,6}\s.*\{(?:[^}]*\s)?\.[A-Za-z][^}]*\}\s*$/;

/**
 * The handlers that check what they convert, reporting to `sink` under `display`.
 * @param source the whole file, where the checks of how a line or a link is written read it
 * @param unreadHeadings paragraphs already reported as headings Markdown does not read
 * @param paragraph the converter the paragraph check wraps
 */
export function checkingHandlers(display: string, sink: DiagnosticSink, source: string, onRawHtml: () => void, unreadHeadings: UnreadHeadings, paragraph: Handler<Paragraph>) {
  const at = (node: Nodes) => placeOf(node) ?? { line: 1, column: 1 };
  const html: Handler<Html> = (state, node) => {
    onRawHtml();
    // An unclosed comment runs to the end of the file (or of its quote or list): all of that would be hidden.
    if (node.value.startsWith('<!--') && !node.value.includes('-->')) {
      sink.report(display, at(node), 'html-comment-unclosed', 'this HTML comment is never closed with `-->`, so everything after it, to the end of the file (or of the quote or list it is in), is hidden from learners');
    } else if (node.value.includes('\n')) {
      markdownInHtml(node, display, sink);
    }
    return defaultHandlers.html(state, node);
  };
  const described = <N extends Image | ImageReference>(convert: Handler<N>): Handler<N> => (state, node) => {
    if (!node.alt?.trim()) sink.report(display, at(node), 'image-no-alt', 'this image has no description (the text between `![` and `]`): a learner who uses a screen reader is told nothing of what it shows');
    return convert(state, node);
  };
  const labelled = <N extends Link | LinkReference>(convert: Handler<N>): Handler<N> => (state, node) => {
    if (!plainTextOf(node).trim()) sink.report(display, at(node), 'link-no-text', 'this link has no text, so learners see nothing to follow (a screen reader reads out its address instead)');
    return convert(state, node);
  };
  const table: Handler<Table> = (state, node) => {
    const columns = node.align?.length ?? node.children[0]?.children.length ?? 0;
    for (const row of node.children) {
      const extra = row.children[columns];
      if (extra) sink.report(display, at(extra), 'table-extra-cells', `this row has ${row.children.length} cells but the table's header has ${columns}, so learners do not see its cells after column ${columns}`);
    }
    return defaultHandlers.table(state, node);
  };
  const definedUrl = (state: State, label: string) => state.definitionById.get(normalise(label))?.url;
  const imageTyped: Handler<Link> = (state, node) => {
    reportImageAsLink(node, node.url, source, display, sink);
    return defaultHandlers.link(state, node);
  };
  const reference: Handler<LinkReference> = (state, node) => {
    reportImageAsLink(node, definedUrl(state, node.identifier), source, display, sink);
    reportSplitReference(node, source, display, sink);
    return defaultHandlers.linkReference(state, node);
  };
  return {
    html,
    image: described(defaultHandlers.image),
    imageReference: described(defaultHandlers.imageReference),
    link: labelled(imageTyped),
    linkReference: labelled(reference),
    table,
    paragraph: ((state, node) => {
      reportHeadingMarkers(node, source, display, sink, unreadHeadings);
      return paragraph(state, node);
    }) satisfies Handler<Paragraph>,
    text: ((state, node) => {
      reportLinkSyntax(node, source, display, sink, (label) => definedUrl(state, label) !== undefined);
      return defaultHandlers.text(state, node);
    }) satisfies Handler<Text>,
  };
}

/** An image written as HTML with no alt (one written in Markdown always has one, checked as it is converted). */
export function reportHtmlImageWithoutAlt(node: Element, display: string, sink: DiagnosticSink): void {
  if (node.tagName === 'img' && node.properties.alt === undefined) sink.report(display, placeOf(node), 'image-no-alt', 'this <img> has no alt attribute: a learner who uses a screen reader is told nothing of what it shows, or hears its file name');
}

/** Report the first line of an HTML block that is Markdown, which learners would see as written. */
function markdownInHtml(node: Html, display: string, sink: DiagnosticSink): void {
  if (node.value.startsWith('<!--') || VERBATIM.test(node.value)) return;
  const start = node.position?.start ?? { line: 1, column: 1 };
  const lines = node.value.split('\n');
  const index = lines.findIndex((line) => MARKDOWN_LINE.test(line.trim()));
  if (index < 0) return;
  const line = lines[index]!;
  const place = { line: start.line + index, column: start.column + line.length - line.trimStart().length };
  const opening = `the HTML block that starts at line ${start.line} (Markdown is read again only after a blank line)`;
  if (PRACTICE_HEADING.test(line.trim())) {
    sink.report(display, place, 'practice-hidden', `this practice question is inside ${opening}, so learners see its Markdown as written, the correct answer ticked`, 'Leave a blank line between the HTML and the question\'s heading.');
  } else {
    sink.report(display, place, 'markdown-in-html', `this line is inside ${opening}, so learners see "${line.trim().slice(0, 40)}" as written`);
  }
}
