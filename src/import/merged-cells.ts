/**
 * Merged cells of a workbook. A merged cell shows its value across its whole range: an author who
 * merges the points cell of ten questions means ten questions of that many points. Spreadsheet
 * readers give the value to the range's first cell only and leave the others empty, which would
 * silently become the default, so the value is spread over the range here.
 */
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
export function cellAddress(text: string): [number, number] | null {
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

/**
 * Give every empty cell of a merged range the value of the range's first cell, within the rows and
 * columns the sheet has.
 */
export function spreadMerged<T>(rows: Array<Array<T | null>>, ranges: MergedRange[], name: string): void {
  // A loop, not Math.max(...): a sheet of a few hundred thousand rows overflowed the call stack.
  let width = 0;
  for (const row of rows) width = Math.max(width, row.length);
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
