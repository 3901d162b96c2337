/**
 * Joining lines in Chinese: a line break (or the space YAML folds one into) between two Chinese
 * characters is no space in Chinese, but a browser shows one, and so does a folded YAML block.
 */

/** Chinese and Japanese characters and punctuation, full-width forms included (not Hangul: Korean spaces its words). */
const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef';
const between = (gap: string) => new RegExp(`(?<=[${CJK}])${gap}(?=[${CJK}])`, 'g');
const FOLDED_SPACE = between(' ');
const LINE_BREAK = between('[ \\t]*\\n[ \\t]*');

/** A folded YAML block's text without the spaces its folding put between Chinese characters. */
export const withoutFoldedSpaces = (text: string): string => text.replace(FOLDED_SPACE, '');

/** Markdown text without its line breaks between Chinese characters (a soft break there is no space). */
export const withoutChineseLineBreaks = (text: string): string => (text.includes('\n') ? text.replace(LINE_BREAK, '') : text);
