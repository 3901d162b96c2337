/**
 * What compiling one Markdown file gave (a lesson rendered, a bank built, with the
 * diagnostics it reported and the files it linked), kept while the preview watches a
 * course, so that reloading the course after a save compiles only the saved file.
 *
 * A result is reused only when nothing it depends on changed: its own text and place,
 * the lesson ids that links resolve to, and the rest of the course folder, taken as its
 * listing, where each symbolic link leads, and the size and times of every file that is
 * not Markdown (rendering checks linked files, and an SVG's content, through the disk).
 * Markdown files count by name only: a link to one leads to a lesson or is refused, whatever
 * it says, so saving a lesson leaves the other files' results valid.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticSink, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LRUCache } from 'lru-cache';
import { copyPlainData, type RenderContext } from './markdown.js';
import { questionOrigin } from './questions.js';

/** Compile one file with a context (the caller's own work, or the kept result of it). */
export type FileCompiler = <T>(kind: string, text: string, ctx: RenderContext, compile: (ctx: RenderContext) => T) => T;

/** Compile, always: what every load but the preview's does. */
export const compileAlways: FileCompiler = (_kind, _text, ctx, compile) => compile(ctx);

interface Kept {
  scope: string;
  text: string;
  value: unknown;
  diagnostics: Diagnostic[];
  assets: string[];
}

/** How many files were compiled and how many results reused, since the thread started (for tests and profiling). */
export const fileResultCounts = { compiled: 0, reused: 0 };

/** Results of the texts compiled most recently, bounded by their length. */
const kept = new LRUCache<string, Kept>({
  maxSize: 4_000_000,
  maxEntrySize: 1_000_000,
  sizeCalculation: (entry) => Math.max(1, entry.text.length),
});

/**
 * A compiler that reuses kept results, for one load of a course.
 * @param courseDir absolute course folder
 * @param lessonIds course-relative lesson path → lesson id (what links to lessons become)
 */
export function reusingCompiler(courseDir: string, lessonIds: ReadonlyMap<string, string>): FileCompiler {
  const scope = createHash('sha256')
    .update(folderState(courseDir))
    .update('\0')
    .update(JSON.stringify([...lessonIds]))
    .digest('hex');
  return <T>(kind: string, text: string, ctx: RenderContext, compile: (ctx: RenderContext) => T): T => {
    const key = [kind, ctx.courseDir, ctx.file, ctx.display].join('\0');
    const known = kept.get(key);
    if (known && known.scope === scope && known.text === text) {
      fileResultCounts.reused++;
      return replay(known, ctx) as T;
    }
    fileResultCounts.compiled++;
    const sink = new DiagnosticSink();
    const diagnostics = sink.items;
    const assets = new Set<string>();
    const own: RenderContext = { ...ctx, sink, assets };
    let value: T;
    try {
      value = compile(own);
    } finally {
      // What was reported before a failure still reaches the caller (guarded reports the failure).
      for (const d of diagnostics) ctx.sink.items.push(d);
      for (const a of assets) ctx.assets.add(a);
    }
    kept.set(key, { scope, text, value: copyResult(value), diagnostics: diagnostics.map((d) => ({ ...d })), assets: [...assets] });
    return value;
  };
}

function replay(known: Kept, ctx: RenderContext): unknown {
  for (const d of known.diagnostics) ctx.sink.items.push({ ...d });
  for (const a of known.assets) ctx.assets.add(a);
  return copyResult(known.value);
}

/** A copy of a compiled result, so no caller changes what the next one gets; a question's copy keeps the place it was written at. */
const copyResult = <T>(value: T): T =>
  copyPlainData(value, (original, copy) => {
    const origin = questionOrigin.get(original as never);
    if (origin) questionOrigin.set(copy as never, origin);
  });

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
