/**
 * A content-hash cache of loaded courses, shared by build, check and preview:
 * a course whose files (and the compiler itself) did not change is not parsed
 * or rendered again. The key hashes every byte that can change the result:
 * each file of the course folder (symbolic links by their target), the project
 * configuration, the course's place in the project and the compiler's own sources.
 * Entries do not depend on where the project is: the same course in a copy of the
 * project (another checkout, a moved folder) is found in the entry of the first.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { CACHE_ROOT, hashDependencies, ownFilesDigest, pruneEntries, writeWhole } from '../cache-files.js';
import { entryText, readEntry, type CachedCourse } from './cache-entry.js';
import type { Project } from './config.js';
import type { LoadedCourse } from './load.js';
import { MODEL_VERSION } from './model.js';

/** Where entries are kept (one per course folder). */
export const CACHE_DIR = path.join(CACHE_ROOT, 'courses');
/**
 * Entries kept (the most recently used): room for a large catalogue in a few places, while
 * folders that moved or were temporary (every test run makes some) do not pile up for ever.
 */
export const MAX_ENTRIES = 256;

/** SKILLPACK_NO_CACHE=1 turns every cache of courses off: each command parses everything. */
export const cacheOff = (): boolean => Boolean(process.env.SKILLPACK_NO_CACHE);

let compilerHash: string | undefined;

/**
 * What turns a course into a model: every module under src/ that a course's load imports (folders
 * whole; test/course-cache.test.ts checks the list against the imports), and the dependencies as
 * installed (a new version of the Markdown stack may render otherwise).
 */
export const COMPILER_SOURCES = [
  ...['course', 'diagnostics', 'languages', 'runtime/strings', 'file-names.ts', 'paths.ts', 'cache-files.ts'],
  // What question types share with the exports and the spreadsheet import.
  ...['targets/names.ts', 'targets/xml.ts', 'targets/moodle-parts.ts', 'targets/qti-parts.ts', 'targets/course-files.ts', 'import/row-cells.ts', 'import/markdown-text.ts'],
  // How a fill-in answer is compared: the player and the exports share it.
  'runtime/question-types/fill-in-text.ts',
].map((source) => `src/${source}`);

/** Hash of the code that turns a course into a model (computed once per process). */
export function compilerVersion(): string {
  if (compilerHash) return compilerHash;
  const hash = createHash('sha256').update(`model ${MODEL_VERSION}\0`);
  hash.update(ownFilesDigest([...COMPILER_SOURCES, 'package.json']));
  hashDependencies(hash);
  return (compilerHash = hash.digest('hex'));
}

/**
 * Hash of everything a course's model depends on. Where the project is does not count (the
 * model and its diagnostics name files relative to the project), except for a course with
 * symbolic links: whether a link's target is inside the course depends on where it is.
 */
function courseKey(dir: string, project: Project): string {
  const hash = createHash('sha256')
    .update(compilerVersion())
    .update(JSON.stringify(project.config))
    .update(`at ${path.relative(project.root, dir).split(path.sep).join('/')}\0`);
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true })
    .map((e) => ({ entry: e, relative: path.relative(dir, path.join(e.parentPath, e.name)) }))
    .sort((a, b) => (a.relative < b.relative ? -1 : 1));
  for (const { entry, relative } of entries) {
    const full = path.join(dir, relative);
    if (entry.isSymbolicLink()) hash.update(`link ${relative}\0${readlinkSync(full)}\0in ${dir}\0`);
    else if (entry.isFile()) hash.update(`file ${relative}\0`).update(readFileSync(full)).update('\0');
  }
  return hash.digest('hex');
}

/** The folder's key as it is now (null when it cannot be read). */
function keyNow(dir: string, project: Project): string | null {
  try {
    return courseKey(dir, project);
  } catch {
    return null;
  }
}

/** The entry of a course folder (one per folder, so that a folder's edits replace its entry). */
export function entryFile(dir: string): string {
  return path.join(CACHE_DIR, `${createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 24)}.json`);
}

/** What the cache holds for a course folder: a still-valid model, and where a fresh one goes. */
export interface CacheLookup {
  /** The cached course, when nothing it depends on changed; null otherwise. */
  hit: CachedCourse | null;
  /**
   * Keep a freshly loaded course (written just after the caller's own work), if the folder is
   * still what the key was made from: a file saved while the course loaded would otherwise be
   * kept under the key of the text before the save, and served whenever that text came back (an
   * undo). The key it is kept under; null when it is not kept.
   */
  store(loaded: LoadedCourse): string | null;
  /** The course's key: a hash of everything its model depends on (null when the cache is off or the folder unreadable). */
  key: string | null;
  /** Not in the cache, but kept before with other contents: the course is being edited. */
  changed: boolean;
}

/**
 * Look a course folder up in the cache (SKILLPACK_NO_CACHE=1 turns it off). It does not load
 * the compiler: a command that finds every course here never pays for the Markdown stack.
 */
export function lookupCourse(dir: string, project: Project): CacheLookup {
  const absolute = path.resolve(dir);
  const none: CacheLookup = { hit: null, store: () => null, key: null, changed: false };
  if (cacheOff()) return none;
  let key: string;
  try {
    key = courseKey(absolute, project);
  } catch {
    return none; // unreadable folder: let the loader report it
  }
  const file = entryFile(absolute);
  const store = (loaded: LoadedCourse): string | null => {
    if (keyNow(absolute, project) !== key) return null;
    setImmediate(() => write(file, key, loaded));
    return key;
  };
  const found = readEntry(file, key, absolute);
  if (found) return { hit: found.course, store, key, changed: false };
  // The same course elsewhere (a copy of the project): its entry serves, and is kept for this folder too.
  const copy = entryWithKey(key, file, absolute);
  if (copy) {
    setImmediate(() => writeCopy(file, copy.bytes));
    return { hit: copy.course, store, key, changed: false };
  }
  return { hit: null, store, key, changed: existsSync(file) };
}

/** Another folder's entry with this key: only the first bytes of each are read. */
function entryWithKey(key: string, except: string, dir: string): { course: CachedCourse; bytes: Buffer } | null {
  let names: string[];
  try {
    names = readdirSync(CACHE_DIR).filter((name) => name.endsWith('.json'));
  } catch {
    return null;
  }
  for (const name of names) {
    const file = path.join(CACHE_DIR, name);
    if (file === except) continue;
    const found = readEntry(file, key, dir);
    if (found) return found;
  }
  return null;
}

function write(file: string, key: string, loaded: LoadedCourse): void {
  writeCopy(file, entryText(key, loaded));
}

function writeCopy(file: string, text: string | Buffer): void {
  try {
    writeWhole(file, text);
    // Once per process: a build may write every course of the catalogue.
    if (!pruned) pruneEntries(CACHE_DIR, MAX_ENTRIES);
    pruned = true;
  } catch {
    // a read-only install: work without the cache
  }
}

let pruned = false;
