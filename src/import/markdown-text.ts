/** Spreadsheet text made safe as Markdown (imported banks). */

/** Text safe as Markdown inline content: punctuation Markdown reads is escaped. */
export function inline(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~!]/g, '\\$&').replace(/^([+-]|\d+[.)])(\s)/, '\\$1$2');
}
