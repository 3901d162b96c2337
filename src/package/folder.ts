/**
 * Writing an unpacked package (the web build the catalogue opens) atomically.
 * A folder cannot be replaced in one step, so each version lives in a
 * content-named folder (`.web-<digest>`) and `web` is a symbolic link that is
 * swapped in one rename: readers see the old version or the new, never a mix.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Staging } from './staging.js';
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

/** Make `link` (a folder path) show exactly `entries`; returns their size and digest. */
export function writeFolder(link: string, entries: PackageEntry[], staging: Staging): { bytes: number; sha256: string } {
  const digest = folderDigest(entries);
  const parent = path.dirname(link);
  const versionName = `.${path.basename(link)}-${digest.sha256.slice(0, 16)}`;
  const version = path.join(parent, versionName);
  if (!existsSync(version)) {
    const temporary = staging.path(versionName);
    for (const entry of entries) {
      const file = path.join(temporary, ...entry.path.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, entry.data);
    }
    staging.publish(temporary, version);
  }
  // A real folder from an older layout cannot be swapped: remove it once.
  if (existsSync(link) && !lstatSync(link).isSymbolicLink()) rmSync(link, { recursive: true, force: true });
  const newLink = staging.path(`${path.basename(link)}.link`);
  symlinkSync(versionName, newLink, 'dir');
  // The link is relative to its own folder, so it is created in staging and moved beside `version`.
  staging.publish(newLink, link);
  for (const name of readdirSync(parent)) {
    if (name !== versionName && name.startsWith(`.${path.basename(link)}-`)) rmSync(path.join(parent, name), { recursive: true, force: true });
  }
  return digest;
}
