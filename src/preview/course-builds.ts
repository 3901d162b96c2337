/**
 * The preview's builds: for each course folder, its last good packages (in
 * memory) and the diagnostics of its latest build. A build with errors never
 * replaces the last good packages, so the reviewer keeps a working course
 * under the overlay while fixing a mistake.
 */
import path from 'node:path';
import type { Project } from '../course/config.js';
import type { Course, Lesson } from '../course/model.js';
import { TARGET_NAMES, type TargetName } from '../course/schema.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuntimeBundle } from '../package/assemble.js';
import { themeCss, themeFiles } from '../package/theme.js';
import { buildRuntime } from '../runtime/bundle.js';
import { selectTargets } from '../targets/index.js';
import { CourseLoader } from '../course/course-loader.js';
import type { LoadedCourse } from '../course/load.js';
import { diagnosticViews, type DiagnosticView } from './diagnostic-view.js';
import { PreviewPackages, type SharedParts } from './memory-packages.js';

/** One course folder as the workspace knows it. */
export interface CourseBuild {
  /** URL-safe key: the folder name (made unique when two folders share a name). */
  key: string;
  /** Absolute course folder. */
  dir: string;
  /** The course of the last good build; null until one succeeds. */
  course: Course | null;
  packages: PreviewPackages | null;
  /** Diagnostics of the latest build, good or not. */
  diagnostics: DiagnosticView[];
  raw: Diagnostic[];
  /** Whether the latest build succeeded (false: the packages are older than the sources). */
  ok: boolean;
  /** Counts good builds, so the page can tell a fresh build from one it has shown. */
  version: number;
  /** The files the last good build's packages carry besides the player (see LoadedCourse.assets). */
  assets: string[];
  /**
   * When the last good build differs from the one before only in its lessons' text, those
   * lessons (none when it does not differ at all): a page showing the build before takes them
   * without relaunching the package. Null when anything else changed, or a file other than a
   * course's Markdown was saved (an image, the theme).
   */
  textChange: { from: number; lessons: LessonText[] } | null;
  /** Whether a file other than the course's Markdown changed since its last good build (its next one relaunches the package). */
  filesChanged: boolean;
  /** Duration of the latest build in milliseconds. */
  ms: number;
  builtAt: string | null;
}

/** A lesson's new text, as the player takes it (the `skillpack:lesson` event). */
export interface LessonText {
  id: string;
  html: string;
}

/** What the page needs to list a course (no packages). */
export interface CourseSummary {
  key: string;
  title: string;
  id: string | null;
  ok: boolean;
  built: boolean;
  version: number;
  ms: number;
  builtAt: string | null;
  errors: number;
  warnings: number;
  diagnostics: DiagnosticView[];
}

/** What loads the preview's courses: a CourseLoader (a test passes its own, to choose the order builds finish in). */
export interface CourseLoading {
  load(dir: string, project: Project): Promise<LoadedCourse>;
  /** One lesson compiled on its own (see CourseLoader.draft); a loader without it drafts nothing. */
  draft?(dir: string, project: Project, file: string): Promise<Lesson | null>;
  close(): Promise<void>;
}

/** The preview's two loading threads (see CourseBuilds). */
export interface CourseLoaders {
  editing: CourseLoading;
  background: CourseLoading;
}

export class CourseBuilds {
  private readonly courses = new Map<string, CourseBuild>();
  private shared: SharedParts;
  /**
   * Courses load on worker threads, so the server keeps answering while Markdown is parsed: the
   * courses built after start-up on one, and the courses opened or saved on another, so that a
   * saved file never waits behind the start-up builds (and that thread keeps what each file of
   * the courses being edited compiled to, so a save compiles only the files that changed).
   */
  private readonly loader: CourseLoading;
  private readonly backgroundLoader: CourseLoading;
  /** Numbers builds as they start: a build that finishes after a newer one of its course changes nothing. */
  private started = 0;
  private readonly applied = new Map<string, number>();
  /** Builds for a save or an opened course now running, and who waits for none to run. */
  private edits = 0;
  private readonly editsDone: Array<() => void> = [];

