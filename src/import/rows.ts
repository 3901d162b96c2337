/**
 * One spreadsheet row to one question, or the reasons it cannot be one. Each problem
 * names its cell, so the author can find it: the row and column as the sheet shows them.
 */
import { createHash } from 'node:crypto';
import { roundPoints, type QuestionType } from '../course/model.js';
import { compilerKind } from '../course/question-types/index.js';
import type { RuleId } from '../diagnostics/catalogue.js';
import { columnName, type Field, typeOf } from './columns.js';
import { splitOptionCell } from './option-cell.js';
import type { RowCells, RowOption } from './row-cells.js';

/** A question read from a row, ready to be written as Markdown. */
export interface ImportedQuestion {
  id: string;
  type: QuestionType;
  /** Stem lines: the first is the heading, the others paragraphs under it. */
  stem: string[];
  points?: number;
  /** single/multiple: options with their correctness; likert: the scale. */
  options: Array<{ text: string; correct: boolean }>;
  /** true-false */
  answer?: boolean;
  /** fill-in: accepted answers; numeric: the one answer (`42`, `40..45`, `42 ± 0.5`). */
  answers: string[];
  /** matching: pairs (source empty for a distractor target). */
  pairs: Array<[string, string]>;
  explanation?: string;
  /** Where it came from: 1-based row. */
  row: number;
}

export interface CellProblem {
  rule: RuleId;
  message: string;
  row: number;
  column: number;
}

/** A stable question id: the id cell (a bare number becomes `<bank>-<number>`), or one derived from the stem. */
export function questionId(cell: string, bank: string, stem: string): string | null {
  const value = cell.trim();
  if (!value) return `q-${createHash('sha1').update(stem.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 10)}`;
  if (/^\d+$/.test(value)) return `${bank}-${value}`;
  return /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(value) ? value : null;
}

/**
 * Convert one row.
 * @param cells the row's cells
 * @param columns the field of each column (from the header row)
 * @param row the row number (1-based)
 * @param bank the bank id (for ids from a bare number)
 */
export function convertRow(cells: string[], columns: Array<Field | null>, row: number, bank: string): { question: ImportedQuestion | null; problems: CellProblem[]; options: RowOption[] } {
  const problems: CellProblem[] = [];
  const at = (field: Field) => columns.indexOf(field);
  const cell = (field: Field) => (at(field) >= 0 ? (cells[at(field)] ?? '').trim() : '');
  const problem = (rule: RuleId, field: Field, message: string) => problems.push({ rule, message, row, column: Math.max(at(field), 0) + 1 });
  const where = (field: Field) => `${columnName(Math.max(at(field), 0) + 1)}${row}`;

  const typeCell = cell('type');
  const type = typeOf(typeCell);
  if (!type) problem('import-type', 'type', typeCell ? `cell ${where('type')}: "${typeCell}" is not a question type` : `cell ${where('type')}: the question type is empty`);
  const stemCell = (at('stem') >= 0 ? cells[at('stem')] ?? '' : '').replace(/\r\n?/g, '\n');
  const stem = stemCell.split('\n').map((l) => l.trim()).filter(Boolean);
  if (stem.length === 0) problem('import-stem', 'stem', `cell ${where('stem')}: the stem is empty`);

  // Options: the option columns in letter order, filled from A without gaps.
  const optionColumns = columns.map((f, i) => ({ f, i })).filter((c): c is { f: `option:${string}`; i: number } => c.f?.startsWith('option:') ?? false).sort((a, b) => a.f.localeCompare(b.f));
  const options: RowOption[] = [];
  let gap: string | null = null;
  for (const { f, i } of optionColumns) {
    const text = (cells[i] ?? '').trim();
    const letter = f.slice('option:'.length);
    // An option is one line of the bank file: a line break would start another option (or step).
    if (/[\r\n]/.test(text)) problems.push({ rule: 'import-options', message: `cell ${columnName(i + 1)}${row}: option ${letter} runs over more than one line: write it on one line`, row, column: i + 1 });
    else if (!text) gap ??= letter;
    else if (gap) problems.push({ rule: 'import-options', message: `cell ${columnName(i + 1)}${row}: option ${letter} follows the empty option ${gap}`, row, column: i + 1 });
    else options.push({ letter, text, column: i + 1 });
  }
  // Or every option in one 选项 cell.
  const optionsCell = cell('options');
  if (optionsCell) {
    const column = at('options') + 1;
    const filled = optionColumns.find(({ i }) => (cells[i] ?? '').trim());
    if (filled) problem('import-options', 'options', `cell ${where('options')}: the options are given twice, in this cell and in the option columns (${columnName(filled.i + 1)}${row} …): keep one of them`);
    else {
      const split = splitOptionCell(optionsCell);
      if ('problem' in split) problem('import-options', 'options', `cell ${where('options')}: the options in this cell cannot be told apart: ${split.problem}, or write each option in a column of its own (选项A, 选项B …)`);
      else options.push(...split.options.map((o) => ({ ...o, column })));
    }
  }

  const pointsCell = cell('points');
  let points: number | undefined;
  if (pointsCell) {
    // Written as a decimal number (Number() would also take 0x10, 1e2 or Infinity).
    points = /^\d+(\.\d+)?$/.test(pointsCell) ? Number(pointsCell) : NaN;
    if (!Number.isFinite(points) || points < 0 || points > 1000 || roundPoints(points) !== points) {
      problem('import-points', 'points', `cell ${where('points')}: "${pointsCell}" is not a number of points from 0 to 1000 with at most two decimal places`);
      points = undefined;
    }
  }
  const id = questionId(cell('id'), bank, stemCell);
  if (!id) problem('import-id', 'id', `cell ${where('id')}: "${cell('id')}" cannot be a question id`);

  const answerCell = cell('answer');
  if (/[\r\n]/.test(answerCell)) problem('import-answer', 'answer', `cell ${where('answer')}: the answer runs over more than one line: write it on one line`);
  const explanation = cell('explanation') || undefined;
  const base: Omit<ImportedQuestion, 'type'> = { id: id ?? '', stem, row, ...(points !== undefined ? { points } : {}), explanation, options: [], answers: [], pairs: [] };
  if (!type || stem.length === 0) return { question: null, problems, options };
  const rowCells: RowCells = {
    typeCell,
    stem: stemCell,
    answer: answerCell,
    explanation,
    options,
    needOptions(min) {
      if (problems.some((p) => p.rule === 'import-options')) return false; // the gap is the problem
      if (options.length < min) problem('import-options', optionColumns.length ? `option:${optionColumns[0]!.f.slice(7)}` : at('options') >= 0 ? 'options' : 'stem', `row ${row}: a ${typeCell} question needs at least ${min} options, it has ${options.length}`);
      return options.length >= min;
    },
    noOptions() {
      if (options.length) problems.push({ rule: 'import-options', message: `cell ${columnName(options[0]!.column)}${row}: a ${typeCell} question takes no options`, row, column: options[0]!.column });
    },
    badStem: (message) => problem('import-answer', 'stem', `cell ${where('stem')}: ${message}`),
    badAnswer: (message) => problem('import-answer', 'answer', `cell ${where('answer')}: ${message}`),
    badOption: (option, message) => problems.push({ rule: 'import-options', message: `cell ${columnName(option.column)}${row}: ${message}`, row, column: option.column }),
  };
  const fields = compilerKind(type).fromRow(rowCells);
  const question: ImportedQuestion | null = fields ? { ...base, type, ...fields } : null;
  return { question: problems.length ? null : question, problems, options };
}
