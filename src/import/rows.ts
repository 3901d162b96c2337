/**
 * One spreadsheet row to one question, or the reasons it cannot be one. Each problem
 * names its cell, so the author can find it: the row and column as the sheet shows them.
 */
import { createHash } from 'node:crypto';
import type { QuestionType } from '../course/model.js';
import type { RuleId } from '../diagnostics/catalogue.js';
import { columnName, type Field, typeOf } from './columns.js';
import { keywordsOfAll } from '../languages/index.js';

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

// Marks any language uses, then every language's words.
const TRUE = ['√', '✓', '✔', '1', ...keywordsOfAll('answerTrue').flat()];
const FALSE = ['×', '✗', '✘', 'x', '0', ...keywordsOfAll('answerFalse').flat()];

/** A stable question id: the id cell (a bare number becomes `<bank>-<number>`), or one derived from the stem. */
export function questionId(cell: string, bank: string, stem: string): string | null {
  const value = cell.trim();
  if (!value) return `q-${createHash('sha1').update(stem.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 10)}`;
  if (/^\d+$/.test(value)) return `${bank}-${value}`;
  return /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(value) ? value : null;
}

/** Accepted answers in one cell: separated by `|` (full-width too) or line breaks. */
const answerList = (cell: string) => cell.split(/[|｜\n]/).map((a) => a.trim()).filter(Boolean);
/** Option letters in an answer cell: `ABD`, `A,B,D`, `A、B、D`. */
const letters = (cell: string) => cell.normalize('NFKC').toUpperCase().replace(/[\s,，、;；]/g, '');

/**
 * Convert one row.
 * @param cells the row's cells
 * @param columns the field of each column (from the header row)
 * @param row the row number (1-based)
 * @param bank the bank id (for ids from a bare number)
 */
