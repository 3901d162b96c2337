/** Option ids, and options made from list items, as the question types read them. */
import type { ListItem } from 'mdast';
import type { Option } from '../model.js';
import { escapeHtml, plainText } from '../markdown.js';

/** Option ids are single characters, valid SCORM 1.2 responses on their own. */
export const CHOICE_IDS = 'abcdefghijklmnopqrstuvwxyz';
export const SOURCE_IDS = '123456789';

/** Options whose labels are plain text (sequencing, likert). */
export function textOptions(items: ListItem[], ids: string): Option[] {
  return items.map((item, i) => {
    const text = plainText(item).trim();
    return { id: ids[i] ?? '?', html: escapeHtml(text), text };
  });
}
