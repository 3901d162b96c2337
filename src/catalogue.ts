/**
 * The catalogue: which course folders a command works on, loaded together so
 * that problems across courses (duplicate ids) are found in the same run.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Project } from './course/config.js';
import type { LoadedCourse } from './course/load.js';
import { loadCourses } from './course/load-pool.js';
import { DiagnosticSink, type Diagnostic } from './diagnostics/diagnostic.js';

/** Course folders: the given paths, or every folder with a course.yml in the project's courses folder. */
export function courseFolders(project: Project, paths: string[] = []): string[] {
  if (paths.length > 0) return paths.map((p) => path.resolve(p));
  const dir = path.resolve(project.root, project.config.courses);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'course.yml')))
    .map((e) => path.join(dir, e.name))
    .sort();
}

export interface LoadedCatalogue {
  courses: LoadedCourse[];
  /** Every diagnostic of every course, plus catalogue-wide ones. */
  diagnostics: Diagnostic[];
}

/** Load every course folder (on every core) and check ids across courses. */
export async function loadCatalogue(project: Project, folders: string[]): Promise<LoadedCatalogue> {
  const courses = await loadCourses(folders, project);
  const sink = new DiagnosticSink();
  const seen = new Map<string, string>();
  for (const loaded of courses) {
    const id = loaded.course?.id;
    if (!id) continue;
    const file = path.relative(project.root, path.join(loaded.dir, 'course.yml')).split(path.sep).join('/');
    if (seen.has(id)) {
      sink.report(file, { line: 1, column: 1 }, 'duplicate-course-id', `course id "${id}" is also used by ${seen.get(id)}`);
      loaded.course = null;
    } else seen.set(id, file);
  }
  return { courses, diagnostics: [...courses.flatMap((c) => c.diagnostics), ...sink.items] };
}
