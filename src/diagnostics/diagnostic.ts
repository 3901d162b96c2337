/**
 * Diagnostics are data: loading and validating produce a list of them, and
 * nothing stops at the first problem. The CLI prints them, the preview shows
 * them in an overlay, tests compare them.
 */
import { RULES, type RuleId, type Severity } from './catalogue.js';

export interface Place {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface Diagnostic extends Place {
  /** File path, relative to the project root when possible. */
  file: string;
  severity: Severity;
  rule: RuleId;
  message: string;
  /** How to fix it: the rule's hint unless a more specific one is given. */
  hint: string;
}

/** A list of diagnostics being collected for one file. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  /** Record a problem at a place (line and column are 1-based). */
  report(file: string, place: Place | undefined, rule: RuleId, message: string, hint?: string): void {
    const { severity, hint: ruleHint } = RULES[rule];
    this.items.push({
      file,
      line: place?.line ?? 1,
      column: place?.column ?? 1,
      ...(place?.endLine !== undefined ? { endLine: place.endLine, endColumn: place.endColumn } : {}),
      severity,
      rule,
      message,
      hint: hint ?? ruleHint,
    });
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length;
  }
}

/** Sort by file, then place, so reports read top to bottom. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
}

/** Convert a unist position start (or similar) into a Place. */
export function placeOf(node: { position?: { start: { line: number; column: number }; end?: { line: number; column: number } } } | undefined): Place | undefined {
  const p = node?.position;
  if (!p) return undefined;
  return { line: p.start.line, column: p.start.column, endLine: p.end?.line, endColumn: p.end?.column };
}

/** The start of an author's text, as a message quotes it: cut with … past `max` characters. */
export function startOf(text: string, max: number): string {
  const chars = [...text]; // by code point: a character outside the BMP is never cut in two
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
