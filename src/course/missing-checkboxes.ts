/**
 * Items of a task list that have no checkbox. The parser reads one only as `[ ]`, `[x]` or `[X]`
 * followed by a space: any other item of the list would be a wrong option showing its text,
 * brackets and all, and the key would change without a word. Each is reported at the item,
 * with what it starts with when that looks like a checkbox.
 */
import type { ListItem } from 'mdast';
import { placeOf, startOf } from '../diagnostics/diagnostic.js';
import type { Report } from './question-types/index.js';
import { plainText } from './markdown.js';
import { type RenderContext } from './render-html.js';
import { firstFullWidth, nameOf } from '../languages/full-width.js';
import { checkboxLike, NOT_CLOSING } from './checkbox-like.js';

/** Brackets opening an item, ASCII or full-width, with up to three characters between them (`[√]`, `【ｘ】`, `[ok]`). */
const BRACKETS = new RegExp(`^${checkboxLike(`(${NOT_CLOSING}{0,3})`)}`);

/** Whether an item's text starts with brackets that look like a checkbox (`【x】`, `[√]`): an option meant, whether or not the parser read a checkbox. */
export const startsLikeCheckbox = (item: ListItem): boolean => BRACKETS.test(plainText(item).trim());

/** The first line of an item as written (its text, where the tree has no positions). */
function firstLine(item: ListItem, ctx: RenderContext): string {
  const start = item.children[0]?.position?.start.offset;
  if (start === undefined) return plainText(item).split('\n', 1)[0]!.trim();
  const source = String(ctx.source.value);
  const end = source.indexOf('\n', start);
  return source.slice(start, end < 0 ? undefined : end).trim();
}

/** What is wrong with an item that has no checkbox, whose first line is `line`. */
function problemOf(item: ListItem, line: string): string {
  const shows = `so it is read as a wrong option that shows "${startOf(plainText(item).replace(/\s+/g, ' ').trim(), 24)}"`;
  const brackets = BRACKETS.exec(line);
  if (!brackets) return 'this answer has no checkbox (`- [ ] ` or `- [x] `), so it is read as a wrong option';
  if (/^\[[ xX]\]$/.test(brackets[0])) {
    if (line.length === brackets[0].length) return `\`${line}\` has no answer after it, ${shows}`;
    // A full-width space looks like the space the checkbox needs.
    const after = line[brackets[0].length] === '\u3000' ? `, not ${nameOf('\u3000')}` : '';
    return `\`${startOf(line, 24)}\`: a checkbox needs a space after \`]\`${after}, ${shows}`;
  }
  const fullWidth = firstFullWidth(brackets[1]!);
  return `\`${brackets[0]}\` is not a checkbox (write \`[x]\` for a correct answer, \`[ ]\` for a wrong one${fullWidth === '\u3000' ? `: ${nameOf(fullWidth)} is not a plain space` : ''}), ${shows}`;
}

/**
 * Report the items of a task list that have no checkbox; true if there were any.
 * Items without one above a blank line and the options are taken for statements written
 * as a list right above the options, which runs into them: the report says how to part them.
 */
export function reportMissingCheckboxes(items: ListItem[], ctx: RenderContext, report: Report): boolean {
  const missing = items.filter((i) => typeof i.checked !== 'boolean');
  if (!missing.length) return false;
  const lines = new Map(missing.map((item) => [item, firstLine(item, ctx)]));
  const lead = items.findIndex((i) => typeof i.checked === 'boolean');
  const parted = (placeOf(items[lead])?.line ?? 0) > (items[lead - 1]?.position?.end.line ?? Infinity) + 1;
  if (lead > 0 && lead === missing.length && parted && missing.every((item) => !BRACKETS.test(lines.get(item)!))) {
    const [these, are] = lead === 1 ? ['this item has', 'it is'] : [`these ${lead} items have`, 'they are'];
    report('option-no-checkbox', `${these} no checkbox, so ${are} read as options: a list of statements directly above the options joins them when both use the same marker (\`-\`); number the statements (\`1.\`) or mark them with \`*\`, so that they make a list of their own, shown as part of the question`, placeOf(items[0]));
    return true;
  }
  for (const item of missing) report('option-no-checkbox', problemOf(item, lines.get(item)!), placeOf(item));
  return true;
}
