/**
 * The build: every course × every target. Each course is loaded and rendered
 * once; targets differ only in descriptors and the runtime's LMS adapter.
 * A course with errors produces no packages (and leaves its old ones alone).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CatalogueLoader } from './catalogue.js';
import type { Project } from './course/config.js';
import type { LoadedCourse } from './course/load.js';
import { deliveredCourse } from './course/delivery.js';
import { editionFacts, factsOnly } from './course/facts.js';
import { CONTENT_PREFIX, type Course } from './course/model.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { packageEntries, type RuntimeBundle } from './package/assemble.js';
import { themeCss, themeFiles } from './package/theme.js';
import { writeFolder } from './package/folder.js';
import { OutputTransaction } from './package/output.js';
import { PackageCache, placeCached } from './package/package-cache.js';
import { contentDigest, PackageRecords } from './package/reuse.js';
import { writeZip, type PackageEntry } from './package/zip.js';
import { buildRuntime } from './runtime/bundle.js';
import { EXPORT_NAMES, type OutputName, type TargetName } from './targets/names.js';
import { selectExports, selectTargets } from './targets/index.js';
import type { ExportTarget, TargetOptions } from './targets/target.js';
import type { CourseFiles } from './targets/course-files.js';

export interface BuildRequest {
  project: Project;
  /** Absolute course folders. */
  folders: string[];
  /** Player targets and exports (`qti`, `moodle-xml`). */
  targets: readonly OutputName[];
  /**
   * Also build the exports for every course whose exam the LMS delivers (`exam.delivery: lms`),
   * as the command does when no `--target` is given.
   */
  lmsExports?: boolean;
  /** Absolute output folder. */
  out: string;
  options?: TargetOptions;
  /** Called after each package is written. */
  onPackage?: (built: BuiltPackage) => void;
  /**
   * The output transaction the packages are staged in; the caller publishes it (with the
   * catalogue). Without one, the build makes its own and publishes the packages itself.
   */
  output?: OutputTransaction;
  /** Keep packages on disk that the same entries made last time instead of writing them again (see package/reuse.ts). */
  reuse?: boolean;
  /**
   * Once a course's packages are written, keep only its facts and diagnostics (`factsOnly`), not
   * its model: the command, which needs nothing more, then never holds a whole catalogue's models.
   */
  factsOnly?: boolean;
}

export interface BuiltPackage {
  course: string;
  /** The language of the package's course (the source's, or a translation's). */
  language: Course['language'];
  target: OutputName;
  /** Path relative to the output folder, posix separators. */
  file: string;
  bytes: number;
  sha256: string;
}

export interface BuildResult {
  courses: LoadedCourse[];
  packages: BuiltPackage[];
  diagnostics: Diagnostic[];
}

