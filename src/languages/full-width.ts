/**
 * Characters a Chinese input method types where Markdown, YAML and the question syntax want an
 * ASCII one: full-width forms (`＃`, `＝`, `｛`, `１`), the ideographic space, and the punctuation
 * the same keys give in Chinese mode (`。` for `.`, `》` for `>`). Messages name them and say
 * what to type, since they look alike.
 */

/** Chinese-mode punctuation and the ASCII character its key types in English mode. */
const CHINESE_MODE: Readonly<Record<string, string>> = { '\u3000': ' ', '。': '.', '》': '>', '〉': '>', '【': '[', '】': ']' };

/** The ASCII character a full-width or Chinese-mode character stands for, if it is one. */
export function asciiFor(char: string): string | undefined {
  const code = char.codePointAt(0)!;
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCodePoint(code - 0xfee0);
  return CHINESE_MODE[char];
}

/** How a message names such a character: "the full-width `＝`", "the Chinese `。`". */
export function nameOf(char: string): string {
  if (char === '\u3000') return 'the full-width space U+3000';
  return `the ${char.codePointAt(0)! >= 0xff01 ? 'full-width' : 'Chinese'} \`${char}\``;
}

/** What to type instead of a character, as a message says it: "the full-width `＝` is not read: type `=`". */
export function typeInstead(char: string): string {
  const ascii = asciiFor(char);
  return `${nameOf(char)} is not read: type ${ascii === ' ' ? 'a plain space' : `\`${ascii}\``}`;
}

/** What to type instead of each full-width or Chinese-mode character of a text: "type `{` for `｛`, `}` for `｝`". */
export function typeInsteadAll(text: string): string {
  const chars = [...new Set([...text].filter((c) => asciiFor(c) !== undefined))];
  return `type ${chars.map((c) => (c === '\u3000' ? 'a plain space for the full-width space U+3000' : `\`${asciiFor(c)}\` for \`${c}\``)).join(', ')}`;
}

/** The first full-width or Chinese-mode character in a text, if any. */
export function firstFullWidth(text: string): string | undefined {
  for (const char of text) if (asciiFor(char) !== undefined) return char;
  return undefined;
}

/** A text with its full-width and Chinese-mode characters as the ASCII ones they stand for. */
export const asAscii = (text: string): string => [...text].map((c) => asciiFor(c) ?? c).join('');
