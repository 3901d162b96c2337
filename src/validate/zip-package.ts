/**
 * Reading a zip package through yauzl, with names kept exactly as stored so that unsafe ones
 * can be reported rather than silently rejected or rewritten. Entries are listed up front; the
 * files the checks need are read, each up to a size limit, and entries can also be inspected one
 * by one: the local header as it really is, the number of bytes the data unpacks to and their
 * CRC-32. Each entry's data is unpacked once, whether read, inspected or both.
 */
import { open as openFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
// zlib's crc32 is in every Node this runs on (20.15 and later; package.json asks for 20.19).
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { MAX_ENTRIES, unopened, type ContainerProblem, type PackageEntry, type PackageSource, type StoredEntry } from './package-source.js';

const UNIX_FILE_TYPE = 0o170000;
const UNIX_SYMLINK = 0o120000;

const INFO_ZIP_UNICODE_PATH = 0x7075;
const UTF8_FLAG = 0x800;

/**
 * An entry name as extractors read it. The UTF-8 flag, or Info-ZIP's Unicode path field,
 * decides when present. Without them the zip specification says CP437, but Info-ZIP's
 * `zip` on Linux and most tools since write UTF-8 without the flag, and unzip, libzip
 * (Moodle) and Java read such names as UTF-8: bytes that are valid UTF-8 are taken as
 * UTF-8 (libzip's guess), anything else as CP437. Backslashes are kept as they are
 * (strictFileNames), so that they can be reported.
 */
function decodeEntryName(flags: number, raw: Buffer, extraFields: yauzl.Entry['extraFields']): { name: string; badUtf8: boolean } {
  const utf8 = strictUtf8(raw);
  const flagged = (flags & UTF8_FLAG) !== 0;
  if (!flagged && utf8 !== undefined && !extraFields.some((f) => f.id === INFO_ZIP_UNICODE_PATH)) return { name: utf8, badUtf8: false };
  return { name: yauzl.getFileNameLowLevel(flags, raw, extraFields, true), badUtf8: flagged && utf8 === undefined };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function strictUtf8(bytes: Buffer): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

export async function openZip(file: string, label: string): Promise<PackageSource> {
  let reader: WindowedReader;
  try {
    const handle = await openFile(file, 'r');
    const size = await handle.stat().then(
      (stats) => stats.size,
      (error: unknown) => handle.close().then(() => Promise.reject(error)),
    );
    reader = new WindowedReader(handle, size);
  } catch (error) {
    return unopened(label, `cannot open ${label}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  // A quick look at the first bytes gives a clearer message than yauzl's for non-zips.
  const head = await reader.bytes(0, 4).catch(() => undefined);
  if (head?.length !== 4 || (head.readUInt32LE(0) !== 0x04034b50 && head.readUInt32LE(0) !== 0x06054b50)) {
    reader.close(() => {});
    const descriptor = ['imsmanifest.xml', 'cmi5.xml', 'tincan.xml'].includes(path.basename(file).toLowerCase());
    return unopened(label, descriptor ? `${label} is a descriptor: give the package folder that holds it, or its zip` : `${label} is neither a zip file nor a folder`);
  }

  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(reader, reader.size, { lazyEntries: true, decodeStrings: false, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    reader.close(() => {});
    return unopened(label, `damaged zip: ${(error as Error).message}`);
  }

  const entries: PackageEntry[] = [];
  const raw = new Map<string, yauzl.Entry>();
  const listed: yauzl.Entry[] = [];
  let problem: ContainerProblem | undefined;
  await new Promise<void>((resolve) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entries.length >= MAX_ENTRIES) {
        problem = { message: `more than ${MAX_ENTRIES} entries; the rest were not checked` };
        return resolve();
      }
      const nameBuffer = entry.fileName as unknown as Buffer; // decodeStrings: false gives the raw bytes
      const { name, badUtf8 } = decodeEntryName(entry.generalPurposeBitFlag, nameBuffer, entry.extraFields);
      const madeByUnix = entry.versionMadeBy >> 8 === 3;
      const symlink = madeByUnix && ((entry.externalFileAttributes >>> 16) & UNIX_FILE_TYPE) === UNIX_SYMLINK;
      entries.push({
        name,
        directory: name.endsWith('/') || name.endsWith('\\'),
        symlink,
        size: entry.uncompressedSize,
        compressedSize: entry.compressedSize,
        offset: entry.relativeOffsetOfLocalHeader,
        nameBytes: nameBuffer.length,
        badUtf8,
        crc32: entry.crc32,
      });
      if (!raw.has(name)) raw.set(name, entry);
      listed.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (error: Error) => {
      problem = { message: `damaged zip: ${error.message}` };
      resolve();
    });
    zip.readEntry();
  });

  // What each entry was found to hold (its data not kept), so that one read and then inspected is unpacked once.
  const unpacked = new Map<yauzl.Entry, Promise<Unpacked>>();
  const unpack = (entry: yauzl.Entry, limit: number, keep: boolean): Promise<Unpacked> => {
    const result = unpackEntry(zip, reader, entry, limit, keep).catch((error: unknown) => ({ found: { error: `cannot read it: ${(error as NodeJS.ErrnoException).code ?? String(error)}` } }));
    unpacked.set(entry, result.then(({ found }) => ({ found })));
    return result;
  };

  return {
    label,
    type: 'zip',
    entries,
    problem,
    fileLabel: (name) => `${label}!/${name}`,
    async read(name, limit) {
      const entry = raw.get(name);
      if (!entry) return { error: `${name} is not in the package` };
      if (entry.uncompressedSize > limit) return { error: `${name} is larger than ${limit} bytes`, tooLarge: true };
      const { found, data } = await unpack(entry, entry.uncompressedSize, true);
      if (!data || 'error' in found || found.unpacked !== entry.uncompressedSize || found.crc32 !== entry.crc32) return { error: `${name} is damaged`, damaged: true };
      return { data };
    },
    async inspect(index, limit) {
      const entry = listed[index];
      if (!entry) return { error: `no entry ${index}` };
      return (await (unpacked.get(entry) ?? unpack(entry, limit, false))).found;
    },
    close: () => zip.close(),
  };
}

const DEFLATE = 8;
/** Bytes read at once when entries are listed and inspected: most entries of a package are smaller. */
const WINDOW_BYTES = 1024 ** 2;
/** Bytes read at once when an entry's data is streamed. */
const STREAM_CHUNK_BYTES = 64 * 1024;
/** Entries up to these sizes are inflated at once in memory; larger ones are streamed. */
const SMALL_STORED_BYTES = 1024 ** 2;
const SMALL_UNPACKED_BYTES = 8 * 1024 ** 2;

/**
 * The zip file as yauzl reads it, in windows of 1 MiB: the central directory's records lie
 * one after another, and so do the entries, so listing them and reading their local headers
 * in order takes a read per window rather than two per entry. Entries' data that is streamed
 * is read straight from the file.
 */
class WindowedReader extends yauzl.RandomAccessReader {
  private window = Buffer.alloc(0);
  private start = 0;
  constructor(private readonly handle: FileHandle, readonly size: number) {
    super();
  }

  /** `length` bytes at `position`, fewer at the end of the file. */
  async bytes(position: number, length: number): Promise<Buffer> {
    if (position < this.start || position + length > this.start + this.window.length) {
      const span = Math.max(0, Math.min(Math.max(length, WINDOW_BYTES), this.size - position));
      const buffer = Buffer.alloc(span);
      const { bytesRead } = await this.handle.read(buffer, 0, span, position);
      this.window = buffer.subarray(0, bytesRead);
      this.start = position;
    }
    return this.window.subarray(position - this.start, position - this.start + length);
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (error: Error | null) => void): void {
    this.bytes(position, length).then(
      (bytes) => {
        bytes.copy(buffer, offset);
        callback(bytes.length < length ? new Error('unexpected end of file') : null);
      },
      (error: Error) => callback(error),
    );
  }

  /** Bytes `start` to `end` in chunks (not a file stream: destroying one would close the shared handle). */
  override _readStreamForRange(start: number, end: number): Readable {
    const handle = this.handle;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let position = start; position < end; ) {
        const length = Math.min(STREAM_CHUNK_BYTES, end - position);
        const { bytesRead, buffer } = await handle.read(Buffer.alloc(length), 0, length, position);
        if (!bytesRead) throw new Error('unexpected end of file');
        position += bytesRead;
        yield buffer.subarray(0, bytesRead);
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  override close(callback: (error: Error | null) => void): void {
    this.handle.close().then(() => callback(null), () => callback(null));
  }
}

/** What an entry's local header and data hold, and its unpacked bytes when they were kept. */
interface Unpacked {
  found: StoredEntry | { error: string };
  data?: Buffer;
}

/**
 * Read an entry's local header, then its data: unpacked (if deflated), counted up to `limit`
 * bytes, its CRC-32 worked out when within them, and kept when `keep`.
 */
async function unpackEntry(zip: yauzl.ZipFile, file: WindowedReader, entry: yauzl.Entry, limit: number, keep: boolean): Promise<Unpacked> {
  let header: yauzl.LocalFileHeader;
  try {
    header = await zip.readLocalFileHeaderPromise(entry);
  } catch (error) {
    return { found: { error: `its local header cannot be read where the central directory puts it (${(error as Error).message})` } };
  }
  const { name, badUtf8 } = decodeEntryName(header.generalPurposeBitFlag, header.fileName, safeExtraFields(header.extraField));
  const stored: StoredEntry = { localName: name, localBadUtf8: badUtf8, method: entry.compressionMethod, localMethod: header.compressionMethod };
  if (entry.isEncrypted()) return { found: { ...stored, unpackError: 'it is encrypted' } };
  const deflated = entry.compressionMethod === DEFLATE;
  if (!deflated && entry.compressionMethod !== 0) return { found: { ...stored, unpackError: `it uses compression method ${entry.compressionMethod}; LMSs unpack only stored and deflated entries` } };
  const data =
    entry.compressedSize <= SMALL_STORED_BYTES && limit <= SMALL_UNPACKED_BYTES
      ? unpackSmall(await file.bytes(header.fileDataStart, entry.compressedSize), deflated, limit, keep)
      : await unpackStreaming(zip, entry, header.fileDataStart, deflated, limit, keep);
  if ('error' in data) return { found: { ...stored, unpackError: data.error } };
  return { found: { ...stored, unpacked: data.bytes, crc32: data.crc32 }, data: keep ? data.kept : undefined };
}

function safeExtraFields(extra: Buffer): yauzl.Entry['extraFields'] {
  try {
    return yauzl.parseExtraFields(extra);
  } catch {
    return []; // a malformed extra field: the name is then read from the name bytes alone
  }
}

/**
 * What an entry's data unpacks to: its length, counting stopped past the limit, and within
 * it, the bytes and their CRC-32.
 */
type UnpackedData = { bytes: number; kept?: Buffer; crc32?: number } | { error: string };

/** Unpack a small entry at once, making at most `limit` + 1 bytes. */
function unpackSmall(data: Buffer, deflated: boolean, limit: number, keep: boolean): UnpackedData {
  // Stored data kept is a copy, so that it does not hold on to the whole window it lies in.
  if (!deflated) return { bytes: data.length, kept: keep ? Buffer.from(data) : undefined, crc32: crc32(data) };
  try {
    const kept = inflateRawSync(data, { maxOutputLength: limit + 1 });
    return kept.length > limit ? { bytes: kept.length } : { bytes: kept.length, kept, crc32: crc32(kept) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { bytes: limit + 1 };
    return { error: (error as Error).message };
  }
}

/**
 * Unpack a large entry as a stream, counting what comes out (kept only when `keep`) and
 * stopping as soon as it passes `limit`.
 */
function unpackStreaming(zip: yauzl.ZipFile, entry: yauzl.Entry, dataStart: number, deflated: boolean, limit: number, keep: boolean): Promise<UnpackedData> {
  return new Promise((resolve) => {
    // The raw stored bytes (decompress false): inflated here, so that yauzl's own size check
    // (against the declared size this is meant to verify) does not decide what is reported.
    zip.openReadStreamLowLevel(dataStart, entry.compressedSize, 0, entry.compressedSize, false, entry.uncompressedSize, (error, stored) => {
      if (error || !stored) return resolve({ error: error?.message ?? 'no data' });
      const inflate = deflated ? createInflateRaw() : undefined;
      const out = inflate ?? stored;
      const chunks: Buffer[] = [];
      let bytes = 0;
      let crc = 0;
      let settled = false;
      const finish = (result: UnpackedData) => {
        if (settled) return;
        settled = true;
        if (inflate) stored.unpipe(inflate);
        stored.destroy();
        inflate?.destroy();
        resolve(result);
      };
      out.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > limit) return finish({ bytes });
        crc = crc32(chunk, crc);
        if (keep) chunks.push(chunk);
      });
      out.on('end', () => finish({ bytes, kept: keep ? Buffer.concat(chunks) : undefined, crc32: crc }));
      out.on('error', (e: Error) => finish({ error: e.message }));
      if (inflate) {
        stored.on('error', (e: Error) => finish({ error: e.message }));
        stored.pipe(inflate);
      }
    });
  });
}
