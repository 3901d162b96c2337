/**
 * The feedback block quote of a question: paragraphs (or lines) that start
 * with a bold label, **Correct:**, **Incorrect:** or **Explanation:** (or
 * another label of the language table, such as **正确：**), each label's text
 * running to the next label. A label's text that is one paragraph is inline
 * HTML; more paragraphs, a list, a table or code stay the blocks they are, and
 * hard line breaks stay breaks, so nothing an author wrote is run together.
 */
import type { Blockquote, Paragraph, PhrasingContent, RootContent, Strong } from 'mdast';
import { placeOf, type Place } from '../diagnostics/diagnostic.js';
import { LANGUAGES, type FeedbackKey } from '../languages/index.js';
import type { Feedback } from './model.js';
import { plainText } from './markdown.js';
import { renderHtml, renderInline, type RenderContext } from './render-html.js';
import { feedbackLabelOf } from './question-syntax.js';

/** The feedback of a question, and where the first label of each kind is written. */
export interface ReadFeedback {
  feedback: Feedback;
  places: Partial<Record<FeedbackKey, Place>>;
}

/** A part of one label's text: a run of a paragraph (from its label, or the whole paragraph), or a block. */
type Piece = { run: PhrasingContent[]; afterLabel: boolean } | { block: RootContent };

interface Segment {
  key: FeedbackKey;
  label: Strong;
  pieces: Piece[];
}

/** Read the feedback of a question; reports unlabelled feedback, and bold labels that are not read as labels. */
export function readFeedback(quote: Blockquote | undefined, ctx: RenderContext): ReadFeedback {
  const read: ReadFeedback = { feedback: {}, places: {} };
  if (!quote) return read;
  const segments: Segment[] = [];
  for (const block of quote.children) {
    const current = segments.at(-1);
    if (block.type !== 'paragraph') {
      if (!current) return unlabelled(block, ctx, read);
      current.pieces.push({ block });
      continue;
    }
    let run: PhrasingContent[] | undefined;
    for (const [index, node] of block.children.entries()) {
      const startsLine = index === 0 || endsLine(block.children[index - 1]!);
      const label = startsLine && node.type === 'strong' ? feedbackLabelOf(plainText(node)) : undefined;
      if (label) {
        run = [];
        segments.push({ key: label, label: node as Strong, pieces: [{ run, afterLabel: true }] });
        continue;
      }
      const segment = segments.at(-1);
      if (!segment) return unlabelled(block, ctx, read);
      // Under an explanation a bold lead-in (`**评分要点：**`) is shown to everyone, as meant; under right or wrong, only to some.
      if (startsLine && segment.key !== 'explanation' && isBoldLabel(block, index)) reportUnknownLabel(node as Strong, segment, ctx);
      if (!run) segment.pieces.push({ run: (run = []), afterLabel: false });
      run.push(node);
    }
  }
  // A label written twice adds its text to the first's.
  const pieces = new Map<FeedbackKey, Piece[]>();
  for (const { key, label, pieces: own } of segments) {
    pieces.set(key, [...(pieces.get(key) ?? []), ...own]);
    read.places[key] ??= placeOf(label);
  }
  for (const [key, own] of pieces) {
    const html = renderPieces(own, ctx);
    if (html) read.feedback[key] = html;
  }
  return read;
}

function unlabelled(block: RootContent, ctx: RenderContext, read: ReadFeedback): ReadFeedback {
  ctx.sink.report(ctx.display, placeOf(block), 'feedback-label', 'feedback must start with **Correct:**, **Incorrect:** or **Explanation:** (or **正确：**, **错误：**, **解析：**)');
  return read;
}

/** Whether a line ends with this node (the next node starts a line, where a label may stand). */
const endsLine = (node: PhrasingContent): boolean => node.type === 'break' || (node.type === 'text' && /\n\s*$/.test(node.value));

/** A bold `**X：**` (or `**X**：`) at `index`: what an author means as a label, known or not. */
function isBoldLabel(paragraph: Paragraph, index: number): boolean {
  const node = paragraph.children[index]!;
  if (node.type !== 'strong') return false;
  const text = plainText(node).trim();
  const next = paragraph.children[index + 1];
  return text.length <= 20 && (/[:：]$/.test(text) || (next?.type === 'text' && /^[:：]/.test(next.value)));
}

/** Who sees the text under each kind of label. */
const READERS: Record<FeedbackKey, string> = { correct: 'learners who answer right', incorrect: 'learners who answer wrong', explanation: 'every learner, after answering' };

function reportUnknownLabel(node: Strong, previous: Segment, ctx: RenderContext): void {
  const { keywords, explanationLabel } = LANGUAGES[ctx.language];
  const labels = Object.entries(keywords.feedback);
  // The colon the language writes its labels with, as its own explanation label has it (`**解析：**`).
  const colon = /[:：]/.exec(explanationLabel)?.[0] ?? ':';
  const read = (Object.keys(READERS) as FeedbackKey[]).map((key) => `${labels.filter(([, k]) => k === key).map(([word]) => `**${word[0]!.toUpperCase()}${word.slice(1)}${colon}**`).join(', ')} (${READERS[key]})`);
  ctx.sink.report(
    ctx.display,
    placeOf(node),
    'feedback-unknown-label',
    `**${plainText(node).trim()}** is not a feedback label, so its text is shown as part of the **${plainText(previous.label).trim()}** feedback above it, to ${READERS[previous.key]}; the labels read are ${read.join('; ')}`,
  );
}

/** One label's text as HTML: inline for a single paragraph, as it always was; blocks otherwise. */
function renderPieces(pieces: Piece[], ctx: RenderContext): string {
  const kept = pieces.flatMap((piece): Array<PhrasingContent[] | RootContent> => {
    if ('block' in piece) return [piece.block];
    const run = trimRun(piece.run, piece.afterLabel);
    return run.length ? [run] : [];
  });
  if (kept.length === 0) return '';
  if (kept.length === 1 && Array.isArray(kept[0])) return renderInline(kept[0], ctx);
  return renderHtml(kept.map((part): RootContent => (Array.isArray(part) ? { type: 'paragraph', children: part } : part)), ctx);
}

/** Drop the colon and blanks after a label, and the blanks and line breaks before the next one; breaks inside the text stay. */
function trimRun(nodes: PhrasingContent[], afterLabel: boolean): PhrasingContent[] {
  const out = nodes.map((n) => ({ ...n })) as PhrasingContent[];
  const blank = (n: PhrasingContent | undefined) => n !== undefined && (n.type === 'break' || (n.type === 'text' && !n.value.replace(afterLabel ? /[:：]/g : '', '').trim()));
  // A label ended by a hard break (`**解析：**\` or two spaces) starts its text on the next line: no break before it.
  while (blank(out[0])) out.shift();
  const first = out[0];
  if (first?.type === 'text') first.value = first.value.replace(afterLabel ? /^[\s:：]+/ : /^\s+/, '');
  while (out.length && (out.at(-1)!.type === 'break' || (out.at(-1)!.type === 'text' && !(out.at(-1) as { value: string }).value.trim()))) out.pop();
  const last = out.at(-1);
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  return out.filter((n) => !(n.type === 'text' && n.value === ''));
}
