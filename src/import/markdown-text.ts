/** Spreadsheet text made safe as Markdown (imported banks). */

/**
 * Text safe as Markdown inline content: punctuation Markdown reads is escaped (`&` too: `&lt;` is a
 * character reference), and so is what would start a list, a rule or a heading underline at the
 * start of a line. A list number keeps its digits: only ASCII punctuation can be escaped, so `\1.`
 * would show its backslash, and `1\.` shows `1.`.
 */
export function inline(text: string): string {
  return text
    .replace(/[\\`*_{}[\]<>#|~!&]/g, '\\$&')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^(?:[+-](?=\s|$)|=+$|-+$)/, '\\$&');
}
