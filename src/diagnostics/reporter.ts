/**
 * Prints diagnostics like a compiler: `file:line:col  severity  message  rule`,
 * a code frame with a caret, the hint, then a summary such as
 * `2 errors, 3 warnings`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sortDiagnostics, type Diagnostic } from './diagnostic.js';

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

/** A few lines of source around a place, with a caret under the column. */
export function codeFrame(source: string, line: number, column: number, context = 1): string {
  const lines = source.split(/\r?\n/);
  const from = Math.max(1, line - context);
  const to = Math.min(lines.length, line + context);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const marker = n === line ? '>' : ' ';
    out.push(`${marker} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
}

/** Render every diagnostic and a summary line. */
export function formatReport(diagnostics: Diagnostic[], options: ReportOptions): string {
  const c = paint(options.color);
  const sources = new Map<string, string | null>();
  const read = (file: string): string | null => {
    if (!sources.has(file)) {
      try {
        sources.set(file, readFileSync(path.resolve(options.root, file), 'utf8'));
      } catch {
        sources.set(file, null);
      }
    }
    return sources.get(file) ?? null;
  };

  const out: string[] = [];
  for (const d of sortDiagnostics(diagnostics)) {
    const level = d.severity === 'error' ? c.red('error') : d.severity === 'warning' ? c.yellow('warning') : c.blue('info');
    out.push(`${c.bold(`${d.file}:${d.line}:${d.column}`)}  ${level}  ${d.message}  ${c.dim(d.rule)}`);
    const source = options.frames === false ? null : read(d.file);
    if (source !== null) out.push(c.dim(codeFrame(source, d.line, d.column)));
    out.push(`  ${c.dim('hint:')} ${d.hint}`);
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
