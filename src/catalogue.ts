/**
 * The catalogue: which course folders a command works on, loaded so that
 * problems across courses (duplicate ids) are found in the same run.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Project } from './course/config.js';
import { lookupCourse } from './course/cache.js';
import type { LoadedCourse } from './course/load.js';
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

/**
 * Loads courses one at a time (so a build can package each as soon as it is
 * read) and refuses a course whose id an earlier one already uses.
 */
export class CatalogueLoader {
  readonly courses: LoadedCourse[] = [];
  private readonly sink = new DiagnosticSink();
  private readonly seen = new Map<string, string>();

  constructor(private readonly project: Project) {}

  async load(dir: string): Promise<LoadedCourse> {
    const cache = lookupCourse(dir, this.project);
    let loaded = cache.hit;
    if (!loaded) {
      // The compiler is loaded only when a course is not in the cache.
      const { loadCourse } = await import('./course/load.js');
      loaded = loadCourse(dir, this.project);
      cache.store(loaded);
    }
    const id = loaded.course?.id;
    if (id) {
      const file = path.relative(this.project.root, path.join(loaded.dir, 'course.yml')).split(path.sep).join('/');
      if (this.seen.has(id)) {
        this.sink.report(file, { line: 1, column: 1 }, 'duplicate-course-id', `course id "${id}" is also used by ${this.seen.get(id)}`);
        loaded.course = null;
      } else this.seen.set(id, file);
    }
    this.courses.push(loaded);
    return loaded;
  }

  /** Every diagnostic so far: each course's, then the catalogue-wide ones. */
  get diagnostics(): Diagnostic[] {
    return [...this.courses.flatMap((c) => c.diagnostics), ...this.sink.items];
  }
}

export interface LoadedCatalogue {
  courses: LoadedCourse[];
  diagnostics: Diagnostic[];
}

/** Load every course folder and check ids across courses. */
export async function loadCatalogue(project: Project, folders: string[]): Promise<LoadedCatalogue> {
  const loader = new CatalogueLoader(project);
  for (const dir of folders) await loader.load(dir);
  return { courses: loader.courses, diagnostics: loader.diagnostics };
}