  private constructor(
    private project: Project,
    private readonly runtimes: ReadonlyMap<TargetName, RuntimeBundle>,
    loaders: CourseLoaders,
  ) {
    this.loader = loaders.editing;
    this.backgroundLoader = loaders.background;
    this.shared = this.sharedParts();
  }

  /**
   * Bundle (or read from buildRuntime's cache) the runtime of every target, once.
   * @param project the project whose courses are previewed
   * @param loaders what loads the courses (default: the two threads)
   */
  static async create(project: Project, loaders?: CourseLoaders): Promise<CourseBuilds> {
    const runtimes = new Map<TargetName, RuntimeBundle>();
    // One at a time: Vite builds are CPU-bound (and usually come from the cache anyway).
    for (const target of selectTargets(TARGET_NAMES)) runtimes.set(target.id, await buildRuntime(target.runtime));
    return new CourseBuilds(project, runtimes, loaders ?? { editing: new CourseLoader(undefined, undefined, { reuseFiles: true }), background: new CourseLoader() });
  }

  private sharedParts(): SharedParts {
    return {
      targets: selectTargets(TARGET_NAMES),
      runtimes: this.runtimes,
      themeCss: themeCss(this.project.config),
      extra: themeFiles(this.project.root, this.project.config),
    };
  }

  /** Use a changed project configuration (theme, base IRI) for the next builds. */
  setProject(project: Project): void {
    this.project = project;
    this.shared = this.sharedParts();
  }

  /**
   * Register a course folder (not built yet); returns its key.
   * @param dir absolute course folder
   */
  add(dir: string): string {
    const existing = [...this.courses.values()].find((c) => c.dir === dir);
    if (existing) return existing.key;
    const base = path.basename(dir).replace(/[^A-Za-z0-9_-]/g, '-') || 'course';
    let key = base;
    for (let n = 2; this.courses.has(key); n++) key = `${base}-${n}`;
    this.courses.set(key, { key, dir, course: null, packages: null, diagnostics: [], raw: [], ok: false, version: 0, assets: [], textChange: null, filesChanged: false, ms: 0, builtAt: null });
    return key;
  }

  remove(key: string): void {
    this.courses.delete(key);
  }

  get(key: string): CourseBuild | undefined {
    return this.courses.get(key);
  }

  /** The course whose folder holds `file`, if any. */
  owner(file: string): CourseBuild | undefined {
    return [...this.courses.values()].find((c) => file === c.dir || file.startsWith(c.dir + path.sep));
  }

  keys(): string[] {
    return [...this.courses.keys()];
  }

  /**
   * Load and package one course; keeps the last good packages when this build has errors.
   * @param key the course's key
   * @param background a start-up build (on the background thread)
   * @param markdownOnly only the course's Markdown changed since its last build (so a change of
   *   its lessons' text alone can be shown without a relaunch, if nothing else changed since its
   *   last good build either: see CourseBuild.textChange)
   */
  async rebuild(key: string, background = false, markdownOnly = false): Promise<CourseBuild> {
    if (background) return this.build(key, true, false);
    this.edits++;
    try {
      return await this.build(key, false, markdownOnly);
    } finally {
      if (--this.edits === 0) for (const resume of this.editsDone.splice(0)) resume();
    }
  }

  /**
   * Resolves once no build for a save or an opened course is running. The start-up builds of the
   * other courses wait for it before each course: their packaging runs on the server's thread and
   * their loading takes a core, and a reviewer who saves wants that save first.
   */
  editsSettled(): Promise<void> {
    return this.edits === 0 ? Promise.resolve() : new Promise((resolve) => this.editsDone.push(resolve));
  }

