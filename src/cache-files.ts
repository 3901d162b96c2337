/**
 * What skillpack's caches (courses, packages, project configurations) share: where they live,
 * writing an entry so that a reader never sees half of it, marking an entry as used, and
 * keeping only the most recently used entries so that folders that moved or were temporary do
 * not pile up. Every entry is described by a `<name>.json` file; its mtime says when it was
 * last used.
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { PACKAGE_ROOT, packagePath } from './paths.js';

/** Where the caches live (one folder each). */
export const CACHE_ROOT = packagePath('node_modules', '.cache', 'skillpack');

let written = 0;

/**
 * Write `file` whole or not at all (through a temporary file and a rename; a link in its place is
 * replaced, not followed): cache entries, and the files `import` and `translate` write into a
 * course. The temporary name is this write's own: worker threads of one process write the same
 * entry (a text-results table) too.
 */
export function writeWhole(file: string, data: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}-${threadId}-${++written}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

/** Mark an entry as used now, so that pruning keeps it. */
export function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // read-only: the entry is simply older than it looks
  }
}

/**
 * Keep the `keep` most recently used entries of `dir` (by their `.json` files) and delete the rest.
 * @param payloadOf what else belongs to an entry, by its name without `.json` (deleted with it)
 */
export function pruneEntries(dir: string, keep: number, payloadOf: (name: string) => string[] = () => []): void {
  const entries: Array<{ name: string; used: number }> = [];
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.tmp')) {
      removeIfOlder(path.join(dir, file), LEFT_BEHIND_MS);
      continue;
    }
    if (!file.endsWith('.json')) continue;
    try {
      entries.push({ name: file.slice(0, -'.json'.length), used: statSync(path.join(dir, file)).mtimeMs });
    } catch {
      // removed meanwhile by another process
    }
  }
  if (entries.length <= keep) return;
  entries.sort((a, b) => b.used - a.used);
  for (const { name } of entries.slice(keep)) {
    for (const file of [`${name}.json`, ...payloadOf(name)]) rmSync(path.join(dir, file), { recursive: true, force: true });
  }
}

/** How old a temporary file or folder must be to count as left by a write that was killed (or hit a full disk). */
const LEFT_BEHIND_MS = 60 * 60 * 1000;

function removeIfOlder(file: string, ms: number): void {
  try {
    if (Date.now() - statSync(file).mtimeMs > ms) rmSync(file, { recursive: true, force: true });
  } catch {
    // removed meanwhile
  }
}

/** The files `names` stand for (relative to skillpack's folder, `/`-separated, sorted within each folder); null for a missing one. */
function ownFiles(names: readonly string[]): Array<{ name: string; files: string[] | null }> {
  return names.map((name) => {
    const at = packagePath(...name.split('/'));
    try {
      const files = statSync(at).isDirectory()
        ? readdirSync(at, { withFileTypes: true, recursive: true })
            .filter((entry) => entry.isFile())
            .map((entry) => `${name}/${path.relative(at, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`)
            .sort()
        : [name];
      return { name, files };
    } catch {
      return { name, files: null };
    }
  });
}

/** Digests of skillpack's own files by their sizes and times, the most recent last. */
const OWN_FILES_DIGESTS = path.join(CACHE_ROOT, 'own-files.json');
const KEPT_OWN_FILES_DIGESTS = 16;

/**
 * The SHA-256 of skillpack's own files, for a cache key: each of `names` (relative to skillpack's
 * folder) is a file or a folder, whose files count with their paths and contents, subfolders
 * included, in a stable order; a missing one counts as missing (an installed copy has no lock file).
 * Every command needs it, and reading the compiler's sources took a few milliseconds of each: the
 * digest is kept on disk by every file's size, modification and change times and inode, which any
 * write to a file changes (a change time cannot be set back), so a command whose files did not change
 * reads none of them.
 * @param digestsFile where the digests are kept (tests give their own)
 */
export function ownFilesDigest(names: readonly string[], digestsFile = OWN_FILES_DIGESTS): string {
  const listed = ownFiles(names);
  const stamp = createHash('sha256');
  for (const { name, files } of listed) {
    if (files === null) stamp.update(`${name}\0missing\0`);
    for (const file of files ?? []) {
      const stat = statSync(packagePath(...file.split('/')));
      stamp.update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}\0${stat.ino}\0`);
    }
  }
  const key = stamp.digest('hex');
  const kept = readOwnFilesDigests(digestsFile);
  const known = kept.find(([stampKey]) => stampKey === key);
  if (known) return known[1];
  const hash = createHash('sha256');
  for (const { name, files } of listed) {
    if (files === null) hash.update(`${name}\0missing\0`);
    for (const file of files ?? []) hash.update(`${file}\0`).update(readFileSync(packagePath(...file.split('/')))).update('\0');
  }
  const digest = hash.digest('hex');
  try {
    writeWhole(digestsFile, JSON.stringify([...kept, [key, digest]].slice(-KEPT_OWN_FILES_DIGESTS)));
  } catch {
    // a read-only install: read the files again next time
  }
  return digest;
}

function readOwnFilesDigests(file: string): Array<[string, string]> {
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(kept) ? kept.filter((e): e is [string, string] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string') : [];
  } catch {
    return []; // none yet, or unreadable
  }
}

/**
 * Add what pins skillpack's dependencies to a cache key (a new version of the Markdown stack may
 * render otherwise). A clone has its lock file. A copy installed as a dependency has none: there it
 * is npm's record of the install (`node_modules/.package-lock.json`, beside the copy or inside it),
 * and the installed version of each direct dependency, which other package managers leave too.
 * @param root skillpack's folder
 */
export function hashDependencies(hash: Hash, root = PACKAGE_ROOT): void {
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(lock)) {
    hash.update(readFileSync(lock));
    return;
  }
  for (const record of [path.join(root, '..', '.package-lock.json'), path.join(root, 'node_modules', '.package-lock.json')]) {
    hash.update(`${record}\0`).update(existsSync(record) ? readFileSync(record) : 'missing').update('\0');
  }
  const { dependencies = {} } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(dependencies).sort()) {
    const places = [path.join(root, 'node_modules', name, 'package.json'), path.join(root, '..', name, 'package.json')];
    hash.update(`${name}@${places.map(installedVersion).find((v) => v !== null) ?? 'missing'}\0`);
  }
}

function installedVersion(manifest: string): string | null {
  try {
    return String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version);
  } catch {
    return null;
  }
}
