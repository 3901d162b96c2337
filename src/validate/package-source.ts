/**
 * A package as the checks see it: its entries, read up front, and the bytes of those the
 * checks need, whether it is a zip (zip-package.ts) or an unpacked folder (package.ts).
 */

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
  /** The CRC-32 the central directory gives the data (zip only). */
  crc32?: number;
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
  /**
   * The bytes of an entry, or an explanation when it cannot be read within `limit` bytes.
   * `damaged`: the zip's data is not what its headers say, which `inspect` tells in full.
   */
  read(name: string, limit: number): Promise<{ data: Buffer } | { error: string; tooLarge?: boolean; damaged?: boolean }>;
  /**
   * Zip only: what the entry at `index` of `entries` really holds, read from its local
   * header and its data rather than from the central directory. An entry already read
   * is not unpacked again: what its reading found is given.
   */
  inspect?(index: number, limit: number): Promise<StoredEntry | { error: string }>;
  close(): void;
}

/** An entry's local header, and what its data unpacks to. */
export interface StoredEntry {
  /** The local header's name, decoded as the central directory's is. */
  localName: string;
  localBadUtf8: boolean;
  /** Compression method in the central directory and in the local header. */
  method: number;
  localMethod: number;
  /** Bytes the data unpacks to, counting stopped past `limit`. */
  unpacked?: number;
  /** Why the data could not be unpacked (damaged deflate data, encryption, another method). */
  unpackError?: string;
  /** The CRC-32 of the unpacked data, when it was unpacked in full (within `limit`). */
  crc32?: number;
}

/** Folders deeper or larger than this are not walked further. */
export const MAX_ENTRIES = 20_000;

/** A package that could not be opened: no entries, and why. */
export function unopened(label: string, message: string): PackageSource {
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
