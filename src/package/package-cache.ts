/**
 * A content-hash cache of built packages (zips and web folders), beside the course cache: a
 * package whose inputs did not change is taken from here instead of being assembled (and
 * compressed) again. The key hashes everything the zip's bytes depend on: the course's cache
 * key (every file of the course folder, the project configuration and the compiler), the
 * target and language, the players, the theme, the options, and skillpack's own code and
 * templates. SKILLPACK_NO_CACHE=1 turns it off, like the course cache.
 *
 * Files go in and out of the cache as hard links where the output is on the same file system
 * (a copy elsewhere): a build never writes a package's file in place, it writes a new file and
 * renames it, so a cached file and its published twin keep the same bytes. Someone else may
 * write one in place (an editor saving over a page of a web folder): each entry records its
 * files' size and modification time, and an entry whose files no longer have them is not used.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { copyFile, link } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_ROOT, hashDependencies, ownFilesDigest, pruneEntries, touch, writeWhole } from '../cache-files.js';
import type { RuntimeBundle } from '../runtime/bundle.js';
import type { TargetOptions } from '../targets/target.js';
import { stampsOf, stillStamped, type FileStamp } from './file-stamps.js';
import { makeFolders } from './folder.js';
import type { PackageEntry } from './zip.js';

/** Where packages are kept: `<key>.json` (size, SHA-256, content digest) beside `<key>.zip` or the folder `<key>/`. */
export const PACKAGE_CACHE_DIR = path.join(CACHE_ROOT, 'packages');
/** Packages kept (the most recently used): a catalogue's worth several times over, about 100 KB each. */
export const MAX_PACKAGES = 1024;

/** What the build records about a package. */
export interface PackageMeta {
  bytes: number;
  sha256: string;
  /** Digest of the package's entries (see reuse.ts). */
  content: string;
  /** A folder's files (paths inside it, posix separators); absent for a zip. */
  files?: string[];
}

/** What the cache keeps beside a package: its description and its files' stamps. */
interface CacheMeta extends PackageMeta {
  stamps: FileStamp[];
}

/** A cached package: its zip or folder, and its description. */
export interface CachedPackage extends PackageMeta {
  path: string;
}

/** What every package of one build shares: players, theme, options and skillpack's own code. */
export interface SharedInputs {
  runtimes: ReadonlyMap<string, RuntimeBundle>;
  themeCss: string;
  themeAssets: PackageEntry[];
  options: TargetOptions;
}

let codeHash: string | undefined;

/** Hash of skillpack's sources, templates and locked dependencies (once per process). */
function codeVersion(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha256');
  hash.update(ownFilesDigest(['package.json', 'src', 'templates']));
  hashDependencies(hash);
  return (codeHash = hash.digest('hex'));
}

export class PackageCache {
  private readonly shared: string;
  private pruned = false;

  /** The cache for one build; null when caching is off. */
  static open(inputs: SharedInputs): PackageCache | null {
    return process.env.SKILLPACK_NO_CACHE ? null : new PackageCache(inputs);
  }

  private constructor(inputs: SharedInputs) {
    const hash = createHash('sha256').update(codeVersion());
    // By name: the players are bundled side by side, so the map's order is the order they finished in.
    for (const [name, runtime] of [...inputs.runtimes].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`${name}\0${JSON.stringify(runtime)}\0`);
    hash.update(inputs.themeCss).update(JSON.stringify(inputs.options));
    for (const asset of inputs.themeAssets) hash.update(`${asset.path}\0`).update(asset.data).update('\0');
    this.shared = hash.digest('hex');
  }

  /**
   * The key of one package.
   * @param courseKey the course's key in the course cache
   * @param target target id
   * @param language the language of the package's course
   */
  key(courseKey: string, target: string, language: string): string {
    return createHash('sha256').update(`${this.shared}\0${courseKey}\0${target}\0${language}`).digest('hex');
  }

  /** The cached package for `key`, marked as used; null when there is none, or its files changed since they were put. */
  get(key: string): CachedPackage | null {
    const meta = path.join(PACKAGE_CACHE_DIR, `${key}.json`);
    try {
      const described = JSON.parse(readFileSync(meta, 'utf8')) as CacheMeta;
      const payload = path.join(PACKAGE_CACHE_DIR, described.files ? key : `${key}.zip`);
      if (!Array.isArray(described.stamps) || described.stamps.length !== (described.files?.length ?? 1) || !stillStamped(payload, described.stamps)) return null;
      touch(meta);
      const { stamps: _stamps, ...kept } = described;
      return { ...kept, path: payload };
    } catch {
      return null;
    }
  }

  /** Keep the package just staged at `staged` (the build goes on if the cache cannot be written). */
  async put(key: string, staged: string, meta: PackageMeta): Promise<void> {
    const payload = path.join(PACKAGE_CACHE_DIR, meta.files ? key : `${key}.zip`);
    const temporary = path.join(PACKAGE_CACHE_DIR, `${key}.${process.pid}.tmp`);
    try {
      mkdirSync(PACKAGE_CACHE_DIR, { recursive: true });
      rmSync(temporary, { recursive: true, force: true });
      if (meta.files) await placeFiles(staged, temporary, meta.files);
      else await placeFile(staged, temporary);
      // The package first, then its description: a reader that finds the description finds the package.
      rmSync(payload, { recursive: true, force: true });
      renameSync(temporary, payload);
      const stamps = stampsOf(payload, meta.files ?? ['']);
      writeWhole(path.join(PACKAGE_CACHE_DIR, `${key}.json`), JSON.stringify({ ...meta, stamps } satisfies CacheMeta));
      if (!this.pruned) prunePackages(PACKAGE_CACHE_DIR, MAX_PACKAGES);
      this.pruned = true;
    } catch {
      // a read-only install: build without the cache
      rmSync(temporary, { recursive: true, force: true });
    }
  }
}

/**
 * Put a cached package at `staged`; false, with nothing left at `staged`, when its files went from
 * the cache after `get` found them (pruned, or replaced by another build): the caller assembles it.
 */
export async function placeCached(cached: CachedPackage, staged: string): Promise<boolean> {
  try {
    if (cached.files) await placeFiles(cached.path, staged, cached.files);
    else await placeFile(cached.path, staged);
    return true;
  } catch {
    rmSync(staged, { recursive: true, force: true });
    return false;
  }
}

/**
 * Put the file `from` at `to`: a hard link, or a copy where a link cannot be made (another
 * file system, one without links, a file with too many).
 */
export async function placeFile(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/**
 * Place `files` (paths inside the folder) from the folder `from` into the folder `to`
 * (`placeFile`). They run on libuv's thread pool, side by side: a warm build copying into
 * another file system is mostly copying, which one thread did file by file while the other
 * core idled.
 */
export async function placeFiles(from: string, to: string, files: string[]): Promise<void> {
  await makeFolders(to, files);
  const copies = files.map((file) => placeFile(path.join(from, ...file.split('/')), path.join(to, ...file.split('/'))));
  // Every copy settled before a failure is reported: the caller then removes the folder whole.
  const failed = (await Promise.allSettled(copies)).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Keep the `keep` most recently used packages of `dir` (their zips and folders with their descriptions). */
export const prunePackages = (dir: string, keep: number): void => pruneEntries(dir, keep, (key) => [`${key}.zip`, key]);