export function convertRow(cells: string[], columns: Array<Field | null>, row: number, bank: string): { question: ImportedQuestion | null; problems: CellProblem[] } {
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
  const options: Array<{ letter: string; text: string; column: number }> = [];
  let gap: string | null = null;
  for (const { f, i } of optionColumns) {
    const text = (cells[i] ?? '').trim();
    const letter = f.slice('option:'.length);
    if (!text) gap ??= letter;
    else if (gap) problems.push({ rule: 'import-options', message: `cell ${columnName(i + 1)}${row}: option ${letter} follows the empty option ${gap}`, row, column: i + 1 });
    else options.push({ letter, text, column: i + 1 });
  }

  const pointsCell = cell('points');
  let points: number | undefined;
  if (pointsCell) {
    points = Number(pointsCell);
    if (!Number.isFinite(points) || points < 0 || points > 1000) {
      problem('import-points', 'points', `cell ${where('points')}: "${pointsCell}" is not a number of points from 0 to 1000`);
      points = undefined;
    }
  }
  const id = questionId(cell('id'), bank, stemCell);
  if (!id) problem('import-id', 'id', `cell ${where('id')}: "${cell('id')}" cannot be a question id`);

  const answerCell = cell('answer');
  const explanation = cell('explanation') || undefined;
  const base: Omit<ImportedQuestion, 'type'> = { id: id ?? '', stem, row, ...(points !== undefined ? { points } : {}), explanation, options: [], answers: [], pairs: [] };
  if (!type || stem.length === 0) return { question: null, problems };
  const needOptions = (min: number) => {
    if (problems.some((p) => p.rule === 'import-options')) return false; // the gap is the problem
    if (options.length < min) problem('import-options', optionColumns.length ? `option:${optionColumns[0]!.f.slice(7)}` : 'stem', `row ${row}: a ${typeCell} question needs at least ${min} options, it has ${options.length}`);
    return options.length >= min;
  };
  const noOptions = () => {
    if (options.length) problems.push({ rule: 'import-options', message: `cell ${columnName(options[0]!.column)}${row}: a ${typeCell} question takes no options`, row, column: options[0]!.column });
  };
  const badAnswer = (message: string) => problem('import-answer', 'answer', `cell ${where('answer')}: ${message}`);

  let question: ImportedQuestion | null = null;
  switch (type) {
    case 'single':
    case 'multiple': {
      if (!needOptions(2)) break;
      const chosen = letters(answerCell);
      const known = new Set(options.map((o) => o.letter));
      const unknown = [...chosen].filter((l) => !known.has(l));
      if (!chosen) badAnswer('the answer is empty: give the letters of the correct options');
      else if (unknown.length) badAnswer(`"${answerCell}" names ${unknown.map((l) => `option ${l}`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} empty or missing`);
      else if (type === 'single' && new Set(chosen).size > 1) badAnswer(`a single-choice question has one correct option, "${answerCell}" names ${new Set(chosen).size}`);
      else if (type === 'multiple' && new Set(chosen).size === options.length) badAnswer('every option is marked correct: a multiple-response question needs a wrong option');
      else question = { ...base, type, options: options.map((o) => ({ text: o.text, correct: chosen.includes(o.letter) })) };
      break;
    }
    case 'true-false': {
      let value = answerCell.normalize('NFKC').trim().toLowerCase();
      // Banks that write 判断 as two options (A 正确, B 错误) answer with a letter.
      const option = options.find((o) => o.letter === value.toUpperCase());
      if (option) value = option.text.trim().toLowerCase();
      else noOptions();
      if (TRUE.includes(value)) question = { ...base, type, answer: true };
      else if (FALSE.includes(value)) question = { ...base, type, answer: false };
      else badAnswer(answerCell ? `"${answerCell}" is neither true (正确, 对, √) nor false (错误, 错, ×)` : 'the answer is empty: write 正确 or 错误');
      break;
    }
    case 'fill-in': {
      noOptions();
      const answers = answerList(answerCell);
      if (answers.length === 0) badAnswer('the answer is empty: list every accepted answer, separated by |');
      else question = { ...base, type, answers };
      break;
    }
    case 'numeric': {
      noOptions();
      const value = answerCell.normalize('NFKC').trim();
      const number = '-?\\d+(?:\\.\\d+)?';
      const range = new RegExp(`^(${number})\\s*\\.\\.\\s*(${number})$`).exec(value);
      const tolerance = new RegExp(`^(${number})\\s*(?:±|\\+-|\\+/-)\\s*(\\d+(?:\\.\\d+)?)$`).exec(value);
      if (new RegExp(`^${number}$`).test(value) || tolerance || (range && Number(range[1]) <= Number(range[2]))) question = { ...base, type, answers: [value] };
      else badAnswer(`"${answerCell}" is not a number, a range (40..45) or a tolerance (42±0.5)`);
      break;
    }
    case 'sequencing': {
      if (!needOptions(2)) break;
      const order = letters(answerCell) || options.map((o) => o.letter).join('');
      const sorted = [...order].sort().join('');
      if (sorted !== options.map((o) => o.letter).sort().join('')) badAnswer(`"${answerCell}" must name every option once, in the correct order`);
      else question = { ...base, type, options: [...order].map((l) => ({ text: options.find((o) => o.letter === l)!.text, correct: true })) };
      break;
    }
    case 'matching': {
      if (!needOptions(2)) break;
      const pairs: Array<[string, string]> = [];
      for (const o of options) {
        const [source = '', target = '', extra] = o.text.split(/\s*(?:->|→)\s*/);
        if (extra !== undefined || !target) problems.push({ rule: 'import-options', message: `cell ${columnName(o.column)}${row}: write a pair as "source -> target" (or "-> target" for a distractor)`, row, column: o.column });
        else pairs.push([source.trim(), target.trim()]);
      }
      if (pairs.length === options.length) question = { ...base, type, pairs };
      break;
    }
    case 'likert':
      if (needOptions(2)) question = { ...base, type, options: options.map((o) => ({ text: o.text, correct: false })) };
      break;
    case 'essay':
      noOptions();
      // A model answer is kept as the explanation, never dropped.
      question = { ...base, type, explanation: [answerCell, explanation].filter(Boolean).join('\n\n') || undefined };
      break;
  }
  return { question: problems.length ? null : question, problems };
}
