/**
 * Frontmatter typed with a Chinese input method's dashes: `－－－` (full-width) or `———` (what
 * Shift and `-` type in Chinese mode). Markdown reads frontmatter only between lines of three
 * hyphens `---`, so what it sets is not read, and its lines are text: a lesson's, or in a bank
 * text before the first question.
 */
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { nameOf } from '../languages/full-width.js';

/** A line of dashes, one at least not a hyphen. */
const DASHES = /^(?=[-－—–―]*[－—–―])[-－—–―]{2,}[ \t]*$/;
/** A line of YAML: a key and a colon (or the full-width colon the same input method types). */
const KEY = /^[A-Za-z_][\w-]*[ \t]*[:：]/;

/**
 * Report a text that starts with frontmatter fenced by dashes Markdown does not read.
 * @param fate what becomes of it, e.g. "its title and id are not read"
 * @returns the line its closing fence is on when it was reported, else 0
 */
export function reportFrontmatterFence(text: string, display: string, sink: DiagnosticSink, fate: string): number {
  // A byte order mark is not part of the text (the parser skips it).
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const first = text.charCodeAt(from);
  if (first !== 0xff0d && (first < 0x2013 || first > 0x2015) && first !== 0x2d) return 0;
  const lines = text.slice(from, from + 4000).split(/\r?\n/);
  if (!DASHES.test(lines[0]!) || !KEY.test(lines[1] ?? '')) return 0;
  const close = lines.findIndex((line, i) => i > 0 && (DASHES.test(line) || /^---[ \t]*$/.test(line)));
  if (close < 0) return 0;
  const dash = [...lines[0]!].find((c) => c !== '-')!;
  const named = dash === '－' ? nameOf(dash) : `the dash \`${dash}\``;
  sink.report(display, { line: 1, column: 1 }, 'frontmatter-fence', `this frontmatter (lines 1 to ${close + 1}) is fenced with ${named}, not with the hyphens \`---\` Markdown reads, so ${fate}: type \`---\` (three hyphens) on its first and last lines`);
  return close + 1;
}
