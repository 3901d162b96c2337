/**
 * `skillpack import`: a spreadsheet question bank into a course's banks/ folder.
 * Prints every problem (sheet, row, column) and writes nothing when any row fails.
 */
import path from 'node:path';
import { loadProject } from '../course/config.js';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { formatReport } from '../diagnostics/reporter.js';
import { importBank } from '../import/index.js';

export interface ImportCommandOptions {
  root: string;
  file: string;
  course: string;
  bank?: string;
  force: boolean;
  dryRun: boolean;
  json: boolean;
  color: boolean;
}

/** Import one spreadsheet; returns the exit status. */
export async function importCommand(options: ImportCommandOptions): Promise<number> {
  const sink = new DiagnosticSink();
  const project = loadProject(options.root, sink);
  const result = await importBank({ project, file: path.resolve(options.file), course: options.course, bank: options.bank, force: options.force, dryRun: options.dryRun });
  const diagnostics = [...sink.items, ...result.diagnostics];
  const failed = diagnostics.some((d) => d.severity === 'error');
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ written: result.written && path.relative(project.root, result.written), questions: result.questions, diagnostics }, null, 2)}\n`);
    return failed ? 1 : 0;
  }
  if (diagnostics.length) process.stdout.write(`${formatReport(diagnostics, { color: options.color, root: project.root })}\n`);
  if (failed) process.stdout.write('nothing written\n');
  else if (result.written) process.stdout.write(`${result.questions} questions → ${path.relative(process.cwd(), result.written)}\n`);
  else process.stdout.write(`${result.questions} questions convert cleanly (--dry-run: nothing written)\n`);
  return failed ? 1 : 0;
}
