/**
 * A course's packages held in memory, one file map per target: the same
 * entries `skillpack build` zips (packageEntries), without the zip, so a save
 * costs a Markdown render and a template fill rather than a compression run,
 * and only for the targets the reviewer opens.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deliveredCourse } from '../course/delivery.js';
import type { LoadedCourse } from '../course/load.js';
import { CONTENT_PREFIX } from '../course/model.js';
import type { Course } from '../course/model.js';
import type { TargetName } from '../course/schema.js';
import { packageEntries, type RuntimeBundle } from '../package/assemble.js';
import type { PackageEntry } from '../package/zip.js';
import type { Target } from '../targets/target.js';
import { LANGUAGE_LIST } from '../languages/tags.js';

/** Package path ("index.html", "content/assets/x.svg") to its bytes. */
export type PackageFiles = Map<string, Buffer>;

export interface SharedParts {
  targets: Target[];
  runtimes: ReadonlyMap<TargetName, RuntimeBundle>;
  themeCss: string;
  /** Files every package carries besides the course's own (the configured logo). */
  extra: PackageEntry[];
}

/** Runtime scripts and the theme are the same text in every package: encode each once. */
const encoded = new Map<string, Buffer>();
const SHARED = new Set(['runtime/player.js', 'runtime/player.css', ...LANGUAGE_LIST.map((tag) => `runtime/strings-${tag}.js`), 'theme.css']);

function bytes(entry: PackageEntry): Buffer {
  if (typeof entry.data !== 'string') return entry.data;
  if (!SHARED.has(entry.path)) return Buffer.from(entry.data);
  let buffer = encoded.get(entry.data);
  if (!buffer) encoded.set(entry.data, (buffer = Buffer.from(entry.data)));
  return buffer;
}

/**
 * A course's packages, one per target, each put together the first time one of its files is
 * asked for: a save relaunches the package of one target, and packaging the others (a page
 * holding the whole course, encoded anew for each) took most of the server thread's part of a
 * rebuild. The course's files are read when the build is made, so every target shows that build.
 */
export class PreviewPackages {
  private readonly made = new Map<TargetName, PackageFiles>();
  private readonly content: PackageEntry[];

  /**
   * @param loaded the loaded course (its `course` must be set)
   * @param parts runtimes, theme and targets, shared by every course
   */
  constructor(
    private readonly loaded: LoadedCourse & { course: Course },
    private readonly parts: SharedParts,
  ) {
    this.content = loaded.assets.map((relative) => ({ path: CONTENT_PREFIX + relative, data: readFileSync(path.join(loaded.dir, relative)) }));
  }

  /** The files of the package for `target` (undefined for a target the preview does not make). */
  get(id: TargetName): PackageFiles | undefined {
    const known = this.made.get(id);
    if (known) return known;
    const target = this.parts.targets.find((t) => t.id === id);
    if (!target) return undefined;
    const runtime = this.parts.runtimes.get(target.runtime);
    if (!runtime) throw new Error(`no runtime bundle for ${target.id}`);
    // No LRS is baked in: the preview names its LRS at launch, as an LMS would.
    // What the built packages carry: no exam and no bank when the LMS delivers the exam.
    const entries = packageEntries(target, { course: deliveredCourse(this.loaded.course), content: [...this.content, ...this.parts.extra], runtime, themeCss: this.parts.themeCss, options: {} });
    const files: PackageFiles = new Map(entries.map((e) => [e.path, bytes(e)]));
    this.made.set(id, files);
    return files;
  }
}
