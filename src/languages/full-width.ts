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

/** Full-width digits `０`–`９`. */
const FULL_WIDTH_DIGIT = /[\uff10-\uff19]/u;

/**
 * What a message says of a number, version or date typed with full-width digits (`６０`, `１．５`,
 * `２０２６-１１-３０`), which YAML reads as text: "\"６０\" is typed with full-width digits, which are
 * not read: type `60`". Undefined when the text is not one (plain digits, or words).
 */
export function fullWidthNumber(text: string): string | undefined {
  const ascii = asAscii(text.trim());
  if (!FULL_WIDTH_DIGIT.test(text) || !/^[+-]?\d+(?:[.-]\d+)*$/.test(ascii)) return undefined;
  const digits = [...text].filter((c) => FULL_WIDTH_DIGIT.test(c)).length;
  const others = [...new Set([...text].filter((c) => asciiFor(c) !== undefined && !FULL_WIDTH_DIGIT.test(c)))].map(nameOf);
  const what = [digits === 1 ? 'a full-width digit' : 'full-width digits', ...others].join(' and ');
  return `${JSON.stringify(text)} is typed with ${what}, which ${digits + others.length === 1 ? 'is' : 'are'} not read: type \`${ascii}\``;
}
