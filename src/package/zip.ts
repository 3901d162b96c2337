/**
 * Deterministic zip writing: entries sorted by name, fixed timestamps and modes,
 * UTF-8 names; written in the build's staging folder and published with the rest
 * of the build (see output.ts), so a failed or killed build never leaves a
 * half-written package.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import type { OutputTransaction } from './output.js';

/** One file of a package: its path inside the zip and its bytes. */
export interface PackageEntry {
  path: string;
  data: Buffer | string;
}

/** Every entry gets this date, so the same sources give the same bytes. */
const FIXED_DATE = new Date('2020-01-01T00:00:00Z');

export interface WrittenZip {
  file: string;
  bytes: number;
  sha256: string;
  /** Where it is staged until the output commits. */
  staged: string;
}

/** Write `entries` as the zip `file`, published when `output` commits; returns its size and SHA-256. */
export async function writeZip(file: string, entries: PackageEntry[], output: OutputTransaction): Promise<WrittenZip> {
  const temporary = output.path(file);
  const hash = createHash('sha256');
  let bytes = 0;
  // Loaded on first use: a build whose packages all come from the cache never compresses.
  const { ZipArchive } = await import('archiver');
  try {
    await new Promise<void>((resolve, reject) => {
      const output = createWriteStream(temporary);
      const archive = new ZipArchive({ zlib: { level: 9 } });
      output.on('close', resolve);
      output.on('error', reject);
      archive.on('error', reject);
      archive.on('warning', reject);
      archive.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
      });
      archive.pipe(output);
      const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      for (const entry of sorted) {
        archive.append(typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data, { name: entry.path, date: FIXED_DATE, mode: 0o644 });
      }
      void archive.finalize();
    });
    output.add(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return { file, bytes, sha256: hash.digest('hex'), staged: temporary };
}
