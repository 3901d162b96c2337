/**
 * Writing an unpacked package (the web build the catalogue opens) atomically:
 * into a temporary folder, then swapped in with renames.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
    const data = typeof file.data === 'string' ? Buffer.from(file.data) : file.data;
    bytes += data.length;
    outer.update(`${file.path}\0${createHash('sha256').update(data).digest('hex')}\n`);
  }
  return { bytes, sha256: outer.digest('hex') };
}

/** Replace `dir` with exactly `entries`; returns its size and digest. */
export function writeFolder(dir: string, entries: PackageEntry[]): { bytes: number; sha256: string } {
  const temporary = `${dir}.${process.pid}.partial`;
  const old = `${dir}.${process.pid}.old`;
  rmSync(temporary, { recursive: true, force: true });
  for (const entry of entries) {
    const file = path.join(temporary, ...entry.path.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, entry.data);
  }
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(dir, old);
  } catch {
    // no previous build
  }
  renameSync(temporary, dir);
  rmSync(old, { recursive: true, force: true });
  return folderDigest(entries);
}
