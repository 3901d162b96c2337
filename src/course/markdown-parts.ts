/**
 * Where a long Markdown text may be cut so that its parts parse to the same blocks as the whole.
 * micromark's document tokenizer copies all the events so far each time a container (a list, a
 * quote) ends, and mdast-util-from-markdown splices a list's events per item, so a text's parse
 * time grows with the square of its lists: a bank of 5,000 questions (1.8 MB) took 24 s, the same
 * questions in ten files 5 s. A line that starts with `#` to `######` and a blank is an ATX
 * heading, which ends every container and paragraph before it and holds nothing of the lines
 * after it, so the text cut before such lines parses to the same blocks. So does a line after a
 * blank line that starts at its first column and cannot start or continue a container (not a
 * list item, quote, table row or indented text): a paragraph, as `###小测验` (no blank after the
 * marks) is, whose lists between thousands of them took minutes. Not cut: inside
 * frontmatter; texts with a definition or footnote (`]:`: a reference in one part may use a
 * definition in another), with an HTML block (a heading line may belong to it) or with a fence
 * (a heading line may be code).
 */

/** A part of a text: its text, and where it starts in the whole (0-based offset, 1-based line). */
export interface TextPart {
  text: string;
  offset: number;
  line: number;
}

/** Something that makes a cut unsafe: a definition or footnote, an HTML block, a code fence. */
const UNCUTTABLE = /\]:|^[ \t>]*<|^[ \t>]*(?:[-*+]|\d{1,9}[.)])?[ \t]*(?:`{3}|~{3})/m;
/** An ATX heading at the start of a line. */
const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
const HEADING = new RegExp(ATX_HEADING.source, 'gm');
/** A blank line (the line after it starts at the match's end). */
const BLANK_LINE = /\n[ \t]*\n/g;
/**
 * The start of a line that may join a container above it (or start an HTML block or a definition),
 * read at a line's start; or `---`, which would open frontmatter at the start of a part.
 */
const MAY_JOIN = /[ \t\r\n>|<[]|[-*+](?:[ \t\r\n]|$)|\d{1,9}[.)](?:[ \t\r\n]|$)|---/y;
/** A frontmatter fence line. */
const FENCE = /^---[ \t]*$/gm;

/**
 * The parts of a text (without a byte order mark), each at least `minPart` characters but the
 * last, cut only before top-level ATX headings and paragraphs; null when the text cannot be cut safely or has no
 * place to cut.
 */
export function textParts(text: string, minPart: number): TextPart[] | null {
  // Lines end at \n and \r\n here; a lone \r ends a Markdown line too, and U+2028 a JavaScript one; a second byte order mark is text.
  if (UNCUTTABLE.test(text) || /\r(?!\n)|[\u2028\u2029\uFEFF]/.test(text)) return null;
  // Frontmatter opens a text and ends at its closing fence: no cut inside it.
  let after = 0;
  if (text.startsWith('---')) {
    FENCE.lastIndex = 3;
    const close = FENCE.exec(text);
    if (!close) return null;
    after = close.index + close[0].length;
  }
  const cuts: number[] = [];
  let last = 0;
  for (const start of blockStarts(text, after)) {
    if (start > 0 && start - last >= minPart) cuts.push((last = start));
  }
  if (cuts.length === 0) return null;
  const parts: TextPart[] = [];
  let start = 0;
  let line = 1;
  for (const end of [...cuts, text.length]) {
    const part = text.slice(start, end);
    parts.push({ text: part, offset: start, line });
    line += countLines(part);
    start = end;
  }
  return parts;
}

/** Whether a line ends every list and quote above it, as the lines a text is cut before do (the line before it blank or not). */
export function endsContainers(line: string, afterBlankLine: boolean): boolean {
  if (ATX_HEADING.test(line)) return true;
  MAY_JOIN.lastIndex = 0;
  return afterBlankLine && line.length > 0 && !MAY_JOIN.test(line);
}

/** Where the text may be cut, from `after` on, in order: before each top-level ATX heading and each paragraph after a blank line. */
function blockStarts(text: string, after: number): number[] {
  const starts: number[] = [];
  HEADING.lastIndex = after;
  for (let match = HEADING.exec(text); match; match = HEADING.exec(text)) {
    starts.push(match.index);
    if (match[0].length === 0) HEADING.lastIndex++;
  }
  BLANK_LINE.lastIndex = Math.max(0, after - 1);
  for (let match = BLANK_LINE.exec(text); match; match = BLANK_LINE.exec(text)) {
    const start = match.index + match[0].length;
    MAY_JOIN.lastIndex = start;
    if (start < text.length && !MAY_JOIN.test(text)) starts.push(start);
    // The blank line's own end may begin the next one.
    BLANK_LINE.lastIndex = start - 1;
  }
  return starts.sort((a, b) => a - b);
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
