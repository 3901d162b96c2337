/**
 * The feedback block quote of a question: paragraphs (or lines) that start
 * with a bold label, **Correct:**, **Incorrect:** or **Explanation:** (or
 * their Chinese forms), each rendered to inline HTML.
 */
import type { Blockquote, Paragraph, PhrasingContent } from 'mdast';
import { placeOf } from '../diagnostics/diagnostic.js';
import type { Feedback } from './model.js';
import { plainText, renderInline, type RenderContext } from './markdown.js';
import { FEEDBACK_LABELS } from './question-syntax.js';

/** Read the feedback of a question; reports unlabelled feedback. */
export function readFeedback(quote: Blockquote | undefined, ctx: RenderContext): Feedback {
  const feedback: Feedback = {};
  if (!quote) return feedback;
  const segments: Array<{ key: keyof Feedback; nodes: PhrasingContent[] }> = [];
  for (const block of quote.children) {
    if (block.type !== 'paragraph') {
      const current = segments.at(-1);
      if (current) current.nodes.push({ type: 'text', value: ' ' + plainText(block) });
      continue;
    }
    for (const [index, node] of (block as Paragraph).children.entries()) {
      const label = node.type === 'strong' ? labelOf(plainText(node)) : undefined;
      const startsLine = index === 0 || (block.children[index - 1]?.type === 'text' && /\n\s*$/.test((block.children[index - 1] as { value: string }).value)) || block.children[index - 1]?.type === 'break';
      if (label && startsLine) {
        segments.push({ key: label, nodes: [] });
        continue;
      }
      const current = segments.at(-1);
      if (current) current.nodes.push(node);
      else {
        ctx.sink.report(ctx.display, placeOf(block), 'feedback-label', 'feedback must start with **Correct:**, **Incorrect:** or **Explanation:** (or **正确：**, **错误：**, **解析：**)');
        return feedback;
      }
    }
  }
  for (const { key, nodes } of segments) {
    const trimmed = trimPhrasing(nodes);
    const html = renderInline(trimmed, ctx);
    feedback[key] = feedback[key] ? `${feedback[key]} ${html}` : html;
  }
  return feedback;
}

function labelOf(text: string): keyof Feedback | undefined {
  const word = text.trim().replace(/[:：]$/, '').trim().toLowerCase();
  return Object.hasOwn(FEEDBACK_LABELS, word) ? FEEDBACK_LABELS[word] : undefined;
}

/** Drop leading colons/blanks and trailing line breaks left after a label. */
function trimPhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  const out = nodes.map((n) => ({ ...n })) as PhrasingContent[];
  const first = out[0];
  if (first?.type === 'text') first.value = first.value.replace(/^[\s:：]+/, '');
  const last = out.at(-1);
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  return out.filter((n) => !(n.type === 'text' && n.value === '') && n.type !== 'break');
}
