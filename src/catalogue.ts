/**
 * The catalogue: which course folders a command works on, loaded so that
 * problems across courses (duplicate ids) are found in the same run.
 */
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Project } from './course/config.js';
import { lookupCourse, type CacheLookup } from './course/cache.js';
import { CachedCourse } from './course/cache-entry.js';
import { factsOnly } from './course/facts.js';
import { CourseLoader } from './course/course-loader.js';
import type { LoadedCourse, LoadOptions } from './course/load.js';
import { DiagnosticSink, type Diagnostic } from './diagnostics/diagnostic.js';
import { courseSchema } from './course/schema.js';
import type { Language } from './languages/tags.js';
import { courseYmlText, declaredField, declaredLanguage } from './course/declared.js';

/**
 * The course folder a command-line argument names: a folder with a course.yml at that path (from the
 * current folder), else a course id (its folder in the project's courses folder, also when the
 * project is another folder, `-C`); null when it is neither.
 */
export function namedCourseFolder(project: Project, name: string): string | null {
  const candidates = [path.resolve(name), path.resolve(project.root, project.config.courses, name)];
  return candidates.find((dir) => existsSync(path.join(dir, 'course.yml'))) ?? null;
}

/** Course folders: the given paths or course ids, or every folder with a course.yml in the project's courses folder. */
export function courseFolders(project: Project, paths: string[] = []): string[] {
  // A name that is neither stays a path, for the loader to report (course-not-found).
  if (paths.length > 0) return paths.map((p) => namedCourseFolder(project, p) ?? path.resolve(p));
  const dir = path.resolve(project.root, project.config.courses);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'course.yml')))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/**
 * The id a course folder's course.yml declares, read leniently: a course with errors has no model,
 * but its catalogue entry is under this id. The folder name when it declares none that is valid.
 */
export function declaredCourseId(dir: string): string {
  const id = courseSchema.shape.id.safeParse(declaredField(courseYmlText(dir), 'id'));
  return id.success ? id.data : path.basename(dir);
}

/** The language a course folder's course.yml declares, read leniently as the id is; undefined when it names none skillpack speaks. */
export const declaredCourseLanguage = (dir: string): Language | undefined => declaredLanguage(courseYmlText(dir));

/**
 * Loads the courses of a command, in folder order, and refuses a course whose id an earlier
 * one already uses. Courses in the cache come from it; when several are not, they are parsed
 * on worker threads (Markdown parsing is the bulk of a cold build), one per core but one: the
 * caller packages the courses already loaded on the remaining core. (On two cores a second
 * parsing thread saved 8 % of a cold build's time for 40 % more memory.)
 */
export class CatalogueLoader {
  readonly courses: LoadedCourse[] = [];
  private readonly sink = new DiagnosticSink();
  private readonly seen = new Map<string, string>();
  private readonly keys = new WeakMap<LoadedCourse, string>();

  constructor(private readonly project: Project) {}

  /** A loaded course's key in the course cache (what it was loaded from); null when the cache is off. */
  cacheKey(loaded: LoadedCourse): string | null {
    return this.keys.get(loaded) ?? null;
  }

  /** Each course of `folders` in their order, as soon as it and those before it are loaded. */
  async *loadEach(folders: string[]): AsyncGenerator<LoadedCourse> {
    const lookups = folders.map((dir) => ({ dir, cache: lookupCourse(dir, this.project) }));
    const misses = lookups.filter((l) => !l.cache.hit);
    const threads = misses.length > 1 ? Math.min(misses.length, Math.max(1, availableParallelism() - 1), MAX_THREADS) : 0;
    const loaders = Array.from({ length: threads }, () => new CourseLoader(undefined, 'so the build stopped it'));
    const parsed: Array<Promise<LoadedCourse> | null> = parseOn(loaders, threads ? misses : [], this.project);
    try {
      for (const lookup of lookups) {
        const { dir, cache } = lookup;
        const index = misses.indexOf(lookup);
        const fresh = cache.hit ? null : ((await parsed[index]) ?? (await this.loadHere(dir, cache)));
        const loaded = cache.hit ?? fresh!;
        // A parsed course has the key its loader checked after reading it (none if a file changed meanwhile).
        const key = fresh ? (fresh.cacheKey ?? null) : cache.key;
        // Not held here once handed over: a build done with a course may let its model go (factsOnly).
        cache.hit = null;
        if (index >= 0) parsed[index] = null;
        if (key) this.keys.set(loaded, key);
        yield this.register(loaded);
      }
    } finally {
      await Promise.all(loaders.map((l) => l.close()));
    }
  }

