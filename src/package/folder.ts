/**
 * An unpacked package (the web build the catalogue opens): a real folder, so that it
 * survives `cp -r`, a zip or an upload as it is. It is written complete in the build's
 * staging folder and replaces the previous version when the build publishes (see
 * output.ts), so a reader never sees a mix of two versions.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

/** Hashes of large texts every package shares (runtime, strings, theme), computed once per process. */
const textHashes = new Map<string, string>();

function dataHash(data: Buffer | string): string {
  if (typeof data !== 'string') return createHash('sha256').update(data).digest('hex');
  let hash = textHashes.get(data);
  if (hash === undefined) {
    hash = createHash('sha256').update(data).digest('hex');
    // A course page is seen once per target; the runtime's scripts in every package.
    if (data.length > 4096) textHashes.set(data, hash);
  }
  return hash;
}

/** Stage `entries` as the folder `final`, published when `output` commits; returns its size and digest. */
export function writeFolder(final: string, entries: PackageEntry[], output: OutputTransaction): { bytes: number; sha256: string; staged: string } {
  const staged = output.path(path.basename(final));
  for (const entry of entries) {
    const file = path.join(staged, ...entry.path.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, entry.data);
  }
  output.add(staged, final, true);
  return { ...folderDigest(entries), staged };
}
