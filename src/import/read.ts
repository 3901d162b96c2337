/**
 * Reading a spreadsheet into sheets of text cells: .xlsx with read-excel-file,
 * .csv with csv-parse (UTF-8, a byte-order mark allowed; commas, or tabs for .tsv).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';

export interface SheetRows {
  /** The sheet's name (the file name for a CSV file). */
  name: string;
  /** Rows of cells as text, top to bottom; row 1 is `rows[0]`. */
  rows: string[][];
}

/** Cell values as the author sees them: numbers without float noise, dates as ISO dates. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(Number(value.toPrecision(12)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/**
 * Every sheet of a workbook, or the one table of a CSV file.
 * @param file path of an .xlsx, .csv or .tsv file
 * @throws when the file cannot be read or is not a spreadsheet (the caller reports it)
 */
export async function readSpreadsheet(file: string): Promise<SheetRows[]> {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv' || extension === '.tsv') {
    const rows = parse(readFileSync(file), { bom: true, delimiter: extension === '.tsv' ? '\t' : ',', relax_column_count: true, skip_empty_lines: false }) as string[][];
    return [{ name: path.basename(file), rows: rows.map((row) => row.map(cellText)) }];
  }
  if (extension !== '.xlsx') throw new Error(`${path.basename(file)} is not an .xlsx, .csv or .tsv file`);
  const sheets = await readXlsxFile(file);
  return sheets.map((sheet) => ({ name: sheet.sheet, rows: sheet.data.map((row) => row.map(cellText)) }));
}