  /** One course on this thread (a single course is not worth starting a thread for). */
  private async loadHere(dir: string, cache: CacheLookup): Promise<LoadedCourse> {
    // The compiler is loaded only when a course is not in the cache.
    const { loadCourse } = await import('./course/load.js');
    const loaded = loadCourse(dir, this.project, loadOptions(cache));
    return { ...loaded, cacheKey: cache.store(loaded) };
  }

  private register(loaded: LoadedCourse): LoadedCourse {
    // A course from the cache says its id without its model being read.
    const id = loaded.editions ? loaded.editions[0]?.id : loaded.course?.id;
    let registered = loaded;
    if (id) {
      const file = path.relative(this.project.root, path.join(loaded.dir, 'course.yml')).split(path.sep).join('/');
      if (this.seen.has(id)) {
        this.sink.report(file, { line: 1, column: 1 }, 'duplicate-course-id', `course id "${id}" is also used by ${this.seen.get(id)}`);
        registered = refused(loaded);
      } else this.seen.set(id, file);
    }
    this.courses.push(registered);
    return registered;
  }

  /** Hold `lighter` in place of a course loaded earlier (a build done with its model). */
  replace(loaded: LoadedCourse, lighter: LoadedCourse): void {
    const at = this.courses.indexOf(loaded);
    if (at >= 0) this.courses[at] = lighter;
  }

  /** Every diagnostic so far: each course's, then the catalogue-wide ones. */
  get diagnostics(): Diagnostic[] {
    return [...this.courses.flatMap((c) => c.diagnostics), ...this.sink.items];
  }
}

/**
 * A course the catalogue refuses (its id is taken): no model, no packages. A copy, never the loaded
 * object itself, which the course cache may not have written yet: its entry must keep what the
 * course is, since the next command may find the id free.
 */
function refused(loaded: LoadedCourse): LoadedCourse {
  if (loaded instanceof CachedCourse) return loaded.refused();
  const { translations: _translations, ...rest } = loaded;
  return { ...rest, course: null, editions: [] };
}

export interface LoadedCatalogue {
  courses: LoadedCourse[];
  diagnostics: Diagnostic[];
}

/**
 * Load every course folder and check ids across courses.
 * @param options.factsOnly keep only each course's facts and diagnostics (see `factsOnly`)
 */
export async function loadCatalogue(project: Project, folders: string[], options: { factsOnly?: boolean } = {}): Promise<LoadedCatalogue> {
  const loader = new CatalogueLoader(project);
  for await (const loaded of loader.loadEach(folders)) if (options.factsOnly) loader.replace(loaded, factsOnly(loaded));
  return { courses: loader.courses, diagnostics: loader.diagnostics };
}

/**
 * A course the cache held with other contents is being edited: its files' results are kept
 * (see file-results.ts), so that the next command after a save compiles only the saved file.
 * Not for a course loaded the first time (a fresh clone's first build), which would pay for
 * keeping them (a tenth more time) with no edit to come.
 */
const loadOptions = (cache: CacheLookup): LoadOptions => (cache.changed ? { reuseFiles: true } : {});

/** Threads a build starts at most: beyond a few, start-up and memory outweigh the gain. */
const MAX_THREADS = 4;

/**
 * Parse the courses the cache missed on `loaders` (each takes the next one when it is free): the
 * promise of each course, in the same order (a folder named twice is parsed twice, each course an
 * object of its own). The threads store what they parse in the cache themselves.
 */
function parseOn(loaders: CourseLoader[], misses: Array<{ dir: string; cache: CacheLookup }>, project: Project): Array<Promise<LoadedCourse>> {
  const resolvers: Array<((loaded: LoadedCourse) => void) | null> = [];
  const promises = misses.map(() => new Promise<LoadedCourse>((resolve) => resolvers.push(resolve)));
  let next = 0;
  for (const loader of loaders) {
    void (async () => {
      while (next < misses.length) {
        const i = next++;
        resolvers[i]!(await loader.load(misses[i]!.dir, project, loadOptions(misses[i]!.cache)));
        // A resolver holds its promise, and so the course: not kept past its delivery.
        resolvers[i] = null;
      }
    })();
  }
  return promises;
}
