/**
 * A spreadsheet row as a question type reads it (`src/course/question-types/`): its
 * answer and option cells, and how to report a problem in one of them.
 */

/** A filled option cell. */
export interface RowOption {
  /** Its column's letter (A, B, …). */
  letter: string;
  text: string;
  /** 1-based column. */
  column: number;
}

export interface RowCells {
  /** The type cell as written (messages quote it). */
  typeCell: string;
  /** The stem cell as written. */
  stem: string;
  /** The answer cell. */
  answer: string;
  /** The explanation cell, if filled. */
  explanation: string | undefined;
  /** The filled option cells, in letter order from A without gaps. */
  options: RowOption[];
  /** Whether there are at least `min` options; reports it when not. */
  needOptions(min: number): boolean;
  /** Reports options given to a type that takes none. */
  noOptions(): void;
  /** Reports a problem in the stem cell. */
  badStem(message: string): void;
  /** Reports a problem in the answer cell. */
  badAnswer(message: string): void;
  /** Reports a problem in an option's cell. */
  badOption(option: RowOption, message: string): void;
}

/** Option letters in an answer cell: `ABD`, `A,B,D`, `A、B、D`, `A/B/D`, `A.B.D`, and steps in order as `B→A→C` or `B-A-C` (full-width forms too). */
export const letters = (cell: string) => cell.normalize('NFKC').toUpperCase().replace(/[\s,、;/.|→>-]/g, '');
