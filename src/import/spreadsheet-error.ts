import type { Place } from '../diagnostics/diagnostic.js';

/** A spreadsheet that cannot be read, with the place of the problem when there is one. */
export class SpreadsheetError extends Error {
  constructor(
    message: string,
    readonly place?: Place,
  ) {
    super(message);
  }
}
