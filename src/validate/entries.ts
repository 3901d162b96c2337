/**
 * Checks on the container: entry names that are unsafe to unpack on any
 * system (absolute, `..`, backslashes, Windows device names and reserved
 * characters, control and text-direction characters), duplicates, names that
 * collide on case-insensitive file systems, files that are also folders,
 * links, and sizes that betray a zip bomb or a damaged archive.
 */
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { INVISIBLE, WINDOWS_DEVICE, WINDOWS_RESERVED } from '../file-names.js';
import type { PackageEntry, PackageSource, StoredEntry } from './package.js';

/** Unpacked size above which a package is refused. */
export const MAX_TOTAL_BYTES = 1024 ** 3;
/** Ratio of unpacked to stored size above which a large entry is refused. */
export const MAX_RATIO = 200;
/** Entries smaller than this are never counted as bombs (tiny files compress well). */
const RATIO_MIN_BYTES = 1024 ** 2;

const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/** A name as it can be printed safely: invisible and reordering characters spelt out. */
export function shownName(name: string): string {
  return `"${name.replace(INVISIBLE_ALL, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`)}"`;
}

/** Why a name is unsafe, or undefined when it is fine. */
export function unsafeNameReason(name: string): string | undefined {
  if (name === '') return 'has an empty name';
  if (INVISIBLE.test(name)) {
    const c = INVISIBLE.exec(name)![0].codePointAt(0)!;
    const kind = (c >= 0x200e && c <= 0x2069) || c === 0x61c ? 'a text-direction character' : 'a control character';
    return `contains ${kind} (U+${c.toString(16).toUpperCase().padStart(4, '0')})`;
  }
  if (name.includes('\\')) return 'uses a backslash, which some systems read as a folder separator';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.includes('..')) return 'contains `..`, which points outside the package';
  if (segments.includes('.')) return 'contains a `.` folder';
  if (segments.some((s) => s === '')) return 'contains an empty folder name (`//`)';
  const device = segments.find((s) => WINDOWS_DEVICE.test(s));
  if (device) return `uses ${device}, a device name reserved by Windows`;
  const reserved = segments.find((s) => WINDOWS_RESERVED.test(s));
  if (reserved) return `contains ${WINDOWS_RESERVED.exec(reserved)![0]}, which Windows does not allow in file names`;
  const trailing = segments.find((s) => /[. ]$/.test(s));
  if (trailing) return 'has a name ending in a dot or space, which Windows drops';
  return undefined;
}

/** Report every container-level problem of a package. */
export function checkEntries(source: PackageSource, sink: DiagnosticSink): void {
  const file = source.label;
  if (source.problem) sink.report(file, undefined, source.entries.length ? 'package-zip-invalid' : 'package-unreadable', source.problem.message);

  const seen = new Map<string, PackageEntry>();
  const folded = new Map<string, string>();
  let total = 0;
  for (const entry of source.entries) {
    const reason = entry.badUtf8 ? 'is marked as UTF-8 but is not valid UTF-8' : unsafeNameReason(entry.name);
    if (reason) sink.report(file, undefined, 'package-entry-name', `entry ${shownName(entry.name)} ${reason}`);
    if (entry.symlink) sink.report(file, undefined, 'package-entry-link', `entry ${shownName(entry.name)} is a symbolic link`);

    if (seen.has(entry.name)) sink.report(file, undefined, 'package-entry-duplicate', `entry ${shownName(entry.name)} appears more than once`);
    else {
      seen.set(entry.name, entry);
      const key = foldName(entry.name);
      const other = folded.get(key);
      if (other !== undefined) sink.report(file, undefined, 'package-entry-case', `entries ${shownName(other)} and ${shownName(entry.name)} differ only in case or Unicode form`);
      else folded.set(key, entry.name);
    }

    total += entry.size;
    const stored = entry.compressedSize;
    if (declaresBomb(entry)) {
      sink.report(file, undefined, 'package-zip-bomb', `entry ${shownName(entry.name)} unpacks from ${stored} to ${entry.size} bytes (${Math.round(entry.size / Math.max(1, stored!))}:1)`);
    }
  }
  if (total > MAX_TOTAL_BYTES) sink.report(file, undefined, 'package-too-large', `the package unpacks to ${total} bytes, more than ${MAX_TOTAL_BYTES}`);
  checkFilesUsedAsFolders(source, sink);
  checkOverlap(source, sink);
}

/** Whether the sizes an entry declares already make it a bomb. */
function declaresBomb(entry: PackageEntry): boolean {
  return entry.compressedSize !== undefined && entry.size >= RATIO_MIN_BYTES && entry.size > entry.compressedSize * MAX_RATIO;
}

/**
 * What the zip's data holds, whatever its central directory says: every entry's local
 * header must give the same name and method (extractors that stream a zip read only local
 * headers, so a different name there is the file they write), and every entry's data is
 * read, unpacked if deflated, its bytes counted (never kept) and stopped just past its
 * declared size, and its CRC-32 compared with the declared one. The declared sizes have
 * passed the 200:1 and 1 GiB limits (checkEntries), so real data held to them passes too,
 * and the work is bounded by them: a zip whose headers lie about sizes is refused after at
 * most one chunk more than it declares. So are entries no LMS can unpack. Entries the other
 * checks read (descriptors, launch pages, scripts) were unpacked then, within the same
 * bounds: what that found is checked here, without unpacking them again.
 */
