/** Spreadsheet text made safe as Markdown (imported banks). */

/** Text safe as Markdown inline content: punctuation Markdown reads is escaped (`&` too: `&lt;` is a character reference). */
export function inline(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~!&]/g, '\\$&').replace(/^([+-]|\d+[.)])(\s)/, '\\$1$2');
}
