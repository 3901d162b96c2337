/**
 * Unchanged packages are kept, not written again. Zips are deterministic, so a package
 * whose entries have the same digest as last time would come out byte for byte the same:
 * the build keeps the file on disk and its recorded size and SHA-256 instead of compressing
 * it again. A record is trusted only while the file (or every file of a folder) still has
 * the size and modification time it had when it was written; anything touched since is
 * rebuilt. The records are published with the packages, in the same output transaction,
 * so they always describe what is on disk.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { stampsOf, stillStamped } from './file-stamps.js';
import { folderDigest } from './folder.js';
import { WORK_DIR, type OutputTransaction } from './output.js';
import type { PackageEntry } from './zip.js';

const RECORDS_FILE = 'packages.json';

const recordSchema = z.object({
  /** Digest of the package's entries (paths and contents). */
  content: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  files: z.array(z.tuple([z.string(), z.number(), z.number()])),
});
type PackageRecord = z.infer<typeof recordSchema>;
const recordsSchema = z.object({ version: z.literal(1), packages: z.record(z.string(), recordSchema) });

/** Digest of a package's entries (paths and contents): what decides its bytes. A folder's is its own SHA-256. */
export const contentDigest = (entries: PackageEntry[]): string => folderDigest(entries).sha256;

export class PackageRecords {
  private readonly previous: Record<string, PackageRecord>;
  private readonly next: Record<string, PackageRecord>;
  private readonly file: string;
  /** Packages written by this build (on disk only once published). */
  private readonly staged = new Set<string>();

  /** @param out the real output folder */
  constructor(private readonly out: string) {
    this.file = path.join(out, WORK_DIR, RECORDS_FILE);
    let previous: Record<string, PackageRecord> = {};
    try {
      previous = recordsSchema.parse(JSON.parse(readFileSync(this.file, 'utf8'))).packages;
    } catch {
      // none yet, or unreadable: every package is written
    }
    this.previous = previous;
    this.next = { ...previous };
  }

  /**
   * The size and SHA-256 of `file` when it is on disk as it was written from the same entries.
   * @param file the package's path relative to the output folder (a folder ends in "/")
   * @param content its entries' digest
   */
  unchanged(file: string, content: string): { bytes: number; sha256: string } | null {
    const record = this.previous[file];
    if (!record || record.content !== content) return null;
    if (!stillStamped(path.join(this.out, file), record.files)) return null;
    return { bytes: record.bytes, sha256: record.sha256 };
  }

  /**
   * Remember a package just staged (its stamps are taken from the staged copy: publishing
   * renames it, which keeps size and modification time).
   */
  written(file: string, content: string, staged: string, written: { bytes: number; sha256: string }, paths: string[]): void {
    const files = stampsOf(staged, file.endsWith('/') ? paths : ['']);
    this.next[file] = { content, bytes: written.bytes, sha256: written.sha256, files };
    this.staged.add(file);
  }

  /** Stage the records, published after the packages they describe. */
  stage(output: OutputTransaction): void {
    const live = Object.fromEntries(Object.entries(this.next).filter(([file]) => existsSync(path.join(this.out, file)) || this.staged.has(file)));
    const staged = output.path(RECORDS_FILE);
    writeFileSync(staged, JSON.stringify({ version: 1, packages: live }));
    output.add(staged, this.file);
  }
}
