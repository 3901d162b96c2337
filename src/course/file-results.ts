/**
 * What compiling one Markdown file gave (a lesson rendered, a bank built, with the
 * diagnostics it reported and the files it linked), kept so that loading a course again
 * after an edit compiles only the edited files: in memory while a process lives (the
 * preview reloads a course after every save), and on disk, one entry per course folder,
 * for the next command (a `check` or `build` after a save parses one file, not the course).
 *
 * A result is reused only when nothing it depends on changed: its own text and place,
 * the lesson ids that links resolve to, and the rest of the course folder, taken as its
 * listing, where each symbolic link leads, and the size and times of every file that is
 * not Markdown (rendering checks linked files, and an SVG's content, through the disk);
 * for a kept entry, also the compiler's sources and the project's configuration.
 * Markdown files count by name only: a link to one leads to a lesson or is refused, whatever
 * it says, so saving a lesson leaves the other files' results valid.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { CACHE_ROOT, pruneEntries, writeWhole } from '../cache-files.js';
import { DiagnosticSink, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LRUCache } from 'lru-cache';
import type { RenderContext } from './render-html.js';
import { originsOf, restoreOrigins, type KeptOrigins } from './kept-origins.js';

/** Compile one file with a context (the caller's own work, or the kept result of it). */
export type FileCompiler = <T>(kind: string, text: string, ctx: RenderContext, compile: (ctx: RenderContext) => T) => T;

/** Compile, always: what a load from scratch does. */
export const compileAlways: FileCompiler = (_kind, _text, ctx, compile) => compile(ctx);

interface Kept {
  scope: string;
  /** SHA-256 of the text compiled. */
  digest: string;
  /** The text's length (what the memory bound counts). */
  length: number;
  /** The result as JSON: each reuse parses a copy of its own, so no caller changes what the next one gets. */
  json: string;
  /** Where the result's questions were written. */
  origins: KeptOrigins;
  diagnostics: Diagnostic[];
  assets: string[];
}

/**
 * How many files were compiled and how many results reused, since the thread started (for tests and
 * profiling); `derived` counts results worked out from a compiled file's output (see `derive`).
 */
export const fileResultCounts = { compiled: 0, reused: 0, derived: 0 };

/** Results of the texts compiled most recently, bounded by their length. */
const kept = new LRUCache<string, Kept>({
  maxSize: 4_000_000,
  maxEntrySize: 1_000_000,
  sizeCalculation: (entry) => Math.max(1, entry.length),
});

/** A compiler that reuses kept results, for one load of a course, and keeps what it compiled. */
export interface ReusingCompiler {
  compile: FileCompiler;
  /** Like `compile`, for a result worked out from a compiled file's output (a rendered lesson's links): counted apart. */
  derive: FileCompiler;
  /** Write the results of this load's files to the course folder's entry on disk (just after the caller's own work). */
  keep(): void;
}

/**
 * @param courseDir absolute course folder
 * @param lessonIds course-relative lesson path → lesson id (what links to lessons become)
 * @param onDisk what else the results depend on (the compiler and the configuration), to keep
 *   them on disk; null keeps them in memory only
 */
export function reusingCompiler(courseDir: string, lessonIds: ReadonlyMap<string, string>, onDisk: string | null = null): ReusingCompiler {
  if (onDisk !== null) readEntry(courseDir);
  const scope = createHash('sha256')
    .update(folderState(courseDir))
    .update('\0')
    .update(JSON.stringify([...lessonIds]))
    .update('\0')
    .update(onDisk ?? '')
    .digest('hex');
  const used: string[] = [];
  const reusing = (derived: boolean): FileCompiler => <T>(kind: string, text: string, ctx: RenderContext, compileFile: (ctx: RenderContext) => T): T => {
    const key = [kind, ctx.courseDir, ctx.file, ctx.display].join('\0');
    used.push(key);
    const digest = createHash('sha256').update(text).digest('hex');
    const known = kept.get(key);
    const reused = known && known.scope === scope && known.digest === digest ? replay(known, ctx) : NOT_KEPT;
    if (reused !== NOT_KEPT) {
      if (!derived) fileResultCounts.reused++;
      return reused as T;
    }
    fileResultCounts[derived ? 'derived' : 'compiled']++;
    const sink = new DiagnosticSink();
    const diagnostics = sink.items;
    const assets = new Set<string>();
    const own: RenderContext = { ...ctx, sink, assets };
    let value: T;
    try {
      value = compileFile(own);
    } finally {
      // What was reported before a failure still reaches the caller (guarded reports the failure).
      for (const d of diagnostics) ctx.sink.items.push(d);
      for (const a of assets) ctx.assets.add(a);
    }
    kept.set(key, { scope, digest, length: text.length, json: JSON.stringify(value) ?? 'null', origins: originsOf(value), diagnostics: diagnostics.map((d) => ({ ...d })), assets: [...assets] });
    return value;
  };
  const keep = () => {
    if (onDisk !== null) setImmediate(() => writeEntry(courseDir, used));
  };
  return { compile: reusing(false), derive: reusing(true), keep };
}

