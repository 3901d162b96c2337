/**
 * A content-hash cache of loaded courses, shared by build, check and preview:
 * a course whose files (and the compiler itself) did not change is not parsed
 * or rendered again. The key hashes every byte that can change the result:
 * each file of the course folder (symbolic links by their target), the project
 * configuration and the compiler's own sources.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync, readSync } from 'node:fs';
import path from 'node:path';
import { CACHE_ROOT, pruneEntries, touch, writeWhole } from '../cache-files.js';
import { packagePath } from '../paths.js';
import type { Project } from './config.js';
import type { LoadedCourse } from './load.js';
import { MODEL_VERSION } from './model.js';

const SOURCE_ROOT = packagePath('src');
/** Where entries are kept (one per course folder). */
export const CACHE_DIR = path.join(CACHE_ROOT, 'courses');
/**
 * Entries kept (the most recently used): room for a large catalogue in a few places, while
 * folders that moved or were temporary (every test run makes some) do not pile up for ever.
 */
export const MAX_ENTRIES = 256;

let compilerHash: string | undefined;

/** Hash of the code that turns a course into a model (computed once per process). */
export function compilerVersion(): string {
  if (compilerHash) return compilerHash;
  const hash = createHash('sha256').update(`model ${MODEL_VERSION}\0`);
  for (const folder of ['course', 'diagnostics']) {
    const dir = path.join(SOURCE_ROOT, folder);
    // Subfolders too: each question type reads its answer list in course/question-types/.
    const files = readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort();
    for (const name of files) hash.update(name).update(readFileSync(path.join(dir, name)));
  }
  return (compilerHash = hash.digest('hex'));
}

/** Hash of everything a course's model depends on. */
function courseKey(dir: string, project: Project): string {
  const hash = createHash('sha256').update(compilerVersion()).update(JSON.stringify(project)).update(dir);
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true })
    .map((e) => ({ entry: e, relative: path.relative(dir, path.join(e.parentPath, e.name)) }))
    .sort((a, b) => (a.relative < b.relative ? -1 : 1));
  for (const { entry, relative } of entries) {
    const full = path.join(dir, relative);
    if (entry.isSymbolicLink()) hash.update(`link ${relative}\0${readlinkSync(full)}\0`);
    else if (entry.isFile()) hash.update(`file ${relative}\0`).update(readFileSync(full)).update('\0');
  }
  return hash.digest('hex');
}

/** What the cache holds for a course folder: a still-valid model, and where a fresh one goes. */
export interface CacheLookup {
  /** The cached course, when nothing it depends on changed; null otherwise. */
  hit: LoadedCourse | null;
  /** Keep a freshly loaded course (written just after the caller's own work). */
  store(loaded: LoadedCourse): void;
  /** The course's key: a hash of everything its model depends on (null when the cache is off or the folder unreadable). */
  key: string | null;
}

/**
 * Look a course folder up in the cache (SKILLPACK_NO_CACHE=1 turns it off). It does not load
 * the compiler: a command that finds every course here never pays for the Markdown stack.
 */
export function lookupCourse(dir: string, project: Project): CacheLookup {
  const absolute = path.resolve(dir);
  const none: CacheLookup = { hit: null, store: () => {}, key: null };
  if (process.env.SKILLPACK_NO_CACHE) return none;
  let key: string;
  try {
    key = courseKey(absolute, project);
  } catch {
    return none; // unreadable folder: let the loader report it
  }
  const file = path.join(CACHE_DIR, `${createHash('sha256').update(absolute).digest('hex').slice(0, 24)}.json`);
  const store = (loaded: LoadedCourse) => setImmediate(() => write(file, key, loaded));
  try {
    // The key comes first (see write): an entry for other files is not worth reading (a course's entry is megabytes).
    if (startsWith(file, `{"key":${JSON.stringify(key)},`)) {
      const cached = JSON.parse(readFileSync(file, 'utf8')) as { key: string; loaded: LoadedCourse };
      // Checked again: another process may have replaced the entry between the two reads.
      if (cached.key === key) {
        touch(file);
        return { hit: cached.loaded, store, key };
      }
    }
  } catch {
    // no entry yet, or an unreadable one: load afresh
  }
  return { hit: null, store, key };
}

/** Does the file begin with `prefix` (ASCII)? Reads only that much of it. */
function startsWith(file: string, prefix: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(prefix.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.toString('latin1') === prefix;
  } finally {
    closeSync(fd);
  }
}

function write(file: string, key: string, loaded: LoadedCourse): void {
  try {
    // The key first: a lookup compares it before parsing the entry.
    writeWhole(file, JSON.stringify({ key, loaded }));
    // Once per process: a build may write every course of the catalogue.
    if (!pruned) pruneEntries(CACHE_DIR, MAX_ENTRIES);
    pruned = true;
  } catch {
    // a read-only install: work without the cache
  }
}

let pruned = false;
