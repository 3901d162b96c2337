/**
 * One entry of the course cache (see cache.ts): its format, reading it, and the course it holds.
 *
 * An entry is one JSON object: the key first (a lookup compares it before reading further), then
 * the head's length in bytes, the head (what a command needs without the model: diagnostics and
 * facts), and the loaded course without its diagnostics, with `dir` and `sources` relative to its
 * folder, and where its questions were written (for the exports' warnings at a question). The
 * length lets a lookup parse the head alone.
 */
import { closeSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import path from 'node:path';
import { touch } from '../cache-files.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { editionFacts, type CourseFacts } from './facts.js';
import type { LoadedCourse } from './load.js';
import { originsOf, restoreOrigins, type KeptOrigins } from './kept-origins.js';
import type { Course } from './model.js';

interface EntryHead {
  diagnostics: Diagnostic[];
  editions: CourseFacts[];
}
type EntryBody = Omit<LoadedCourse, 'dir' | 'diagnostics' | 'editions'>;

const keyPrefix = (key: string) => `{"key":${JSON.stringify(key)},"headBytes":`;
const BODY_PREFIX = ',"loaded":';

/**
 * A course from the cache: its diagnostics and facts are read at once, its model (megabytes of
 * JSON) only when something asks for it. A build whose packages all come from the package cache
 * never does, nor does `check`. The entry's bytes are kept as read, so the model is the one the
 * head came with even if another process replaces the entry meanwhile.
 */
export class CachedCourse implements LoadedCourse {
  readonly diagnostics: Diagnostic[];
  private body: EntryBody | null = null;
  /** The catalogue refused the course (its id is taken): it has no model and no editions. */
  private isRefused = false;

  constructor(
    readonly dir: string,
    private readonly head: EntryHead,
    private readonly bytes: Buffer,
    private readonly bodyAt: number,
    private readonly file: string,
  ) {
    this.diagnostics = head.diagnostics;
  }

  get editions(): readonly CourseFacts[] {
    return this.isRefused ? [] : this.head.editions;
  }

  get course(): Course | null {
    return this.isRefused ? null : this.read().course;
  }

  /** The same course, refused by the catalogue (see catalogue.ts): the entry on disk is not touched. */
  refused(): CachedCourse {
    const copy = new CachedCourse(this.dir, this.head, this.bytes, this.bodyAt, this.file);
    copy.isRefused = true;
    return copy;
  }

  get translations(): Course[] | undefined {
    return this.isRefused ? undefined : this.read().translations;
  }

  get assets(): string[] {
    return this.read().assets;
  }

  get sources(): string[] {
    return this.read().sources;
  }

  /** The course as a plain object (what a thread sends back, what a fresh load gives). */
  full(): LoadedCourse {
    const { translations, ...body } = this.read();
    return { ...body, course: this.course, ...(translations && !this.isRefused ? { translations } : {}), dir: this.dir, diagnostics: this.diagnostics };
  }

  private read(): EntryBody {
    if (!this.body) {
      let body: EntryBody;
      try {
        const { origins, ...parsed } = JSON.parse(this.bytes.toString('utf8', this.bodyAt, this.bytes.length - 1)) as EntryBody & { origins: KeptOrigins };
        restoreOrigins(parsed, origins);
        body = parsed;
      } catch {
        // Written whole or not at all, so damaged on disk or by hand: gone, the next command parses the course.
        rmSync(this.file, { force: true });
        throw new Error(`the course cache entry for ${this.dir} (${this.file}) was damaged and has been removed: run the command again`);
      }
      this.body = { ...body, sources: body.sources.map((source) => path.resolve(this.dir, source)) };
    }
    return this.body;
  }
}

/** The entry in `file` when its key is `key`, as a course in the folder `dir` (and the bytes it was read from). */
export function readEntry(file: string, key: string, dir: string): { course: CachedCourse; bytes: Buffer } | null {
  try {
    const prefix = keyPrefix(key);
    // An entry for other files is not worth reading (a course's entry is megabytes).
    if (!startsWith(file, prefix)) return null;
    const bytes = readFileSync(file);
    // Checked again: another process may have replaced the entry between the two reads.
    if (bytes.toString('latin1', 0, prefix.length) !== prefix) return null;
    const comma = bytes.indexOf(',', prefix.length);
    const headBytes = Number(bytes.toString('latin1', prefix.length, comma));
    const headAt = comma + ',"head":'.length;
    const bodyAt = headAt + headBytes + BODY_PREFIX.length;
    if (!Number.isInteger(headBytes) || bytes.toString('latin1', headAt + headBytes, bodyAt) !== BODY_PREFIX || bytes.at(-1) !== 0x7d) return null;
    const head = JSON.parse(bytes.toString('utf8', headAt, headAt + headBytes)) as EntryHead;
    touch(file);
    return { course: new CachedCourse(dir, head, bytes, bodyAt, file), bytes };
  } catch {
    return null; // no entry yet, or an unreadable one: load afresh
  }
}

/** The text of the entry for `loaded` under `key`. */
export function entryText(key: string, loaded: LoadedCourse): string {
  const { dir, sources, diagnostics, editions: _known, ...rest } = loaded;
  // Paths relative to the course folder, so that the entry serves a copy of the project as well.
  const body: EntryBody = { ...rest, sources: sources.map((source) => path.relative(dir, source)) };
  const head = JSON.stringify({ diagnostics, editions: [...editionFacts(loaded)] } satisfies EntryHead);
  // The origins go last, after the body they number: its copy is walked without them.
  return `${keyPrefix(key)}${Buffer.byteLength(head)},"head":${head}${BODY_PREFIX}${JSON.stringify({ ...body, origins: originsOf(body) })}}`;
}

/** Does the file begin with `prefix` (ASCII)? Reads only that much of it. */
function startsWith(file: string, prefix: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(prefix.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.toString('latin1') === prefix;
  } finally {
    closeSync(fd);
  }
}