  /**
   * A saved lesson's new text, compiled on its own ahead of its course's rebuild (on the thread
   * that rebuilds it, before it), when it differs from the last good build's in its text alone.
   * @param file absolute path of the saved file
   */
  async draft(file: string): Promise<{ key: string; lesson: LessonText } | null> {
    const entry = this.owner(file);
    // Not while the course has errors: its next build may well fail too, and the page then shows the last good one.
    if (!entry?.course || !entry.ok || !this.loader.draft || path.dirname(file) !== path.join(entry.dir, 'lessons') || !file.endsWith('.md')) return null;
    const lesson = await this.loader.draft(entry.dir, this.project, file);
    const before = entry.course.lessons.find((l) => l.id === lesson?.id);
    if (!lesson || !before || before.html === lesson.html || besidesText(before) !== besidesText(lesson)) return null;
    return { key: entry.key, lesson: { id: lesson.id, html: lesson.html } };
  }

  /** The build itself (see rebuild): load on the given thread, then package here. */
  private async build(key: string, background: boolean, markdownOnly: boolean): Promise<CourseBuild> {
    const entry = this.courses.get(key);
    if (!entry) throw new Error(`unknown course ${key}`);
    if (!markdownOnly) entry.filesChanged = true;
    const started = performance.now();
    const order = ++this.started;
    const loaded = await (background ? this.backgroundLoader : this.loader).load(entry.dir, this.project);
    if ((this.applied.get(key) ?? 0) > order) return entry; // a newer build of the course finished first
    this.applied.set(key, order);
    entry.textChange = null;
    if (loaded.course) {
      const sameFiles = !entry.filesChanged && entry.course !== null && entry.assets.join('\n') === loaded.assets.join('\n');
      const lessons = sameFiles ? lessonTextChanges(entry.course!, loaded.course) : null;
      if (lessons) entry.textChange = { from: entry.version, lessons };
      entry.filesChanged = false;
      entry.packages = new PreviewPackages({ ...loaded, course: loaded.course }, this.shared);
      entry.course = loaded.course;
      entry.assets = loaded.assets;
      entry.version++;
    }
    entry.ok = loaded.course !== null;
    entry.raw = loaded.diagnostics;
    entry.diagnostics = diagnosticViews(loaded.diagnostics, this.project.root);
    entry.ms = performance.now() - started;
    entry.builtAt = new Date().toISOString();
    return entry;
  }

  /** Stop the loading threads. */
  async close(): Promise<void> {
    await Promise.all([this.loader.close(), this.backgroundLoader.close()]);
  }

  /** A file of a course's package for a target, from its last good build. */
  file(key: string, target: TargetName, file: string): Buffer | undefined {
    return this.courses.get(key)?.packages?.get(target)?.get(file);
  }

  summary(key: string): CourseSummary | undefined {
    const c = this.courses.get(key);
    if (!c) return undefined;
    return {
      key: c.key,
      title: c.course?.title ?? c.key,
      id: c.course?.id ?? null,
      ok: c.ok,
      built: c.packages !== null,
      version: c.version,
      ms: Math.round(c.ms),
      builtAt: c.builtAt,
      errors: c.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: c.diagnostics.filter((d) => d.severity === 'warning').length,
      diagnostics: c.diagnostics,
    };
  }

  /** Every course, in key order. */
  summaries(): CourseSummary[] {
    return this.keys().sort().map((k) => this.summary(k)!);
  }
}

/**
 * The lessons whose HTML alone changed between two builds of a course (none when nothing did),
 * or null when anything else changed: a lesson's id, title or practice questions, the lessons'
 * order, a bank, the course's settings.
 */
export function lessonTextChanges(before: Course, after: Course): LessonText[] | null {
  if (before.lessons.length !== after.lessons.length || JSON.stringify({ ...before, lessons: [] }) !== JSON.stringify({ ...after, lessons: [] })) return null;
  if (after.lessons.some((lesson, i) => besidesText(lesson) !== besidesText(before.lessons[i]!))) return null;
  return after.lessons.filter((lesson, i) => lesson.html !== before.lessons[i]!.html).map(({ id, html }) => ({ id, html }));
}

/** A lesson as data, its text left out. */
const besidesText = (lesson: Lesson): string => JSON.stringify({ ...lesson, html: '' });
