/**
 * Results that depend on a text alone (and the compiler), kept across commands: the question
 * sections of a bank, which fingerprint a course's texts for its translations, are not parsed
 * again while the bank is unchanged. One file per kind of result, of the most recent ones.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CACHE_ROOT, writeWhole } from '../cache-files.js';
import { cacheOff, compilerVersion } from './cache.js';

/** Results kept per kind (the most recent): a few catalogues' worth of banks. */
const MAX_RESULTS = 2_000;
const DIR = path.join(CACHE_ROOT, 'text-results');

interface KindFile {
  compiler: string;
  /** [SHA-256 of the text, its result], oldest first. */
  results: Array<[string, unknown]>;
}

/** Each kind's results in this process (read from disk at its first use), and whether some are new. */
const kinds = new Map<string, { results: Map<string, unknown>; unsaved: boolean }>();

/**
 * `compute(text)`, or what it gave for the same text before (in this process or an earlier one).
 * The result must be plain data (it is kept as JSON), and is shared: callers must not change it.
 */
export function resultOfText<T>(kind: string, text: string, compute: (text: string) => T): T {
  if (cacheOff()) return compute(text);
  const memo = kindMemo(kind);
  const digest = createHash('sha256').update(text).digest('hex');
  if (memo.results.has(digest)) return memo.results.get(digest) as T;
  const result = compute(text);
  memo.results.set(digest, result);
  if (memo.results.size > MAX_RESULTS) memo.results.delete(memo.results.keys().next().value!);
  if (!memo.unsaved) {
    memo.unsaved = true;
    // Once for all the results of this piece of work, just after it.
    setImmediate(() => save(kind, memo));
  }
  return result;
}

const fileOf = (kind: string) => path.join(DIR, `${kind}.json`);

function kindMemo(kind: string): { results: Map<string, unknown>; unsaved: boolean } {
  let memo = kinds.get(kind);
  if (!memo) kinds.set(kind, (memo = { results: new Map(readKind(kind)), unsaved: false }));
  return memo;
}

function readKind(kind: string): Array<[string, unknown]> {
  try {
    const file = JSON.parse(readFileSync(fileOf(kind), 'utf8')) as KindFile;
    return file.compiler === compilerVersion() ? file.results : [];
  } catch {
    return []; // none yet, or unreadable: compute afresh
  }
}

/** Write this process's results, after those another process wrote meanwhile (the newest last, the oldest dropped). */
function save(kind: string, memo: { results: Map<string, unknown>; unsaved: boolean }): void {
  memo.unsaved = false;
  const merged = new Map(readKind(kind));
  for (const [digest, result] of memo.results) {
    merged.delete(digest);
    merged.set(digest, result);
  }
  try {
    writeWhole(fileOf(kind), JSON.stringify({ compiler: compilerVersion(), results: [...merged].slice(-MAX_RESULTS) } satisfies KindFile));
  } catch {
    // a read-only install: work without kept results
  }
}

/** Forget what this process holds, as a new process starts with only what is on disk (for tests). */
export function forgetTextResults(): void {
  kinds.clear();
}
