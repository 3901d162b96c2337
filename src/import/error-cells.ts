/**
 * Cells that show a formula's error instead of a value. A workbook marks them (`<c t="e">`), and the
 * sheet reader gives them no value; a CSV file holds the code as text, as the spreadsheet showed it.
 */

/** Error codes of Excel, WPS and LibreOffice (`Err:502` in a CSV file LibreOffice writes). */
const ERROR_CODE = /^(?:#NULL!|#DIV\/0!|#VALUE!|#REF!|#NAME\?|#NUM!|#N\/A|#GETTING_DATA|#SPILL!|#CALC!|#FIELD!|#BLOCKED!|#CONNECT!|#BUSY!|#UNKNOWN!|#EXTERNAL!|#PYTHON!|Err:\d{3})$/;

/** The error code a CSV cell holds, or null when it holds a value. */
function csvErrorCode(cell: string): string | null {
  const text = cell.trim();
  return ERROR_CODE.test(text) ? text : null;
}

/** `row:column` (1-based) → code of each error cell in rows of text (a CSV file's). */
export function csvErrorCells(rows: string[][]): Map<string, string> {
  const errors = new Map<string, string>();
  rows.forEach((row, r) => row.forEach((cell, c) => {
    const code = csvErrorCode(cell);
    if (code) errors.set(`${r + 1}:${c + 1}`, code);
  }));
  return errors;
}
