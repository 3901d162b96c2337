/**
 * Reading author files: strict UTF-8 (a bad byte is reported at its line and
 * column), BOM dropped, and paths that cannot leave the course folder.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Largest Markdown or YAML source accepted: far above any real lesson, well below what could stall a build. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/** Largest YAML file accepted (course.yml, the project configuration): a few kilobytes in practice. */
export const MAX_YAML_BYTES = 256 * 1024;

/** Read a text file as UTF-8, or report `invalid-utf8` at the first bad byte (or `file-too-large`) and return null. */
export function readSourceText(absolute: string, display: string, sink: DiagnosticSink): string | null {
  const size = statSync(absolute).size;
  const limit = /\.ya?ml$/i.test(absolute) ? MAX_YAML_BYTES : MAX_SOURCE_BYTES;
  if (size > limit) {
    const shown = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);
    sink.report(display, { line: 1, column: 1 }, 'file-too-large', `${shown(size)} is over the ${shown(limit)} limit for a file of this kind`);
    return null;
  }
  const bytes = readFileSync(absolute);
  try {
    const decoded = decoder.decode(bytes);
    const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
    // XML 1.0 cannot carry these, even escaped, and titles and questions end up in manifests.
    const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.exec(text);
    if (control) {
      const lines = text.slice(0, control.index).split('\n');
      sink.report(display, { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 }, 'control-character', `the control character U+${control[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} cannot appear in a course file (no XML descriptor could carry it)`);
      return null;
    }
    reportInvisible(text, display, sink);
    return text;
  } catch {
    const bad = firstInvalidByte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const lines = before.split('\n');
    sink.report(display, { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 }, 'invalid-utf8', `byte 0x${bytes[bad]?.toString(16).padStart(2, '0')} at offset ${bad} is not valid UTF-8${savedAs(bytes)}`);
    return null;
  }
}

/**
 * Invisible characters that change what learners see or can type: direction controls (U+202A–E,
 * U+2066–9) show the text after them in another order, and a zero-width space, word joiner or
 * stray byte order mark makes two texts that look alike differ (two options, an accepted answer
 * and what a learner types). They come pasted from web pages and office files.
 */
const INVISIBLE = /[\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]/g;
/** Reports of them per file at most (the rest of the file's are counted in the last). */
const MAX_INVISIBLE_REPORTS = 10;

function reportInvisible(text: string, display: string, sink: DiagnosticSink): void {
  const found = [...text.matchAll(INVISIBLE)];
  for (const [i, match] of found.slice(0, MAX_INVISIBLE_REPORTS).entries()) {
    const code = match[0].charCodeAt(0);
    const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const what = code >= 0x202a ? `the direction control ${name}, which shows the text after it in another order` : `the invisible character ${name}, which makes this text differ from one that looks the same (an option, an accepted answer, what a learner types)`;
    const more = i === MAX_INVISIBLE_REPORTS - 1 && found.length > MAX_INVISIBLE_REPORTS ? ` (and ${found.length - MAX_INVISIBLE_REPORTS} more in this file)` : '';
    const lines = text.slice(0, match.index).split('\n');
    sink.report(display, { line: lines.length, column: lines.at(-1)!.length + 1 }, 'invisible-character', `this text holds ${what}${more}`);
  }
}

/**
 * Whether bytes read as Chinese in GBK: every byte above ASCII is one of a pair in the GB2312 range
 * (both bytes 0xA1–0xFE), as Chinese text saved as GBK is; a Latin-1 `é` before a letter is not.
 */
function looksGbk(bytes: Uint8Array): boolean {
  let pairs = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) continue;
    const [lead, trail] = [bytes[i]!, bytes[i + 1] ?? 0];
    if (lead < 0xa1 || lead > 0xf7 || trail < 0xa1 || trail > 0xfe) return false;
    pairs++;
    i++;
  }
  return pairs > 0;
}

/**
 * What a file that is not UTF-8 was saved as, when its bytes tell: Windows Notepad's "Unicode"
 * (UTF-16, with its byte order mark), or "ANSI" on a Chinese Windows (GBK, read as GB18030).
 */
