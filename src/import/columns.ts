/**
 * The columns of a spreadsheet question bank, by the names institutions give them:
 * the usual layout of Chinese exam banks (题型, 题干, 选项A…, 答案, 解析, 分值, 编号)
 * and its English equivalent. Option columns run from A to Z.
 */
import type { QuestionType } from '../course/model.js';
import { keywordsOfAll, type ColumnField } from '../languages/index.js';

export type Field = ColumnField | `option:${string}`;

const normalise = (header: string) => header.normalize('NFKC').trim().toLowerCase().replace(/[\s_]+/g, ' ');

/** A header without the marks templates add to it: `*题干`, `答案（必填）`, `分值(分)`. */
const bare = (header: string) => normalise(header).replace(/^\*+|\*+$/g, '').replace(/\s*\([^()]*\)$/, '').trim();

/** Column names of every language (a bank's headers need not be in the course's language). */
const FIELDS = new Map<string, ColumnField>(keywordsOfAll('columns').flatMap((columns) => Object.entries(columns).flatMap(([field, names]) => names.map((name) => [name, field as ColumnField] as const))));
const PREFIXES = keywordsOfAll('optionPrefixes').flat().join('|');
const OPTION = new RegExp(`^(?:${PREFIXES})?\\s*([a-z])$`);
/** Options numbered from 1 (选项1, option 1), as some exam systems write them: 1 is A. */
const NUMBERED_OPTION = new RegExp(`^(?:${PREFIXES})\\s*([1-9]|1\\d|2[0-6])$`);

/** The field a header names, or null when it is not one skillpack reads. */
export function fieldOf(header: string): Field | null {
  const name = bare(header);
  if (!name) return null;
  const field = FIELDS.get(name);
  if (field) return field;
  // 选项A, 选项 A, option A, A
  const option = OPTION.exec(name);
  if (option) return `option:${option[1]!.toUpperCase()}`;
  const numbered = NUMBERED_OPTION.exec(name);
  return numbered ? `option:${String.fromCharCode(64 + Number(numbered[1]))}` : null;
}

/** Question types by the names spreadsheets use for them, in every language. */
const TYPES: Readonly<Record<string, QuestionType>> = Object.assign({}, ...keywordsOfAll('questionTypes'));

/** The question type a type cell names, or null. */
export function typeOf(cell: string): QuestionType | null {
  return TYPES[normalise(cell).replace(/ ?- ?/g, '-')] ?? TYPES[normalise(cell)] ?? null;
}

/** Column letters as a spreadsheet shows them (1 → A, 27 → AA). */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
