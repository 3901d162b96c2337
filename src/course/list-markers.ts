/**
 * Lines that start like an answer but with a marker Markdown does not read as one: a full-width
 * `－`, a bullet `•` or `·`, `-` with a full-width space after it, a number written the Chinese way
 * (`2、`, `（2）`, `②`), or a checkbox with no marker before it. Under an answer such a line runs into
 * it (`甲 － [ ] 乙`: an option, a step or an accepted answer lost, maybe the key with it); with no
 * list at all, the question has no answers. Each is reported at the line, with what to type.
 */
import type { RootContent } from 'mdast';
import type { Place } from '../diagnostics/diagnostic.js';
import { nameOf } from '../languages/full-width.js';
import { checkboxLike } from './checkbox-like.js';
import { paragraphLines } from './paragraph-lines.js';

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
// A checkbox here holds at most one character, one that marks an answer: `[abc]` at a line's start is text.
const LOOKALIKE = new RegExp(`^(?:[－—–•·・●○▪■◆◇](?=[\\s\\u3000]*\\S)|[-*+]\\u3000|\\d{1,2}[、．。]|[（(]\\d{1,2}[）)]|[${CIRCLED}]|[A-H][、．.]|[（(][A-H][）)]|${checkboxLike('[ xX\\u3000ｘＸ√×]?')})`);

/** A line that starts with a look-alike marker, where it is written, and what to type instead. */
export interface LookalikeLine {
  place: Place;
  marker: string;
  advice: string;
}

/** What to type instead of a look-alike marker. */
function adviceFor(marker: string): string {
  const number = /\d+/.exec(marker)?.[0] ?? (CIRCLED.includes(marker) ? String(CIRCLED.indexOf(marker) + 1) : undefined);
  if (/[A-H]/.test(marker)) return `\`${marker}\` is not a list marker: write each option as \`- [ ] \` (\`- [x] \` for a correct one) and its text`;
  if (number) return `\`${marker}\` is not a list number: write \`${number}. \``;
  if (/^[[［【]/.test(marker)) return `a checkbox needs a list marker before it: write \`- ${marker.replace(/^[［【]/, '[').replace(/[］】]$/, ']')}\``;
  if (marker.endsWith('\u3000')) return `\`${marker[0]}\` is followed by ${nameOf('\u3000')}, so it is not a list marker: type a plain space after it`;
  return `\`${marker}\` is not a list marker: start the line with \`- \` (a hyphen and a space)`;
}

/** The lines of a paragraph (from its `from`-th line on) that start with a look-alike marker. */
export function lookalikeLines(paragraph: RootContent | undefined, source: string, from = 0): LookalikeLine[] {
  const found: LookalikeLine[] = [];
  for (const { text, place } of paragraphLines(paragraph, source, from)) {
    const marker = LOOKALIKE.exec(text)?.[0];
    if (marker) found.push({ place, marker, advice: adviceFor(marker) });
  }
  return found;
}