function savedAs(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return ': the file is saved as UTF-16 (Windows Notepad calls it "Unicode"); save it as UTF-8';
  return looksGbk(bytes) ? ': the file looks saved as GBK/GB18030 (Windows calls it "ANSI" on a Chinese system); save it as UTF-8' : '';
}

/** Offset of the first byte that breaks UTF-8. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return 0;
}

/** `file`'s path inside `folder`, or null when it is not inside (both already resolved the same way). */
function pathInside(folder: string, file: string): string | null {
  const relative = path.relative(folder, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? null : relative;
}

/**
 * Is `file`, with every symbolic link followed, inside the real folder `realFolder`? (A link to a
 * `.env` elsewhere must not be read or published; one to a folder elsewhere must not be written to.)
 */
export function insideFolder(file: string, realFolder: string): boolean {
  try {
    return pathInside(realFolder, realpathSync(file)) !== null;
  } catch {
    return false;
  }
}

export type ResolvedPath =
  | {
      kind: 'inside';
      /** The file itself, every symbolic link followed. */
      absolute: string;
      /**
       * Its path inside the course folder, posix separators: the file's own, not a link's, so
       * that a package carries a file under the name (and type) that was checked: a link named
       * `page.html` to a `notes.png` must not publish the PNG's bytes as an HTML page.
       */
      relative: string;
    }
  | { kind: 'external' }
  | { kind: 'folder' }
  | { kind: 'escape'; reason: string }
  | { kind: 'missing'; relative: string };

/**
 * Resolve a URL found in a Markdown file of a course. External URLs (http, https,
 * mailto, tel, in-page anchors) are left alone; everything else must be a file
 * inside the course folder, checked after decoding and after following symlinks.
 */
export function resolveCourseUrl(url: string, fromFile: string, courseDir: string): ResolvedPath {
  const trimmed = url.trim();
  if (/^(https?:|mailto:|tel:)/i.test(trimmed) || trimmed.startsWith('#') || trimmed === '') return { kind: 'external' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return { kind: 'escape', reason: `the URL scheme of "${trimmed}" is not allowed` };
  if (trimmed.startsWith('//')) return { kind: 'escape', reason: `"${trimmed}" is a protocol-relative URL` };
  let decoded: string;
  try {
    decoded = decodeURIComponent(trimmed.replace(/[?#].*$/, ''));
  } catch {
    return { kind: 'escape', reason: `"${trimmed}" is not a well-formed URL` };
  }
  if (decoded.includes('\0')) return { kind: 'escape', reason: 'the path contains a NUL character' };
  if (path.isAbsolute(decoded) || /^[a-zA-Z]:[\\/]/.test(decoded) || decoded.startsWith('\\')) {
    return { kind: 'escape', reason: `"${trimmed}" is an absolute path` };
  }
  const absolute = path.resolve(path.dirname(fromFile), decoded);
  const relative = pathInside(courseDir, absolute);
  if (relative === null) return { kind: 'escape', reason: `"${trimmed}" points outside the course folder` };
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    return { kind: 'missing', relative: relative.split(path.sep).join('/') };
  }
  const realRelative = pathInside(realpathSync(courseDir), real);
  if (realRelative === null) return { kind: 'escape', reason: `"${trimmed}" is a symbolic link to a file outside the course folder` };
  if (statSync(real).isDirectory()) return { kind: 'folder' };
  return { kind: 'inside', absolute: real, relative: realRelative.split(path.sep).join('/') };
}

/**
 * A file's text, if it is a regular file of at most `limit` bytes inside `folder` (every link
 * followed); null otherwise, or when it cannot be read. For reads that report nothing themselves.
 */
export function readInside(file: string, folder: string, limit: number): string | null {
  try {
    const stat = statSync(file);
    if (!insideFolder(file, realpathSync(folder)) || !stat.isFile() || stat.size > limit) return null;
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** File names in course order: numbers in them compared as numbers (`2-…` before `10-…`). One collator for all (`localeCompare` with options makes one per comparison). */
const courseOrder = new Intl.Collator('en', { numeric: true }).compare;

/** The Markdown files of a folder, in course order. */
export const markdownFiles = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md') && statSync(path.join(dir, f)).isFile()).sort(courseOrder) : [];
