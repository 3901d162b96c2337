/**
 * Prints diagnostics like a compiler: `file:line:col  severity  message  rule`,
 * a code frame with a caret, the hint, then a summary such as
 * `2 errors, 3 warnings`.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { INVISIBLE } from '../file-names.js';

export interface ReportOptions {
  /** Colour output (ANSI); off for tests and pipes. */
  color: boolean;
  /** Root that file paths are relative to, for reading code frames. */
  root: string;
  /** Show code frames (default true). */
  frames?: boolean;
}

const paint = (on: boolean) => ({
  red: (s: string) => (on ? `\x1b[31m${s}\x1b[39m` : s),
  yellow: (s: string) => (on ? `\x1b[33m${s}\x1b[39m` : s),
  blue: (s: string) => (on ? `\x1b[34m${s}\x1b[39m` : s),
  dim: (s: string) => (on ? `\x1b[2m${s}\x1b[22m` : s),
  bold: (s: string) => (on ? `\x1b[1m${s}\x1b[22m` : s),
});

/** Most characters of a line a code frame shows: a longer line is cut around the column. */
const FRAME_WIDTH = 160;
/** Files larger than a source may be get no code frame (none is read either). */
const FRAME_SOURCE_BYTES = 2 * 1024 * 1024;

// The characters file names may not hold (file-names.ts), tab aside: controls, and the text-direction ones that reorder a printed line.
const CONTROL = new RegExp(INVISIBLE.source.replace('\\u0000-\\u001F', '\\u0000-\\u0008\\u000A-\\u001F'), 'g');

/**
 * Text with its control characters (C0, DEL and C1; tab aside) shown as symbols, one
 * character for one, so a caret stays under its column: a source line, a message or a
 * file name must not move the cursor, retitle the terminal or print a verdict of its own.
 * C0 and DEL become their Unicode control pictures (ESC is ␛), C1 and text-direction characters
 * (U+202E) the replacement character.
 */
function showControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\uFFFD';
  });
}

/** A file's lines, split once for all its diagnostics: a file with thousands of them is not split again for each. */
type SourceLines = readonly string[];

/**
 * A few lines of source around a place, with a caret under the column; long lines cut around it.
 * @param source the text, or its lines (frameSources) when it has several diagnostics
 */
export function codeFrame(source: string | SourceLines, line: number, column: number, context = 1): string {
  const lines = typeof source === 'string' ? source.split(/\r?\n/, line + context) : source;
  const from = Math.max(1, line - context);
  const to = Math.min(lines.length, line + context);
  const width = String(to).length;
  // The same window on every line, so the lines around stay aligned with the caret.
  const start = Math.max(0, Math.min(column - 1 - FRAME_WIDTH / 2, Math.max(...lines.slice(from - 1, to).map((l) => l.length)) - FRAME_WIDTH));
  const cut = (text: string) => (start > 0 ? '…' : '') + showControls(text.slice(start, start + FRAME_WIDTH)) + (text.length > start + FRAME_WIDTH ? '…' : '');
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const marker = n === line ? '>' : ' ';
    out.push(`${marker} ${String(n).padStart(width)} | ${cut(lines[n - 1] ?? '')}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1 - start) + (start > 0 ? 1 : 0))}^`);
  }
  return out.join('\n');
}

/**
 * The source a diagnostic's code frame is made from, each file read once: only a regular text
 * file no larger than a source may be, and never the file of a `path-escape`, which the loader
 * refused to read (a lesson that is a link to a `.env` or `/proc/self/environ` must not be
 * printed). A binary file, such as the zip a package-level diagnostic of `validate` names, gets
 * no frame: its bytes are not lines.
 * @param root the folder diagnostics' file paths are relative to
 */
export function frameSources(root: string): (d: Diagnostic) => SourceLines | null {
  const sources = new Map<string, SourceLines | null>();
  const read = (file: string): SourceLines | null => {
    try {
      const absolute = path.resolve(root, file);
      const stat = statSync(absolute);
      if (!stat.isFile() || stat.size > FRAME_SOURCE_BYTES) return null;
      const bytes = readFileSync(absolute);
      return isBinary(bytes) ? null : bytes.toString('utf8').split(/\r?\n/);
    } catch {
      return null;
    }
  };
  return (d) => {
    if (d.rule === 'path-escape') return null;
    if (!sources.has(d.file)) sources.set(d.file, read(d.file));
    return sources.get(d.file)!;
  };
}

/** A zip (it starts with a `PK` record signature), or any file with a NUL byte, which no text source holds. */
function isBinary(bytes: Buffer): boolean {
  const zipRecord = bytes[0] === 0x50 && bytes[1] === 0x4b && [1, 3, 5, 7].includes(bytes[2]!) && bytes[3] === bytes[2]! + 1;
  return zipRecord || bytes.includes(0);
}

/** Render every diagnostic and a summary line. */
export function formatReport(diagnostics: Diagnostic[], options: ReportOptions): string {
  const c = paint(options.color);
  const frameSource = frameSources(options.root);

  const out: string[] = [];
  for (const d of sortDiagnostics(diagnostics)) {
    const level = d.severity === 'error' ? c.red('error') : d.severity === 'warning' ? c.yellow('warning') : c.blue('info');
    out.push(`${c.bold(showControls(`${d.file}:${d.line}:${d.column}`))}  ${level}  ${showControls(d.message)}  ${c.dim(d.rule)}`);
    const source = options.frames === false ? null : frameSource(d);
    if (source !== null) out.push(c.dim(codeFrame(source, d.line, d.column)));
    out.push(`  ${c.dim('hint:')} ${showControls(d.hint)}`);
  }
  out.push(summaryLine(diagnostics, options.color));
  return out.join('\n');
}

/** `2 errors, 1 warning` or `no problems`. */
export function summaryLine(diagnostics: Diagnostic[], color = false): string {
  const c = paint(color);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (errors === 0 && warnings === 0) return c.bold('no problems');
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const text = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return errors > 0 ? c.red(c.bold(text)) : c.yellow(c.bold(text));
}
