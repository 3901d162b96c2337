/**
 * Lines that start like a heading but are not read as one, as a Chinese input method types them:
 * `##第二节` (no space after the `#`), `##　第二节` (the full-width space U+3000) and `＃＃ 第二节`
 * (full-width). Such a line is a paragraph: in a lesson, learners see "##第二节"; in a bank, no
 * question starts there, and it and its answers run into the question above. A `#` before a
 * number (`#1 号机组`, `＃1机组`), a hashtag (`#话题#`) and a `#` alone are text as meant.
 */
import type { Paragraph, RootContent } from 'mdast';
import { startOf, type DiagnosticSink, type Place } from '../diagnostics/diagnostic.js';
import { nameOf } from '../languages/full-width.js';
import { paragraphLines } from './paragraph-lines.js';

/** A line that starts like a heading, where it is written, its level, and why it is not one. */
interface HeadingMarkerLine {
  place: Place;
  /** The line, as the message quotes it. */
  text: string;
  depth: number;
  /** Why the parser does not read it: "`##` needs a space after it". */
  reason: string;
  /** What to type instead. */
  advice: string;
}

/** One to six `#` (full-width or not), and the character after them. */
const MARKER = /^([#＃]{1,6})([^#＃]?)/u;
/** What follows a lone `#` meant as a heading (a Chinese character or a space), unlike `#1` or `#include`. */
const HEADING_START = /[\p{Script=Han}\u3000 \t]/u;
/** A Weibo hashtag, closed by a second `#`: `#话题#`. */
const HASHTAG = /^[#＃][^#＃\s]+[#＃]/;

/** The heading a line would be, if it starts like one that the parser does not read. */
function markerOf(text: string, place: Place): HeadingMarkerLine | undefined {
  const [, marker = '', next = ''] = MARKER.exec(text) ?? [];
  if (!marker || !next || HASHTAG.test(text)) return undefined;
  const depth = marker.length;
  const hashes = '#'.repeat(depth);
  const fullWidth = marker.includes('＃');
  // One `#` is a heading only before a Chinese character or a space: `#1`, `#include` are text.
  if (depth === 1 && !HEADING_START.test(next)) return undefined;
  const line = { place, text, depth };
  if (fullWidth) return { ...line, reason: `it starts with ${nameOf('＃')}, which is not read as a heading's \`#\``, advice: next === ' ' ? `type \`${hashes}\` (half-width)` : `type \`${hashes} \` (half-width, then a space)` };
  if (next === '\u3000') return { ...line, reason: `\`${hashes}\` is followed by ${nameOf('\u3000')}, not a plain space`, advice: `type a plain space after \`${hashes}\`` };
  if (next === ' ' || next === '\t') return undefined; // a heading the parser reads (not in a paragraph)
  return { ...line, reason: `\`${hashes}\` needs a space after it`, advice: `type a space after \`${hashes}\`` };
}

/** A line of a paragraph that starts with a `#` (after its indentation, or a quote's `>`). */
const HASH_LINE = /(?:^|\n)[ \t>]*[#＃]/;

/** The lines of a block (a paragraph) that start like a heading the parser does not read. */
function headingMarkerLines(block: RootContent | undefined, source: string): HeadingMarkerLine[] {
  const found: HeadingMarkerLine[] = [];
  for (const { text, place } of paragraphLines(block, source, 0, HASH_LINE)) {
    const marker = text.startsWith('#') || text.startsWith('＃') ? markerOf(text, place) : undefined;
    if (marker) found.push(marker);
  }
  return found;
}

/**
 * Paragraphs of a file whose heading lines were reported where they stand (reportUnreadHeadings):
 * carried to what reads the file after (the file's RenderContext), so that converting them does not
 * report them again, nor does the check of text after a question's answers, which they start.
 */
export type UnreadHeadings = ReadonlySet<RootContent>;

/** What a file's reading carries when none were reported (a draft, a single text). */
export const NO_UNREAD_HEADINGS: UnreadHeadings = new Set();

/** An attribute block at the end of a line: `{#id type=multiple}`, `{.practice}`. */
const ENDS_WITH_BLOCK = /\{\s*[#.][^{}]*\}\s*$/;

/** What a report of a heading line says: what it is not read as, why, what follows, and what to type. */
const message = (line: HeadingMarkerLine, fate: string) => `"${startOf(line.text, 40)}" is not a heading: ${line.reason}, ${fate}: ${line.advice}`;

/**
 * Report the top-level paragraphs of a lesson or bank that were meant as a question's heading (or
 * a bank's title): in a bank every one (a `##` line starts no question, and it and its answers run
 * into the question above), in a lesson one with an attribute block (`###小测验 {.practice}`),
 * whose answers would show as lesson text with the key ticked. Other lines of a lesson are
 * reported as they are converted.
 * @returns the paragraphs reported
 */
export function reportUnreadHeadings(blocks: readonly RootContent[], source: string, display: string, sink: DiagnosticSink, inBank: boolean): UnreadHeadings {
  const reported = new Set<RootContent>();
  for (const block of blocks) {
    if (block.type !== 'paragraph') continue;
    const lines = headingMarkerLines(block, source);
    if (!lines.length || (!inBank && !lines.some((l) => ENDS_WITH_BLOCK.test(l.text)))) continue;
    reported.add(block);
    for (const line of lines) {
      if (inBank && line.depth === 1) sink.report(display, line.place, 'heading-marker', message(line, 'so it is not read as the bank\'s title, and no learner sees it'));
      else if (inBank) sink.report(display, line.place, 'question-heading-marker', message(line, 'so no question starts here: this question and its answers are not in the bank, and no learner sees them'));
      else if (ENDS_WITH_BLOCK.test(line.text)) sink.report(display, line.place, 'question-heading-marker', message(line, 'so no question starts here: its attribute block shows as text, and so do its answers (the correct one ticked) and its feedback, as lesson text'));
      else sink.report(display, line.place, 'heading-marker', shownAsText(line));
    }
  }
  return reported;
}

/** What a report of a heading line learners see as text says. */
const shownAsText = (line: HeadingMarkerLine) => message(line, `so learners see this line as text, \`${line.text.slice(0, line.depth)}\` and all`);

/**
 * Report the lines of a paragraph being converted that start like a heading: learners see them as text.
 * @param reported paragraphs already reported (reportUnreadHeadings)
 */
export function reportHeadingMarkers(paragraph: Paragraph, source: string, display: string, sink: DiagnosticSink, reported: UnreadHeadings): void {
  if (reported.has(paragraph)) return;
  for (const line of headingMarkerLines(paragraph, source)) sink.report(display, line.place, 'heading-marker', shownAsText(line));
}
