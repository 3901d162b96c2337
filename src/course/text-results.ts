/**
 * Results that depend on a text alone (and the compiler), kept across commands: the question
 * sections of a bank, which fingerprint a course's texts for its translations, are not parsed
 * again while the bank is unchanged. One file per result (`<kind>/<SHA-256 of the text>.json`),
 * so that a command reads the results of its own texts only and writes only the new ones: one file
 * per kind, holding the results of every text of the catalogue, was read whole by every command and
 * written whole after every edit (about 20 ms of a `check` after an edit, with the catalogue four
 * times its size).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { CACHE_ROOT, writeWhole } from '../cache-files.js';
import { cacheOff, compilerVersion } from './cache.js';

/** Results kept per kind: a few catalogues' worth of banks. */
export const MAX_RESULTS = 2_000;
/** How far past MAX_RESULTS a kind may grow before the oldest go (so that pruning is rare). */
export const PRUNE_SLACK = 200;
export const TEXT_RESULTS_DIR = path.join(CACHE_ROOT, 'text-results');

/** A kept result, with the compiler that worked it out. */
interface ResultFile {
  compiler: string;
  result: unknown;
}

/** Each kind's results in this process (most recent last), and those not written yet. */
const kinds = new Map<string, Map<string, unknown>>();
const unsaved = new Map<string, Map<string, unknown>>();
/** Kinds whose folder this process has made and pruned. */
const prepared = new Set<string>();

/**
 * `compute(text)`, or what it gave for the same text before (in this process or an earlier one).
 * The result must be plain data (it is kept as JSON), and is shared: callers must not change it.
 */
export function resultOfText<T>(kind: string, text: string, compute: (text: string) => T): T {
  if (cacheOff()) return compute(text);
  const results = kinds.get(kind) ?? kinds.set(kind, new Map()).get(kind)!;
  const digest = createHash('sha256').update(text).digest('hex');
  if (results.has(digest)) return results.get(digest) as T;
  const kept = readResult(kind, digest);
  const result = kept ? (kept.result as T) : compute(text);
  results.set(digest, result);
  if (results.size > MAX_RESULTS) results.delete(results.keys().next().value!);
  if (!kept) keep(kind, digest, result);
  return result;
}

const fileOf = (kind: string, digest: string) => path.join(TEXT_RESULTS_DIR, kind, `${digest}.json`);

function readResult(kind: string, digest: string): ResultFile | null {
  try {
    const file = JSON.parse(readFileSync(fileOf(kind, digest), 'utf8')) as ResultFile;
    return file.compiler === compilerVersion() && Object.hasOwn(file, 'result') ? file : null;
  } catch {
    return null; // none yet, or unreadable: compute afresh
  }
}

/** Write a new result just after this piece of work (with the others it computes). */
function keep(kind: string, digest: string, result: unknown): void {
  if (unsaved.size === 0) setImmediate(save);
  (unsaved.get(kind) ?? unsaved.set(kind, new Map()).get(kind)!).set(digest, result);
}

function save(): void {
  const compiler = compilerVersion();
  for (const [kind, results] of unsaved) {
    try {
      if (!prepared.has(kind)) prepare(kind);
      for (const [digest, result] of results) writeWhole(fileOf(kind, digest), JSON.stringify({ compiler, result } satisfies ResultFile));
    } catch {
      // a read-only install: work without kept results
    }
  }
  unsaved.clear();
}

/** Make a kind's folder, and keep the MAX_RESULTS results written last once it holds PRUNE_SLACK more (once per process). */
function prepare(kind: string): void {
  prepared.add(kind);
  const dir = path.join(TEXT_RESULTS_DIR, kind);
  mkdirSync(dir, { recursive: true });
  // The table of the whole kind that earlier versions kept.
  rmSync(path.join(TEXT_RESULTS_DIR, `${kind}.json`), { force: true });
  const names = readdirSync(dir);
  if (names.length <= MAX_RESULTS + PRUNE_SLACK) return;
  const dated = names.flatMap((name) => {
    try {
      return [{ name, time: statSync(path.join(dir, name)).mtimeMs }];
    } catch {
      return []; // removed meanwhile by another process
    }
  });
  dated.sort((a, b) => b.time - a.time);
  for (const { name } of dated.slice(MAX_RESULTS)) rmSync(path.join(dir, name), { force: true });
}

/** Forget what this process holds, as a new process starts with only what is on disk (for tests). */
export function forgetTextResults(): void {
  kinds.clear();
  prepared.clear();
}
