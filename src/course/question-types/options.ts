/** Option ids, and options made from list items, as the question types read them. */
import type { Image, ListItem, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { placeOf } from '../../diagnostics/diagnostic.js';
import type { Option } from '../model.js';
import { plainText } from '../markdown.js';
import { escapeHtml } from '../render-html.js';
import type { Report } from './kind.js';

/** Option ids are single characters, valid SCORM 1.2 responses on their own. */
export const CHOICE_IDS = 'abcdefghijklmnopqrstuvwxyz';
export const SOURCE_IDS = '123456789';

/** What an option made of plain text shows of a node that is not text. */
const NOT_TEXT: Record<string, string> = { image: 'image', link: 'link', emphasis: 'emphasis', strong: 'bold text', delete: 'struck-out text', inlineCode: 'code', html: 'HTML' };

/**
 * Options whose labels are plain text (sequencing, likert). An image, link or formatting in one
 * shows as its text only: reported, so nothing the author wrote goes silently.
 * @param what the options' name in messages ("sequencing steps")
 */
export function textOptions(items: ListItem[], ids: string, report: Report, what: string): Option[] {
  reportNonText(items, report, what);
  return items.map((item, i) => {
    const text = plainText(item).trim();
    return { id: ids[i] ?? '?', html: escapeHtml(text), text };
  });
}

/** Report the first image, link, formatting or code in each of these items' first block, which are read as plain text. */
export function reportNonText(items: ListItem[], report: Report, what: string): void {
  reportExtraBlocks(items, report, what, 'joined');
  for (const item of items) {
    let found: Nodes | null = null;
    const first = item.children[0];
    if (!first) continue;
    // What follows the first block is reported by reportExtraBlocks.
    visit(first, (node) => {
      if (found || node.type === 'paragraph' || node.type === 'text') return;
      found = node as Nodes;
    });
    const node = found as Nodes | null;
    if (node) {
      const kind = NOT_TEXT[node.type] ?? 'content';
      report('plain-text-option', `${what} are plain text: this ${kind} shows as "${plainText(node).trim()}"`, placeOf(node));
    }
  }
}

/** What a block after an item's first paragraph is, in messages. */
const BLOCK_NAMES: Record<string, string> = { paragraph: 'paragraph', list: 'list', code: 'code block', table: 'table', blockquote: 'quote', heading: 'heading', html: 'HTML', thematicBreak: 'rule', math: 'formula' };

/** An image alone in its paragraph (blanks aside), the way a picture is put under an option. */
function imageOnly(node: Nodes): Image | undefined {
  if (node.type !== 'paragraph') return undefined;
  const shown = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return shown.length === 1 && shown[0]!.type === 'image' ? shown[0] : undefined;
}

/**
 * Report what follows the first paragraph of each item (a picture, a nested list, a second
 * paragraph): an answer is one paragraph, and the rest would be lost or run into it.
 * @param what the items' name in messages ("sequencing steps"), where their text is joined
 * @param shown `first` where learners see only the first paragraph (options), `joined` where the
 *   item's whole text is read, run together (plain-text options, accepted answers)
 */
export function reportExtraBlocks(items: ListItem[], report: Report, what: string, shown: 'first' | 'joined'): void {
  for (const item of items) {
    const extra = item.children[1];
    if (!extra) continue;
    const image = imageOnly(extra);
    const name = image ? 'image' : BLOCK_NAMES[extra.type] ?? 'content';
    const message = shown === 'joined'
      ? `${what} are one paragraph each: this ${name} is run into the text before it, making "${plainText(item).replace(/\s+/g, ' ').trim()}"`
      : `an option shows only its first paragraph, so learners would not see this ${name}: ${image ? `write the image on the line of the checkbox (\`- [${item.checked ? 'x' : ' '}] ![${image.alt ?? ''}](${image.url})\`)` : 'put it in the question above the options, or in the feedback'}`;
    report('option-extra-content', message, placeOf(extra));
  }
}