export async function checkStoredData(source: PackageSource, sink: DiagnosticSink): Promise<void> {
  if (!source.inspect) return;
  const file = source.label;
  // Sizes the central directory already gives away are reported; unpacking adds nothing then.
  const declaredTooLarge = source.entries.reduce((n, e) => n + e.size, 0) > MAX_TOTAL_BYTES;
  const inspectOne = async (index: number): Promise<void> => {
    const entry = source.entries[index]!;
    const measure = !declaredTooLarge && !declaresBomb(entry);
    const data = await source.inspect!(index, measure ? entry.size : 0);
    if ('error' in data) return void sink.report(file, undefined, 'package-zip-invalid', `entry ${shownName(entry.name)}: ${data.error}`);
    checkLocalHeader(source, sink, entry, data);
    if (data.unpackError) sink.report(file, undefined, 'package-zip-invalid', `entry ${shownName(entry.name)} cannot be unpacked: ${data.unpackError}`);
    else if (measure && data.unpacked !== undefined && data.unpacked !== entry.size) {
      const real = data.unpacked > entry.size ? `more than the ${entry.size} bytes` : `${data.unpacked} bytes, not the ${entry.size}`;
      sink.report(file, undefined, 'package-zip-invalid', `entry ${shownName(entry.name)} unpacks to ${real} its headers declare`);
    } else if (measure && data.crc32 !== undefined && data.crc32 !== entry.crc32) {
      sink.report(file, undefined, 'package-zip-crc', `entry ${shownName(entry.name)} unpacks to data whose CRC-32 is ${hex32(data.crc32)}, not the ${hex32(entry.crc32)} its headers declare`);
    }
  };
  // In order: entries lie one after another, and the zip is read a window at a time.
  for (let index = 0; index < source.entries.length; index++) await inspectOne(index);
}

/** A CRC-32 as zip tools print it. */
function hex32(value = 0): string {
  return value.toString(16).padStart(8, '0');
}

/** The local header must name the entry as the central directory does, with the same method. */
function checkLocalHeader(source: PackageSource, sink: DiagnosticSink, entry: PackageEntry, data: StoredEntry): void {
  if (data.localName !== entry.name || data.localBadUtf8 !== Boolean(entry.badUtf8)) {
    const reason = data.localBadUtf8 ? 'is marked as UTF-8 but is not valid UTF-8' : unsafeNameReason(data.localName);
    sink.report(
      source.label,
      undefined,
      reason ? 'package-entry-name' : 'package-zip-invalid',
      `entry ${shownName(entry.name)} is named ${shownName(data.localName)} in its local header${reason ? `, which ${reason}` : ''}: extractors that read local headers unpack it under that name`,
    );
  }
  if (data.localMethod !== data.method) {
    sink.report(source.label, undefined, 'package-zip-invalid', `entry ${shownName(entry.name)} is compressed with method ${data.method} in the central directory but ${data.localMethod} in its local header`);
  }
}

/**
 * A file whose name is also the folder of another entry (`player.js` and
 * `player.js/readme.txt`): no file system holds both, so unpacking fails or
 * keeps one of them, whichever the extractor meets first. Case-insensitive
 * systems clash on `Player.js` too. Sorted names make this n log n whatever
 * the depth of the names.
 */
function checkFilesUsedAsFolders(source: PackageSource, sink: DiagnosticSink): void {
  const sorted = source.entries.map((e) => ({ key: foldName(e.name), name: e.name })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const entry of source.entries) {
    if (entry.directory) continue;
    const prefix = `${foldName(entry.name)}/`;
    const inside = sorted[firstAtOrAfter(sorted, prefix)];
    if (!inside?.key.startsWith(prefix)) continue;
    const exact = inside.name.startsWith(`${entry.name}/`);
    sink.report(
      source.label,
      undefined,
      exact ? 'package-entry-duplicate' : 'package-entry-case',
      `entry ${shownName(entry.name)} is a file, but ${shownName(inside.name)} uses it as a folder${exact ? '' : ' on systems that ignore case'}`,
      'Rename the file or the folder: a file and a folder cannot have the same name, so an LMS unpacks only one of them.',
    );
  }
}

/** The name as case-insensitive file systems compare it. */
function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Index of the first key at or after `key` in keys sorted by code unit. */
function firstAtOrAfter(sorted: Array<{ key: string }>, key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.key < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Entries whose data overlap: a zip whose central directory points several
 * entries at the same bytes unpacks to far more than it stores (a
 * "non-recursive" zip bomb) and is never made by an honest zip tool.
 */
function checkOverlap(source: PackageSource, sink: DiagnosticSink): void {
  const located = source.entries.filter((e) => e.offset !== undefined).sort((a, b) => a.offset! - b.offset!);
  for (let i = 1; i < located.length; i++) {
    const previous = located[i - 1]!;
    // A local header is at least 30 bytes plus the name, followed by the stored data.
    const end = previous.offset! + 30 + (previous.nameBytes ?? 0) + (previous.compressedSize ?? 0);
    if (located[i]!.offset! < end) {
      sink.report(source.label, undefined, 'package-zip-invalid', `entries ${shownName(previous.name)} and ${shownName(located[i]!.name)} share stored data`);
      return;
    }
  }
}
