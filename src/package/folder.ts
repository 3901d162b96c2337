/**
 * An unpacked package (the web build the catalogue opens): a real folder, so that it
 * survives `cp -r`, a zip or an upload as it is. It is written complete in the build's
 * staging folder and replaces the previous version when the build publishes (see
 * output.ts), so a reader never sees a mix of two versions.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import type { OutputTransaction } from './output.js';
import type { PackageEntry } from './zip.js';

/**
 * Digest of a folder package: SHA-256 over `path NUL sha256(content) LF` of
 * every file, sorted by path (so it can be recomputed from the files on disk).
 */
export function folderDigest(files: Array<{ path: string; data: Buffer | string }>): { bytes: number; sha256: string } {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const outer = createHash('sha256');
  let bytes = 0;
  for (const file of sorted) {
    bytes += typeof file.data === 'string' ? Buffer.byteLength(file.data) : file.data.length;
    outer.update(`${file.path}\0${dataHash(file.data)}\n`);
  }
  return { bytes, sha256: outer.digest('hex') };
}

/**
 * Hashes of the large texts hashed most recently: the runtime's scripts, which every package
 * carries, and a package's pages, hashed for its cache key and again as it is written. Bounded
 * by the texts' length: keeping every page a process ever hashed held 100 MB of a cold build's
 * pages, and grew with every save in the preview.
 */
const textHashes = new LRUCache<string, string>({ maxSize: 8_000_000, sizeCalculation: (_hash, text) => text.length });

function dataHash(data: Buffer | string): string {
  if (typeof data !== 'string') return createHash('sha256').update(data).digest('hex');
  let hash = textHashes.get(data);
  if (hash === undefined) {
    hash = createHash('sha256').update(data).digest('hex');
    if (data.length > 4096) textHashes.set(data, hash);
  }
  return hash;
}

/**
 * Make the folder `root` and every folder the `files` (paths inside it, posix separators) are in,
 * one depth at a time, on libuv's thread pool. A warm build places 168 web folders of 4 folders
 * each: Node's recursive mkdir was eight times slower than a plain one on a path whose parents
 * are missing, and either one, done on the main thread, held up reading the next course.
 */
export async function makeFolders(root: string, files: readonly string[]): Promise<void> {
  const byDepth: Array<Set<string>> = [];
  for (const file of files) {
    const parts = file.split('/');
    for (let depth = 1; depth < parts.length; depth++) (byDepth[depth - 1] ??= new Set()).add(parts.slice(0, depth).join('/'));
  }
  await mkdir(root, { recursive: true });
  for (const folders of byDepth) {
    await Promise.all(
      [...folders].map((folder) =>
        mkdir(path.join(root, ...folder.split('/'))).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error;
        }),
      ),
    );
  }
}

/** Stage `entries` as the folder `final`, published when `output` commits; returns its size and digest. */
export async function writeFolder(final: string, entries: PackageEntry[], output: OutputTransaction): Promise<{ bytes: number; sha256: string; staged: string }> {
  const staged = output.path(path.basename(final));
  await makeFolders(staged, entries.map((entry) => entry.path));
  for (const entry of entries) writeFileSync(path.join(staged, ...entry.path.split('/')), entry.data);
  output.add(staged, final, true);
  return { ...folderDigest(entries), staged };
}
