/**
 * What a workbook's parts say beyond its cell values, which the spreadsheet reader does not give:
 * each sheet's merged ranges, whether it or some of its rows are hidden, and the number format
 * of each cell (`25%` is 0.25 shown as a percent).
 */
import path from 'node:path';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { cellAddress, mergedRange, type MergedRange } from './merged-cells.js';
import { formatCode } from './number-formats.js';
import { SpreadsheetError } from './spreadsheet-error.js';

/** An element's local name, its attributes and its parent's local name. */
interface Element {
  name: string;
  attributes: Record<string, string>;
  parent: string;
  /** An error cell's (`<c t="e">`) code, the text of its `<v>`: the sheet reader gives such a cell no value. */
  error?: string;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Every element with one of these local names in an XML text, in document order. */
async function elements(stream: NodeJS.ReadableStream, names: string[]): Promise<Element[]> {
  const found: Element[] = [];
  const open: string[] = [];
  let errorCell: Element | null = null;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const element = { name, attributes: tag.attributes as Record<string, string>, parent: open.at(-1) ?? '' };
    if (names.includes(name)) found.push(element);
    if (name === 'c') errorCell = element.attributes.t === 'e' ? Object.assign(element, { error: '' }) : null;
    if (!tag.isSelfClosing) open.push(name);
  });
  parser.on('text', (text) => {
    if (errorCell && open.at(-1) === 'v' && open.at(-2) === 'c') errorCell.error += text;
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) open.pop();
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

/** Open a workbook's zip and list its parts (once: the size limit and the sheets' layout both use it). */
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

/** What a sheet's part says beyond its values. */
export interface SheetLayout {
  /** Hidden (or "very hidden") in the workbook: the author does not see it. */
  hidden: boolean;
  merged: MergedRange[];
  /** Rows hidden in the sheet (1-based), by hand or by a filter. */
  hiddenRows: number[];
  /** The number format of each cell that has one other than General, by `row:column` (0-based). */
  formats: Map<string, string>;
  /** The code of each cell that shows a formula's error (`#DIV/0!`), by `row:column` (0-based). */
  errors: Map<string, string>;
}

/**
 * Each sheet's layout, by sheet name.
 * @throws SpreadsheetError when the workbook's parts cannot be read as XML
 */
export async function sheetLayouts(zip: Workbook, name: string): Promise<Map<string, SheetLayout>> {
  try {
    const read = async (part: string, names: string[]) => (zip.names.has(part) ? elements(await zip.read(part), names) : []);
    const targets = new Map((await read('xl/_rels/workbook.xml.rels', ['Relationship'])).map((r) => [r.attributes.Id, r.attributes.Target ?? '']));
    // Cell styles (cellXfs, not the named styles' xf) give a number format id; custom ones are listed by id.
    const styles = await read('xl/styles.xml', ['numFmt', 'xf']);
    const custom = new Map(styles.filter((e) => e.name === 'numFmt').map((e) => [Number(e.attributes.numFmtId), e.attributes.formatCode ?? '']));
    const cellFormats = styles.filter((e) => e.name === 'xf' && e.parent === 'cellXfs').map((e) => formatCode(Number(e.attributes.numFmtId ?? 0), custom));
    const layouts = new Map<string, SheetLayout>();
    for (const { attributes: sheet } of await read('xl/workbook.xml', ['sheet'])) {
      const target = targets.get(sheet['r:id'] ?? '');
      if (!target || !sheet.name) continue;
      const part = target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`);
      const layout: SheetLayout = { hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden', merged: [], hiddenRows: [], formats: new Map(), errors: new Map() };
      for (const e of await read(part, ['mergeCell', 'row', 'c'])) {
        if (e.name === 'mergeCell') {
          const range = mergedRange(e.attributes.ref ?? '');
          if (range) layout.merged.push(range);
        } else if (e.name === 'row') {
          if (e.attributes.hidden === '1' || e.attributes.hidden === 'true') layout.hiddenRows.push(Number(e.attributes.r));
        } else {
          const format = e.attributes.s ? cellFormats[Number(e.attributes.s)] : null;
          const at = format || e.error !== undefined ? cellAddress(e.attributes.r ?? '') : null;
          if (at && format) layout.formats.set(`${at[0]}:${at[1]}`, format);
          if (at && e.error !== undefined) layout.errors.set(`${at[0]}:${at[1]}`, e.error.trim());
        }
      }
      layouts.set(sheet.name, layout);
    }
    return layouts;
  } catch (error) {
    throw new SpreadsheetError(`${name} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
