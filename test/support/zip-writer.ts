/**
 * A tiny zip writer for tests: it writes whatever it is given, including
 * entry names that real zip tools refuse (`../evil`, `/abs`, `a\b`,
 * duplicates), symbolic links, entries that share their data, and headers
 * that lie (a local name or method unlike the central one, a false size or CRC), so
 * that the validator can be tested on hostile archives.
 */
import { deflateRawSync, crc32 } from 'node:zlib';

export interface ZipEntryInput {
  /** The name exactly as stored. */
  name: string;
  data?: string | Buffer;
  /** Store as a Unix symbolic link (the data is the link target). */
  symlink?: boolean;
  /** Compress with deflate (default: stored). */
  deflate?: boolean;
  /** Point this entry's central directory record at the data of an earlier entry (by index). */
  shareDataWith?: number;
  /** Set the UTF-8 flag (bit 11) in both headers (default true); Info-ZIP's zip on Linux leaves it clear. */
  utf8Flag?: boolean;
  /** A name for the local header other than the central directory's. */
  localName?: string;
  /** A compression method for the local header other than the real one. */
  localMethod?: number;
  /** An unpacked size for both headers other than the real one (a lie). */
  declaredSize?: number;
  /** A CRC-32 for both headers other than the real one (damaged data, as far as a reader can tell). */
  declaredCrc?: number;
}

/** Build a zip file in memory. */
export function writeZip(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  const records: Array<{ offset: number; crc: number; method: number; stored: number; size: number }> = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const localName = Buffer.from(entry.localName ?? entry.name, 'utf8');
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? '', 'utf8');
    const method = entry.deflate ? 8 : 0;
    const flags = entry.utf8Flag === false ? 0 : 0x800; // names are UTF-8
    const body = entry.deflate ? deflateRawSync(data) : data;
    const shared = entry.shareDataWith !== undefined ? records[entry.shareDataWith]! : undefined;
    const record = shared ?? { offset, crc: entry.declaredCrc ?? crc32(data), method, stored: body.length, size: entry.declaredSize ?? data.length };
    if (!shared) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(flags, 6);
      local.writeUInt16LE(entry.localMethod ?? method, 8);
      local.writeUInt32LE(record.crc, 14);
      local.writeUInt32LE(record.stored, 18);
      local.writeUInt32LE(record.size, 22);
      local.writeUInt16LE(localName.length, 26);
      locals.push(local, localName, body);
      offset += 30 + localName.length + body.length;
    }
    records.push(record);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode bits count
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(record.method, 10);
    header.writeUInt32LE(record.crc, 16);
    header.writeUInt32LE(record.stored, 20);
    header.writeUInt32LE(record.size, 24);
    header.writeUInt16LE(name.length, 28);
    const mode = entry.symlink ? 0o120777 : entry.name.endsWith('/') ? 0o040755 : 0o100644;
    header.writeUInt32LE((mode << 16) >>> 0, 38);
    header.writeUInt32LE(record.offset, 42);
    central.push(header, name);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
