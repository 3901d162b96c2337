/**
 * Chinese in text: which characters are Chinese, and joining lines as Chinese does. A text written
 * over several lines joins them with a space, as English wants (a browser shows a line break in
 * HTML as one; a folded YAML block puts one in), but Chinese wants none between two Chinese
 * characters, nor next to Chinese punctuation (CSS Text 3's segment break rules, which Chromium
 * does not apply).
 */

/** Chinese and Japanese characters and punctuation, full-width forms included (not Hangul: Korean spaces its words). */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
/** A Chinese (Han) character. */
export const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
/** A run of Chinese text: Han characters and Chinese punctuation, full-width forms included. */
export const CHINESE_RUN = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+/g;
/** Chinese punctuation and symbols (、。，《》（）：), which take no space on either side (not “” or …: English uses them too). */
const CJK_PUNCTUATION = /[\u3000-\u303f\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/;

/** Whether a line ending in `last` and the next, starting with `first`, join with no space (one character each). */
export function joinsTight(last: string | undefined, first: string | undefined): boolean {
  if (!last || !first) return false;
  return (CJK.test(last) && CJK.test(first)) || CJK_PUNCTUATION.test(last) || CJK_PUNCTUATION.test(first);
}

const LINE_BREAK = /[ \t]*\n[ \t]*/g;

/**
 * Markdown text without its line breaks (soft breaks) where Chinese joins lines tight.
 * @param before the character just before the text (from a node before it), if any
 * @param after the character just after it, if any
 */
export function withoutChineseLineBreaks(text: string, before?: string, after?: string): string {
  if (!text.includes('\n')) return text;
  return text.replace(LINE_BREAK, (gap: string, at: number) => (joinsTight(text[at - 1] ?? before, text[at + gap.length] ?? after) ? '' : gap));
}
