/**
 * Writing an unpacked package (the web build the catalogue opens) atomically:
 * into a temporary folder, then swapped in with renames.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PackageEntry } from './zip.js';

/** Replace `dir` with exactly `entries`. */
export function writeFolder(dir: string, entries: PackageEntry[]): void {
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
}
