/** Option ids, and options made from list items, as the question types read them. */
import type { ListItem, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { placeOf } from '../../diagnostics/diagnostic.js';
import type { Option } from '../model.js';
import { escapeHtml, plainText } from '../markdown.js';
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

/** Report the first image, link, formatting or code in each of these items, which are read as plain text. */
export function reportNonText(items: ListItem[], report: Report, what: string): void {
  for (const item of items) {
    let found: Nodes | null = null;
    visit(item, (node) => {
      if (found || node === item || node.type === 'paragraph' || node.type === 'text') return;
      found = node as Nodes;
    });
    const node = found as Nodes | null;
    if (node) {
      const kind = NOT_TEXT[node.type] ?? 'content';
      report('plain-text-option', `${what} are plain text: this ${kind} shows as "${plainText(node).trim()}"`, placeOf(node));
    }
  }
}
