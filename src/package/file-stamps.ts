/**
 * What a package's files were on disk when they were written: each file's size and modification
 * time. Files are only ever replaced whole, by a rename (see output.ts), so a file that still has
 * its stamp still has its bytes; anything written since, in place or not, shows. The build's
 * records of the output (reuse.ts) and the package cache (package-cache.ts) both trust a package
 * only while its files keep their stamps.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

/** [path inside the package, posix separators ('' for a zip, the package itself), size, mtime in ms]. */
export type FileStamp = [string, number, number];

/**
 * The stamps of a package's files as they are now.
 * @param base the package: a zip, or a folder
 * @param files paths inside the folder; [''] for a zip
 */
export function stampsOf(base: string, files: readonly string[]): FileStamp[] {
  return files.map((file) => {
    const stat = statSync(file ? path.join(base, ...file.split('/')) : base);
    return [file, stat.size, stat.mtimeMs];
  });
}

/** Whether every file of the package at `base` still has its stamp (false when one is missing). */
export function stillStamped(base: string, stamps: readonly FileStamp[]): boolean {
  try {
    return stampsOf(base, stamps.map(([file]) => file)).every(([, size, mtime], i) => size === stamps[i]![1] && mtime === stamps[i]![2]);
  } catch {
    return false;
  }
}