/** Build every course for every target; never throws for author mistakes (they are diagnostics). */
export async function build(request: BuildRequest): Promise<BuildResult> {
  const { project, out } = request;
  const targets = selectTargets(request.targets);
  const exports = selectExports(request.targets);
  const lmsExports = selectExports(request.lmsExports ? EXPORT_NAMES : []);
  const exportDiagnostics: Diagnostic[] = [];
  const runtimes = new Map<TargetName, RuntimeBundle>();
  await Promise.all(
    [...new Set(targets.map((t) => t.runtime))].map(async (entry) => {
      runtimes.set(entry, await buildRuntime(entry));
    }),
  );
  const theme = themeCss(project.config);
  const themeAssets = themeFiles(project.root, project.config);
  const packages: BuiltPackage[] = [];
  const output = request.output ?? new OutputTransaction(out);
  const records = request.reuse ? new PackageRecords(output.out) : null;
  const loader = new CatalogueLoader(project);
  const cache = PackageCache.open({ runtimes, themeCss: theme, themeAssets, options: request.options ?? {} });
  /**
   * Write one package (a zip, or the web folder): kept as it is when the same entries made the
   * one on disk, copied from the package cache when it holds it (`key`), else assembled.
   */
  const writePackage = async (file: string, makeEntries: () => PackageEntry[], key: string | null): Promise<{ bytes: number; sha256: string }> => {
    const final = path.join(output.out, ...file.split('/'));
    const cached = key ? cache!.get(key) : null;
    if (cached) {
      const kept = records?.unchanged(file, cached.content);
      if (kept) return kept;
      const staged = output.path(final);
      if (await placeCached(cached, staged)) {
        output.add(staged, final, Boolean(cached.files));
        records?.written(file, cached.content, staged, cached, cached.files ?? []);
        return cached;
      }
    }
    const entries = makeEntries();
    const content = records || key ? contentDigest(entries) : '';
    const folder = file.endsWith('/');
    const paths = entries.map((e) => e.path);
    const kept = records?.unchanged(file, content);
    if (kept) {
      // Into the cache too (it lost the package, or never had it): else every later build assembles it again to find it unchanged.
      if (key) await cache!.put(key, final, { ...kept, content, ...(folder ? { files: paths } : {}) });
      return kept;
    }
    const written = folder ? await writeFolder(final, entries, output) : await writeZip(final, entries, output);
    records?.written(file, content, written.staged, written, paths);
    if (key) await cache!.put(key, written.staged, { bytes: written.bytes, sha256: written.sha256, content, ...(folder ? { files: paths } : {}) });
    return written;
  };

  const buildCourse = async (loaded: LoadedCourse, courseKey: string | null) => {
    // The facts first: a course from the cache is read whole only when a package has to be assembled.
    const editions = editionFacts(loaded);
    if (editions.length === 0) return;
    const edition = (i: number): Course => (i === 0 ? loaded.course! : loaded.translations![i - 1]!);
    // Read only when a package is assembled (not when every one comes from the cache).
    let content: PackageEntry[] | undefined;
    const contentEntries = () => (content ??= [...themeAssets, ...loaded.assets.map((relative) => ({ path: CONTENT_PREFIX + relative, data: readFileSync(path.join(loaded.dir, relative)) }))]);
    // The exports carry the files their questions show: only files the loader accepted as the course's.
    // Lazily too: the course's assets are in its model, which a warm build does not read.
    let accepted: Set<string> | undefined;
    const courseFiles: CourseFiles = (relative) => ((accepted ??= new Set(loaded.assets)).has(relative) ? readFileSync(path.join(loaded.dir, relative)) : null);
    // One set of packages per language: the source's keeps the plain names, a translation's
    // carry its language (`<id>-en-scorm12.zip`, `web-en/`); ids and keys are the same in all.
    for (const [i, facts] of editions.entries()) {
      const tag = i === 0 ? '' : `-${facts.language}`;
      for (const target of targets) {
        const entries = () => packageEntries(target, { course: deliveredCourse(edition(i)), content: contentEntries(), runtime: runtimes.get(target.runtime)!, themeCss: theme, options: request.options ?? {} });
        // The web build is a folder to host or open as it is; every other target is a zip to import.
        const file = target.id === 'web' ? `${facts.id}/web${tag}/` : `${facts.id}/${facts.id}${tag}-${target.id}.zip`;
        const key = cache && courseKey ? cache.key(courseKey, target.id, facts.language) : null;
        const written = await writePackage(file, entries, key);
        const built: BuiltPackage = { course: facts.id, language: facts.language, target: target.id, file, bytes: written.bytes, sha256: written.sha256 };
        packages.push(built);
        request.onPackage?.(built);
      }
      const wanted = facts.examInLms ? [...new Set([...exports, ...lmsExports])] : exports;
      for (const target of selectExports(wanted.map((t) => t.id))) {
        const built = await writeExport(target, edition(i), courseFiles, tag, output, exportDiagnostics);
        packages.push(built);
        request.onPackage?.(built);
      }
    }
  };
  // A pipeline: courses not in the cache are parsed on worker threads (one per core but one) while this
  // thread packages the courses already loaded and zlib compresses on libuv's thread pool.
  const inFlight = new Set<Promise<void>>();
  for await (const loaded of loader.loadEach(request.folders)) {
    const job = buildCourse(loaded, loader.cacheKey(loaded)).finally(() => {
      inFlight.delete(job);
      if (request.factsOnly) loader.replace(loaded, factsOnly(loaded));
    });
    inFlight.add(job);
    if (inFlight.size >= 2) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  records?.stage(output);
  if (!request.output) output.commit();
  packages.sort((a, b) => a.file.localeCompare(b.file));
  return { courses: loader.courses, packages, diagnostics: [...loader.diagnostics, ...exportDiagnostics] };
}

/** Write one export of a course: a zip of its entries, or its one file as it is. */
async function writeExport(target: ExportTarget, course: Course, files: CourseFiles, tag: string, output: OutputTransaction, diagnostics: Diagnostic[]): Promise<BuiltPackage> {
  const result = await target.build(course, files);
  // A translation's export warns about the same questions as the source's: say it once.
  if (!tag) diagnostics.push(...result.diagnostics);
  const name = target.fileName(course);
  const file = `${course.id}/${tag && name.startsWith(`${course.id}-`) ? `${course.id}${tag}-${name.slice(course.id.length + 1)}` : name}`;
  const final = path.join(output.out, file);
  let written: { bytes: number; sha256: string };
  if (target.zip) written = await writeZip(final, result.entries, output);
  else {
    const data = Buffer.from(result.entries[0]!.data);
    const staged = output.path(final);
    writeFileSync(staged, data);
    output.add(staged, final);
    written = { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  }
  return { course: course.id, language: course.language, target: target.id, file, bytes: written.bytes, sha256: written.sha256 };
}
