/**
 * Reading a package: a zip (through yauzl, with names kept exactly as stored
 * so that unsafe ones can be reported rather than silently rejected or
 * rewritten) or an unpacked folder. Entries are listed up front; only the
 * files the checks need (descriptors, launch pages, scripts) are read, each
 * up to a size limit.
 */
import { lstat, open as openFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import yauzl from 'yauzl';

/** One file or folder of a package. */
export interface PackageEntry {
  /** The name as stored (zip) or the relative path with `/` (folder). */
  name: string;
  directory: boolean;
  symlink: boolean;
  /** Unpacked size in bytes, as the zip declares it. */
  size: number;
  /** Stored size in bytes (zip only). */
  compressedSize?: number;
  /** Where the entry's local header starts (zip only). */
  offset?: number;
  /** Length of the name in bytes (zip only). */
  nameBytes?: number;
  /** The zip marks the name as UTF-8 but the bytes are not. */
  badUtf8?: boolean;
}

/** A problem with the container itself (damaged zip, unreadable folder). */
export interface ContainerProblem {
  message: string;
}

export interface PackageSource {
  /** How the package is named in diagnostics: the path as given. */
  label: string;
  type: 'zip' | 'folder';
  entries: PackageEntry[];
  /** Set when the container could not be read (entries may then be incomplete). */
  problem?: ContainerProblem;
  /** The diagnostic file name of an entry: `pkg.zip!/imsmanifest.xml`, or `folder/imsmanifest.xml`. */
  fileLabel(name: string): string;
  /** The bytes of an entry, or an explanation when it cannot be read within `limit` bytes. */
  read(name: string, limit: number): Promise<{ data: Buffer } | { error: string; tooLarge?: boolean }>;
  close(): void;
}

/** Folders deeper or larger than this are not walked further. */
export const MAX_ENTRIES = 20_000;

/**
 * Open a zip file or folder; never throws for a bad package.
 * @param file the path to open
 * @param label how diagnostics name it (default: `file`)
 */
export async function openPackage(file: string, label = file): Promise<PackageSource> {
  let isFolder = false;
  try {
    isFolder = (await lstat(file)).isDirectory();
  } catch (error) {
    return failed(label, `cannot open ${label}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return isFolder ? openFolder(file, label) : openZip(file, label);
}

function failed(label: string, message: string): PackageSource {
  return {
    label,
    type: 'zip',
    entries: [],
    problem: { message },
    fileLabel: () => label,
    read: async () => ({ error: message }),
    close: () => {},
  };
}

async function openFolder(folder: string, label: string): Promise<PackageSource> {
  const entries: PackageEntry[] = [];
  let problem: ContainerProblem | undefined;
  const walk = async (relative: string): Promise<void> => {
    const items = await readdir(path.join(folder, relative), { withFileTypes: true });
    items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const item of items) {
      if (entries.length >= MAX_ENTRIES) {
        problem = { message: `more than ${MAX_ENTRIES} files; the rest were not checked` };
        return;
      }
      const name = relative ? `${relative}/${item.name}` : item.name;
      if (item.isSymbolicLink()) entries.push({ name, directory: false, symlink: true, size: 0 });
      else if (item.isDirectory()) {
        entries.push({ name: `${name}/`, directory: true, symlink: false, size: 0 });
        await walk(name);
      } else if (item.isFile()) {
        entries.push({ name, directory: false, symlink: false, size: (await lstat(path.join(folder, name))).size });
      }
    }
  };
  try {
    await walk('');
  } catch (error) {
    problem = { message: `cannot read the folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  return {
    label,
    type: 'folder',
    entries,
    problem,
    fileLabel: (name) => path.join(label, name),
    async read(name, limit) {
      const entry = entries.find((e) => e.name === name && !e.directory && !e.symlink);
      if (!entry) return { error: `${name} is not in the package` };
      if (entry.size > limit) return { error: `${name} is larger than ${limit} bytes`, tooLarge: true };
      try {
        return { data: await readFile(path.join(folder, name)) };
      } catch (error) {
        return { error: `cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
      }
    },
    close: () => {},
  };
}

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

function strictUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

async function openZip(file: string, label: string): Promise<PackageSource> {
  // A quick look at the first bytes gives a clearer message than yauzl's for non-zips.
  try {
    const handle = await openFile(file, 'r');
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    await handle.close();
    if (head.readUInt32LE(0) !== 0x04034b50 && head.readUInt32LE(0) !== 0x06054b50) {
      const descriptor = ['imsmanifest.xml', 'cmi5.xml', 'tincan.xml'].includes(path.basename(file).toLowerCase());
      return failed(label, descriptor ? `${label} is a descriptor: give the package folder that holds it, or its zip` : `${label} is neither a zip file nor a folder`);
    }
  } catch (error) {
    return failed(label, `cannot open ${label}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }

  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      yauzl.open(file, { lazyEntries: true, decodeStrings: false, autoClose: false, validateEntrySizes: true }, (error, z) => (error || !z ? reject(error) : resolve(z)));
    });
  } catch (error) {
    return failed(label, `damaged zip: ${(error as Error).message}`);
  }

  const entries: PackageEntry[] = [];
  const raw = new Map<string, yauzl.Entry>();
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
      });
      if (!raw.has(name)) raw.set(name, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (error: Error) => {
      problem = { message: `damaged zip: ${error.message}` };
      resolve();
    });
    zip.readEntry();
  });

  return {
    label,
    type: 'zip',
    entries,
    problem,
    fileLabel: (name) => `${label}!/${name}`,
    read(name, limit) {
      const entry = raw.get(name);
      if (!entry) return Promise.resolve({ error: `${name} is not in the package` });
      if (entry.uncompressedSize > limit) return Promise.resolve({ error: `${name} is larger than ${limit} bytes`, tooLarge: true });
      return new Promise((resolve) => {
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return resolve({ error: `cannot unpack ${name}: ${error?.message ?? 'no data'}` });
          const chunks: Buffer[] = [];
          let total = 0;
          stream.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > limit) {
              stream.destroy();
              return resolve({ error: `${name} unpacks to more than ${limit} bytes` });
            }
            chunks.push(chunk);
          });
          stream.on('end', () => resolve({ data: Buffer.concat(chunks) }));
          stream.on('error', (e: Error) => resolve({ error: `cannot unpack ${name}: ${e.message}` }));
        });
      });
    },
    close: () => zip.close(),
  };
}
