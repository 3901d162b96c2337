/**
 * Merged cells of a workbook. A merged cell shows its value across its whole range: an author who
 * merges the points cell of ten questions means ten questions of that many points. Spreadsheet
 * readers give the value to the range's first cell only and leave the others empty, which would
 * silently become the default, so the value is spread over the range here.
 */
import path from 'node:path';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { SpreadsheetError } from './spreadsheet-error.js';

/** A merged range, 0-based and inclusive. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Most cells the merged ranges of one workbook may spread a value over (a sheet's worth many times over). */
const MAX_SPREAD_CELLS = 5_000_000;

/** "D5" → [4, 3] (row, column, 0-based); null when it is not a cell address. */
function cellAddress(text: string): [number, number] | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(text.trim().toUpperCase());
  if (!match) return null;
  let column = 0;
  for (const letter of match[1]!) column = column * 26 + letter.charCodeAt(0) - 64;
  return [Number(match[2]) - 1, column - 1];
}

/** "D5:D9" → a range; null when it is not one. */
export function mergedRange(ref: string): MergedRange | null {
  const [from, to = from] = ref.split(':');
  const start = from ? cellAddress(from) : null;
  const end = to ? cellAddress(to) : null;
  if (!start || !end) return null;
  return { top: Math.min(start[0], end[0]), left: Math.min(start[1], end[1]), bottom: Math.max(start[0], end[0]), right: Math.max(start[1], end[1]) };
}

/** Attributes of every element with this local name in an XML text, in document order. */
async function elements(stream: NodeJS.ReadableStream, name: string): Promise<Array<Record<string, string>>> {
  const found: Array<Record<string, string>> = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    if (tag.name === name || tag.name.endsWith(`:${name}`)) found.push(tag.attributes as Record<string, string>);
  });
  for await (const chunk of stream) parser.write(String(chunk));
  parser.close();
  return found;
}

/** An .xlsx file's zip: its parts by name, read on demand, and what they unpack to as its directory says. */
export interface Workbook {
  names: Set<string>;
  unpacked: number;
  read(name: string): Promise<NodeJS.ReadableStream>;
  close(): void;
}

/** Open a workbook's zip and list its parts (once: the size limit and the merged ranges both use it). */
export function openWorkbook(file: string): Promise<Workbook> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip file'));
      const entries = new Map<string, yauzl.Entry>();
      let unpacked = 0;
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, entry);
        unpacked += entry.uncompressedSize;
        zip.readEntry();
      });
      zip.on('error', reject);
      zip.on('end', () =>
        resolve({
          names: new Set(entries.keys()),
          unpacked,
          read: (name) =>
            new Promise((done, fail) => zip.openReadStream(entries.get(name)!, (e, stream) => (e || !stream ? fail(e ?? new Error(name)) : done(stream.setEncoding('utf8'))))),
          close: () => zip.close(),
        }),
      );
      zip.readEntry();
    });
  });
}

/**
 * The merged ranges of each sheet of an .xlsx workbook, by sheet name (sheets without any are absent).
 * @throws SpreadsheetError when the workbook's parts cannot be read as XML
 */
export async function mergedRanges(zip: Workbook, name: string): Promise<Map<string, MergedRange[]>> {
  try {
    const read = async (name: string, element: string) => (zip.names.has(name) ? elements(await zip.read(name), element) : []);
    const targets = new Map((await read('xl/_rels/workbook.xml.rels', 'Relationship')).map((r) => [r.Id, r.Target ?? '']));
    const merged = new Map<string, MergedRange[]>();
    for (const sheet of await read('xl/workbook.xml', 'sheet')) {
      const target = targets.get(sheet['r:id'] ?? '');
      if (!target || !sheet.name) continue;
      const part = target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`);
      const ranges = (await read(part, 'mergeCell')).map((m) => mergedRange(m.ref ?? '')).filter((r): r is MergedRange => r !== null);
      if (ranges.length) merged.set(sheet.name, ranges);
    }
    return merged;
  } catch (error) {
    throw new SpreadsheetError(`${name} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Give every empty cell of a merged range the value of the range's first cell, within the rows and
 * columns the sheet has.
 */
export function spreadMerged<T>(rows: Array<Array<T | null>>, ranges: MergedRange[], name: string): void {
  const width = Math.max(0, ...rows.map((r) => r.length));
  let budget = MAX_SPREAD_CELLS;
  for (const range of ranges) {
    const value = rows[range.top]?.[range.left];
    if (value === null || value === undefined) continue;
    for (let r = range.top; r <= Math.min(range.bottom, rows.length - 1); r++) {
      const row = rows[r]!;
      for (let c = range.left; c <= Math.min(range.right, width - 1); c++) {
        if (--budget < 0) throw new SpreadsheetError(`${name} has more merged cells than a question bank can hold: unmerge them`);
        if (row[c] === null || row[c] === undefined) row[c] = value;
      }
    }
  }
}
