/**
 * Reading a spreadsheet into sheets of text cells: .xlsx with read-excel-file,
 * .csv with csv-parse (UTF-8, a byte-order mark allowed; commas or semicolons, or tabs for .tsv).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { firstInvalidByte } from '../course/source-file.js';
import { csvErrorCells } from './error-cells.js';
import { spreadMerged } from './merged-cells.js';
import { formatted } from './number-formats.js';
import { openWorkbook, sheetLayouts, type SheetLayout } from './workbook.js';
import { SpreadsheetError } from './spreadsheet-error.js';

export { SpreadsheetError };

export interface SheetRows {
  /** The sheet's name (the file name for a CSV file). */
  name: string;
  /** Rows of cells as text, top to bottom; row 1 is `rows[0]`. */
  rows: string[][];
  /** A CSV file's line on which each row starts (a quoted cell may hold line breaks); a workbook's rows are their lines. */
  lines?: number[];
  /** A workbook's sheet hidden in it. */
  hidden?: boolean;
  /** A workbook's rows hidden in the sheet (1-based). */
  hiddenRows?: number[];
  /** The code of each cell that shows a formula's error (`#DIV/0!`), by `row:column` (1-based). */
  errors: Map<string, string>;
}

/**
 * Cell values as the author sees them: numbers to Excel's own 15 digits (an ISBN stays whole),
 * without float noise; dates as ISO dates, with the time when there is one, and a time alone
 * (Excel's day 0, 1899-12-30) as the time.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const [date, time] = value.toISOString().slice(0, 16).split('T') as [string, string];
    if (date === '1899-12-30' || date === '1899-12-31') return time;
    return time === '00:00' ? date : `${date} ${time}`;
  }
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** Rows of a worksheet in Excel. */
const EXCEL_ROWS = 1_048_576;
/** Largest spreadsheet read (a bank of thousands of questions is a few megabytes). */
export const MAX_SPREADSHEET_BYTES = 20 * 1024 * 1024;
/** Most a workbook may unpack to: its parts are compressed, and a few hundred kilobytes can hold gigabytes. */
export const MAX_WORKBOOK_UNPACKED_BYTES = 100 * 1024 * 1024;


/** A CSV file's text: UTF-8 only (Excel's "CSV UTF-8"; its byte-order mark allowed). */
function csvText(bytes: Buffer, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidByte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad)).split('\n');
    throw new SpreadsheetError(`${name} is not UTF-8 text (a byte that UTF-8 cannot hold is here): save it as "CSV UTF-8", not as a CSV in the computer's own encoding (such as GBK)`, { line: before.length, column: before.at(-1)!.length + 1 });
  }
}

/**
 * The separator of a CSV file: ",", or ";" where Excel writes that (a computer whose decimal mark
 * is ","): the one the header row, which holds no quoted commas in practice, has more of.
 */
function csvDelimiter(text: string): ',' | ';' {
  const header = text.replace(/^\ufeff/, '').split('\n', 1)[0]!.replace(/"[^"]*"/g, '');
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/**
 * Every sheet of a workbook, or the one table of a CSV file.
 * @param file path of an .xlsx, .csv or .tsv file
 * @throws when the file cannot be read or is not a spreadsheet (the caller reports it; a SpreadsheetError may say where)
 */
export async function readSpreadsheet(file: string): Promise<SheetRows[]> {
  const extension = path.extname(file).toLowerCase();
  const name = path.basename(file);
  if (extension !== '.xlsx' && extension !== '.csv' && extension !== '.tsv') throw new Error(`${name} is not an .xlsx, .csv or .tsv file`);
  const size = statSync(file).size;
  if (size > MAX_SPREADSHEET_BYTES) throw new SpreadsheetError(`${name} is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_SPREADSHEET_BYTES / 1024 / 1024} MB limit: split it into several banks`);
  if (extension === '.csv' || extension === '.tsv') {
    const text = csvText(readFileSync(file), name);
    let records: Array<{ record: string[]; info: { lines: number } }>;
    try {
      records = parse(text, { bom: true, delimiter: extension === '.tsv' ? '\t' : csvDelimiter(text), relax_column_count: true, skip_empty_lines: false, info: true }) as unknown as typeof records;
    } catch (error) {
      const line = (error as { lines?: unknown }).lines;
      throw new SpreadsheetError(`${name} cannot be read as CSV: ${error instanceof Error ? error.message : String(error)}`, typeof line === 'number' && line > 0 ? { line, column: 1 } : undefined);
    }
    // A record ends on the line its info counts; the next starts on the line after.
    const lines = records.map((_, i) => (i === 0 ? 1 : records[i - 1]!.info.lines + 1));
    const rows = records.map(({ record }) => record.map(cellText));
    return [{ name, rows, lines, errors: csvErrorCells(rows) }];
  }
  const workbook = await openWorkbook(file);
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  let layouts: Map<string, SheetLayout>;
  try {
    const { unpacked } = workbook;
    if (unpacked > MAX_WORKBOOK_UNPACKED_BYTES) throw new SpreadsheetError(`${name} unpacks to ${(unpacked / 1024 / 1024).toFixed(0)} MB, over the ${MAX_WORKBOOK_UNPACKED_BYTES / 1024 / 1024} MB limit: split it into several banks`);
    [sheets, layouts] = await Promise.all([readXlsxFile(file), sheetLayouts(workbook, name)]);
  } finally {
    workbook.close();
  }
  return sheets.map((sheet) => {
    const layout = layouts.get(sheet.sheet);
    // A number as its format shows it (25%, 007, 2008年1月1日), an error as its code, then merged cells spread as shown.
    const shown = sheet.data.map((row, r) => row.map((value, c): { text: string; error?: string } | null => {
      if (value === null || value === undefined) return null;
      const format = layout?.formats.get(`${r}:${c}`);
      return { text: (format && (typeof value === 'number' || value instanceof Date) ? formatted(value, format) : null) ?? cellText(value) };
    }));
    // The reader gives an error cell no value, and leaves it out at a row's or the sheet's end. One
    // right of every value has no header, so it is not read either (and a sheet's rows end at Excel's).
    const width = shown.reduce((most, row) => Math.max(most, row.length), 0);
    for (const [at, error] of layout?.errors ?? []) {
      const [r, c] = at.split(':').map(Number) as [number, number];
      if (c >= width || r >= EXCEL_ROWS) continue;
      while (shown.length <= r) shown.push([]);
      const row = shown[r]!;
      while (row.length < c) row.push(null);
      row[c] = { text: error, error };
    }
    spreadMerged(shown, layout?.merged ?? [], `${name}[${sheet.sheet}]`);
    const errors = new Map<string, string>();
    shown.forEach((row, r) => row.forEach((cell, c) => cell?.error !== undefined && errors.set(`${r + 1}:${c + 1}`, cell.error)));
    return { name: sheet.sheet, rows: shown.map((row) => row.map((cell) => cell?.text ?? '')), hidden: layout?.hidden ?? false, hiddenRows: layout?.hiddenRows ?? [], errors };
  });
}
