/**
 * Diagnostics as the workspace overlay shows them: the place, rule and
 * message as data, plus the code frame the terminal report would print, so
 * the page renders the same thing a compiler would without reading files.
 */
import { RULES } from '../diagnostics/catalogue.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { codeFrame, frameSources } from '../diagnostics/reporter.js';

export interface DiagnosticView {
  /** Relative to the project root, posix separators. */
  file: string;
  line: number;
  column: number;
  severity: Diagnostic['severity'];
  rule: string;
  /** The rule's title from the catalogue (e.g. "Unknown key"). */
  title: string;
  message: string;
  hint: string;
  /** A few source lines with a caret under the column; empty when the file cannot be read. */
  frame: string;
}

/**
 * Diagnostics sorted by place, each with its code frame.
 * @param diagnostics as loading produced them
 * @param root the project root their file paths are relative to
 */
export function diagnosticViews(diagnostics: Diagnostic[], root: string): DiagnosticView[] {
  const source = frameSources(root);
  // Errors first: they are why the build was refused; warnings follow.
  const ordered = sortDiagnostics(diagnostics).sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'));
  return ordered.map((d) => {
    const lines = source(d);
    return {
      file: d.file,
      line: d.line,
      column: d.column,
      severity: d.severity,
      rule: d.rule,
      title: RULES[d.rule].title,
      message: d.message,
      hint: d.hint,
      frame: lines === null ? '' : codeFrame(lines, d.line, d.column, 2),
    };
  });
}
