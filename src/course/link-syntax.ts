/**
 * Images and links that Markdown does not read as such, so learners see their syntax as text:
 * typed with a Chinese input method's punctuation (`![图1]（../assets/a.png）`, `［下一节］(02-x.md)`,
 * `【下一节】(02-x.md)`), or with a space in the address (`[下一节](02 练习.md)`), which CommonMark
 * does not allow there; a reference-style one (`![图]［ref］`) likewise, when the file defines its
 * label, or whose first brackets alone are full-width (`［图］[ref]`). An image typed with a full-width
 * `！` (`！[图](a.png)`, `！[图][ref]`) is read as a link to the image.
 */
import type { Link, LinkReference, Text } from 'mdast';
import { toString as plainTextOf } from 'mdast-util-to-string';
import { startOf, type DiagnosticSink } from '../diagnostics/diagnostic.js';
import { placeAt } from './source-places.js';
import { firstFullWidth, typeInsteadAll } from '../languages/full-width.js';

/**
 * `[text](address)` with brackets and parentheses of any width, and `!` or `！` before it. Neither
 * part holds an opening bracket or parenthesis, so each try stops at the next one: the search is
 * linear in the text's length (a line of 【 with a `](` at its end took time quadratic in it).
 */
const LINK_LIKE = /([!！]?)([[［【])([^[［【\]］】\n]*)([\]］】])([(（])([^(（)）\n]*)([)）])/g;
/** `[text][label]` with brackets of any width, and `!` or `！` before it (linear for the same reason). */
const REFERENCE_LIKE = /([!！]?)([[［【])([^[［【\]］】\n]*)([\]］】])([[［【])([^[［【\]］】\n]*)([\]］】])/g;
/** Brackets of any width, and the line's end: where the text in brackets before a reference (`［图］[ref]`) begins. */
const BRACKETS = new Set([...'[［【]］】\n']);
/** Longer than any address an author writes: not looked at (ADDRESS backtracks over an address's dots). */
const MAX_ADDRESS = 2_000;
/** A text (a text node's value) that may hold one: a closing bracket right before an opening parenthesis or bracket. */
const MAY_HOLD = /[\]］】][(（[［【]/;
/** An address: a web or mail address, a place (`#…`), or a file (a name with an extension). */
const ADDRESS = /^(?:(?:https?|mailto|ftp):\S.*|#\S+|.*\.[A-Za-z][A-Za-z0-9]{0,4}(?:#\S*)?)$/;
/** A file an image shows (a link to one, written with a full-width `！`, was meant as the image). */
const IMAGE_FILE = /\.(?:png|jpe?g|gif|svg|webp|bmp|avif)(?:[?#].*)?$/i;

/**
 * Report the images and links a text holds as written (the parser did not read them), in the author's source.
 * @param defined whether the file defines a link label (`[label]: address`): a reference-style
 *   link is one only then (`【注意】【重要】` is text)
 */
export function reportLinkSyntax(node: Text, source: string, display: string, sink: DiagnosticSink, defined: (label: string) => boolean = () => false): void {
  const start = node.position?.start;
  const end = node.position?.end.offset;
  if (!MAY_HOLD.test(node.value) || start?.offset === undefined || end === undefined) return;
  const written = source.slice(start.offset, end);
  for (const match of written.matchAll(REFERENCE_LIKE)) {
    const [whole, bang = '', open = '', , close = '', openLabel = '', label = '', closeLabel = ''] = match;
    const syntax = bang + open + close + openLabel + closeLabel;
    if (written[match.index - 1] === '\\' || firstFullWidth(syntax) === undefined || !defined(label)) continue;
    sink.report(display, placeAt(source, start.offset + match.index), 'link-syntax', typedFullWidth(bang ? 'image' : 'link', shown(whole), syntax));
  }
  for (const match of written.matchAll(LINK_LIKE)) {
    const [whole, bang = '', open = '', label = '', close = '', openParen = '', address = '', closeParen = ''] = match;
    if (written[match.index - 1] === '\\') continue; // escaped: text as meant
    const what = bang ? 'image' : 'link';
    const syntax = bang + open + close + openParen + closeParen;
    const fullWidth = firstFullWidth(syntax) !== undefined;
    const trimmed = address.trim();
    // Full-width punctuation around an address with no space, or a space in an address written in ASCII punctuation.
    if (trimmed.length > MAX_ADDRESS || !ADDRESS.test(trimmed) || fullWidth === /\s/.test(trimmed)) continue;
    const message = fullWidth
      ? typedFullWidth(what, shown(whole), syntax)
      : `this ${what}'s address "${trimmed}" has a space, which Markdown does not allow in an address, so ${shown(whole)}: write it in angle brackets, \`${bang}[${label}](<${trimmed}>)\`, or rename the file without the space`;
    sink.report(display, placeAt(source, start.offset + match.index), 'link-syntax', message);
  }
}

/**
 * Report a reference-style image or link whose first brackets are full-width (`［图］[ref]`, its label
 * defined): Markdown reads the text and then `[ref]` alone, a link that shows its label.
 */
export function reportSplitReference(node: LinkReference, source: string, display: string, sink: DiagnosticSink): void {
  const offset = node.position?.start.offset;
  if (node.referenceType !== 'shortcut' || offset === undefined || !/[\]］】]/.test(source[offset - 1] ?? '')) return;
  // Back to the opening bracket: what lies between holds no bracket, so no two references read the same text (linear in the line).
  let open = offset - 2;
  while (open >= 0 && !BRACKETS.has(source[open]!)) open--;
  if (open < 0 || !/[[［【]/.test(source[open]!)) return;
  const bang = /[!！]/.test(source[open - 1] ?? '') ? source[open - 1]! : '';
  const start = open - bang.length;
  const syntax = `${bang}${source[open]}${source[offset - 1]}[]`;
  if (source[start - 1] === '\\' || firstFullWidth(syntax) === undefined) return;
  const shows = `${shown(source.slice(start, offset))}, then a link that reads "${startOf(plainTextOf(node), 30)}"`;
  sink.report(display, placeAt(source, start), 'link-syntax', typedFullWidth(bang ? 'image' : 'link', shows, syntax));
}

const shown = (whole: string) => `learners see "${startOf(whole, 50)}" as text`;

/**
 * What a report of an image or link typed with full-width or Chinese-mode punctuation says.
 * @param shows what learners see instead, as the message says it (`learners see "…" as text`)
 */
const typedFullWidth = (what: string, shows: string, syntax: string) =>
  `this ${what} is typed with full-width or Chinese-mode punctuation, which Markdown does not read, so ${shows}: ${typeInsteadAll(syntax)}`;

/**
 * Report a link to an image written with a full-width `！` before it: it was meant to show the image.
 * @param url the link's address (a reference-style link's, from its definition)
 */
export function reportImageAsLink(node: Link | LinkReference, url: string | undefined, source: string, display: string, sink: DiagnosticSink): void {
  const start = node.position?.start;
  if (start?.offset === undefined || source[start.offset - 1] !== '！' || url === undefined || !IMAGE_FILE.test(url)) return;
  sink.report(display, { line: start.line, column: start.column - 1 }, 'link-syntax', `this image starts with the full-width \`！\`, so it is read as a link to the image: learners see the link "${startOf(plainTextOf(node), 30)}", not the image: type \`!\``);
}
