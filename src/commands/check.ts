/**
 * `skillpack check`: load courses, print every diagnostic, exit 1 on any error.
 */
import path from 'node:path';
import { courseFolders, loadCatalogue } from '../catalogue.js';
import { readProject } from '../course/project-cache.js';
import { DiagnosticSink, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatReport } from '../diagnostics/reporter.js';

export interface CheckOptions {
  root: string;
  courses: string[];
  json: boolean;
  color: boolean;
}

/** Check the given courses (or the whole catalogue); returns the exit status. */
export async function check(options: CheckOptions): Promise<number> {
  const { diagnostics, checked } = await checkCourses(options.root, options.courses);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ checked, diagnostics }, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatReport(diagnostics, { color: options.color, root: path.resolve(options.root) })}\n`);
    process.stdout.write(`checked ${checked} course${checked === 1 ? '' : 's'}\n`);
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** Every diagnostic for the courses at `root` (project configuration included). */
export async function checkCourses(root: string, courses: string[] = []): Promise<{ diagnostics: Diagnostic[]; checked: number }> {
  const sink = new DiagnosticSink();
  const project = await readProject(root, sink);
  const folders = courseFolders(project, courses);
  // Diagnostics are all a check reports: no course's model is held past its loading.
  const catalogue = await loadCatalogue(project, folders, { factsOnly: true });
  if (folders.length === 0) {
    sink.report(project.config.courses, undefined, 'course-not-found', `no course folders found in ${project.config.courses}/`);
  }
  return { diagnostics: [...sink.items, ...catalogue.diagnostics], checked: folders.length };
}