const NOT_KEPT = Symbol('not kept');

/** A kept result with its diagnostics and assets; NOT_KEPT when its JSON (a line of an entry on disk) cannot be read. */
function replay(known: Kept, ctx: RenderContext): unknown {
  let value: unknown;
  try {
    value = JSON.parse(known.json);
  } catch {
    return NOT_KEPT; // a damaged entry: compile afresh
  }
  for (const d of known.diagnostics) ctx.sink.items.push({ ...d });
  for (const a of known.assets) ctx.assets.add(a);
  restoreOrigins(value, known.origins);
  return value;
}

/** Where the results are kept on disk: one entry per course folder. */
const FILES_DIR = path.join(CACHE_ROOT, 'files');
/** Entries kept on disk (the most recently used), as many as the course cache keeps. */
const MAX_ENTRIES = 256;
/** Course folders whose entry this process has read (a long-lived process keeps its own results up to date). */
const read = new Set<string>();
let pruned = false;

/** The file of a course folder's kept results. */
export const keptResultsFile = (courseDir: string): string => path.join(FILES_DIR, `${createHash('sha256').update(courseDir).digest('hex').slice(0, 24)}.json`);

/**
 * A course folder's entry on disk: this header as a line of JSON, then each result's JSON on a
 * line of its own (JSON has no raw line breaks), as it is kept in memory. Written inside the
 * header, every result's JSON was escaped as a string and unescaped again: a few milliseconds of
 * every `check` after an edit, for a course of 700 KB of results.
 */
interface EntryHeader {
  format: 2;
  courseDir: string;
  /** Each result without its JSON, which is the line after the header of the same index. */
  results: Array<[string, Omit<Kept, 'json'>]>;
}

/** Take a course folder's kept results from disk, once per process (what memory holds is as new). */
function readEntry(courseDir: string): void {
  if (read.has(courseDir)) return;
  read.add(courseDir);
  try {
    const lines = readFileSync(keptResultsFile(courseDir), 'utf8').split('\n');
    const header = JSON.parse(lines[0]!) as EntryHeader;
    if (header.format !== 2 || header.courseDir !== courseDir || lines.length !== header.results.length + 1) return;
    header.results.forEach(([key, result], i) => {
      if (!kept.has(key)) kept.set(key, { ...result, json: lines[i + 1]! });
    });
  } catch {
    // no entry yet, or an unreadable one: compile afresh
  }
}

/** Write the results of the files a load used (those of files since removed are left out). */
function writeEntry(courseDir: string, keys: string[]): void {
  const results = keys.flatMap((key): Array<[string, Kept]> => {
    const result = kept.peek(key);
    return result ? [[key, result]] : [];
  });
  try {
    const header: EntryHeader = { format: 2, courseDir, results: results.map(([key, { json: _json, ...rest }]) => [key, rest]) };
    writeWhole(keptResultsFile(courseDir), [JSON.stringify(header), ...results.map(([, result]) => result.json)].join('\n'));
    if (!pruned) pruneEntries(FILES_DIR, MAX_ENTRIES);
    pruned = true;
  } catch {
    // a read-only install: work without kept results
  }
}

/**
 * Everything of a course folder that compiling one of its Markdown files can see through
 * the disk (see the module's comment). A folder of a few hundred files takes milliseconds.
 */
function folderState(courseDir: string): string {
  const lines: string[] = [];
  const walk = (dir: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      lines.push(`${dir}\0unreadable`);
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      let line = `${path.relative(courseDir, file)}\0${entry.isDirectory() ? 'd' : entry.isSymbolicLink() ? 'l' : 'f'}`;
      try {
        if (entry.isSymbolicLink()) line += `\0${realpathSync(file)}\0${lstatSync(file).ctimeMs}`;
        const stat = statSync(file);
        if (!stat.isDirectory() && !entry.name.endsWith('.md')) line += `\0${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}\0${stat.ino}`;
        lines.push(line);
        // Links are not followed into folders: what lies beyond is outside the course anyway, or already listed.
        if (entry.isDirectory() && depth < 32) walk(file, depth + 1);
      } catch {
        lines.push(`${line}\0broken`);
      }
    }
  };
  walk(courseDir, 0);
  return lines.join('\n');
}

/** Forget what this process holds, as a new process starts with only what is on disk (for tests). */
export function forgetKeptResults(): void {
  kept.clear();
  read.clear();
}
