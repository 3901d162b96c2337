/**
 * Run one file's processing so that a failure inside the Markdown libraries
 * (for example a stack overflow on absurdly deep nesting) becomes a diagnostic
 * for that file instead of a crash of the whole run.
 */
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';

export function guarded<T>(sink: DiagnosticSink, file: string, work: () => T): T | null {
  try {
    return work();
  } catch (error) {
    const reason = error instanceof RangeError ? 'the structure is nested too deeply' : error instanceof Error ? error.message : String(error);
    sink.report(file, { line: 1, column: 1 }, 'file-unprocessable', `this file could not be processed: ${reason}`);
    return null;
  }
}
