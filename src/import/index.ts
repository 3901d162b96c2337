/**
 * A spreadsheet question bank to a bank file of a course. Every row is converted or
 * reported with its sheet, row and column; when any row fails, nothing is written.
 * The Markdown made is read back with the compiler's own bank reader before it is
 * written, so what is written passes `skillpack check`.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { writeWhole } from '../cache-files.js';
import { loadBank } from '../course/banks.js';
import { declaredCourseLanguage } from '../catalogue.js';
import { FALLBACK_LANGUAGE } from '../course/course-files.js';
import type { Project } from '../course/config.js';
import { idFromFileName } from '../course/lessons.js';
import { loadCourse } from '../course/load.js';
import type { Language, Question } from '../course/model.js';
import { DiagnosticSink, startOf, type Diagnostic } from '../diagnostics/diagnostic.js';
import { columnName, type Field, fieldOf } from './columns.js';
import { bankMarkdown } from './markdown.js';
import { readSpreadsheet, SpreadsheetError } from './read.js';
import { readBackColumn } from './read-back.js';
import type { RowOption } from './row-cells.js';
import { convertRow, type ImportedQuestion } from './rows.js';

export interface ImportRequest {
  project: Project;
  /** The spreadsheet (.xlsx, .csv, .tsv). */
  file: string;
  /** Course id: a folder in the project's courses folder. */
  course: string;
  /** Bank id (default: the spreadsheet's file name, when it is a valid id). */
  bank?: string;
  /** Replace an existing bank file. */
  force?: boolean;
  /** Check only: write nothing. */
  dryRun?: boolean;
}

export interface ImportResult {
  diagnostics: Diagnostic[];
  /** The bank file written (absolute), or null when nothing was. */
  written: string | null;
  /** The bank file's text, when every row converted. */
  text: string | null;
  questions: number;
}

const BANK_ID = /^[a-z][a-z0-9-]*$/;

/** The bank id a file name gives, when it is one (`hr-core.xlsx` → `hr-core`). */
export function bankIdFromFile(file: string): string | null {
  const name = path.basename(file, path.extname(file)).toLowerCase().replace(/^\d+[-_.\s]+/, '').replace(/[\s_]+/g, '-');
  return BANK_ID.test(name) ? name : null;
}

/** Convert a spreadsheet into a bank file of a course; see the module comment. */
export async function importBank(request: ImportRequest): Promise<ImportResult> {
  const { project } = request;
  const sink = new DiagnosticSink();
  const relative = (file: string) => path.relative(project.root, path.resolve(file)).split(path.sep).join('/');
  const display = relative(request.file);
  const fail = (): ImportResult => ({ diagnostics: sink.items, written: null, text: null, questions: 0 });

  const coursesDir = path.resolve(project.root, project.config.courses);
  const courseDir = path.resolve(coursesDir, request.course);
  // An id, not a path: the bank must land in a course of this project.
  if (path.dirname(courseDir) !== coursesDir || request.course.startsWith('.') || !existsSync(path.join(courseDir, 'course.yml'))) {
    sink.report(relative(courseDir), undefined, 'course-not-found', `no course.yml in ${relative(courseDir)}: --course takes the id of a course in ${project.config.courses}/`);
    return fail();
  }
  const bank = request.bank ?? bankIdFromFile(request.file);
  if (!bank || !BANK_ID.test(bank)) {
    sink.report(display, undefined, 'import-id', `${request.bank ? `"${request.bank}"` : `the file name of ${path.basename(request.file)}`} cannot be a bank id: give one with --bank (lower-case letters, digits and "-")`);
    return fail();
  }
  // The bank's file: the one whose id this is (a numbered 01-<id>.md too), else a new <id>.md.
  const banksDir = path.join(courseDir, 'banks');
  const existing = existsSync(banksDir) ? readdirSync(banksDir).find((name) => name.endsWith('.md') && idFromFileName(name, 'bank') === bank) : undefined;
  const target = path.join(banksDir, existing ?? `${bank}.md`);
  if (existing && !request.force) {
    sink.report(relative(target), undefined, 'import-bank-exists', `${relative(target)} exists`);
    return fail();
  }
  const loaded = loadCourse(courseDir, project);
  const language: Language = loaded.course?.language ?? declaredCourseLanguage(courseDir) ?? FALLBACK_LANGUAGE;
  const taken = new Set<string>();
  for (const other of loaded.course?.banks ?? []) if (other.id !== bank) for (const q of other.questions) taken.add(q.id);
  for (const lesson of loaded.course?.lessons ?? []) for (const q of lesson.practice) taken.add(q.id);

  let sheets;
  try {
    sheets = await readSpreadsheet(request.file);
  } catch (error) {
    if (error instanceof SpreadsheetError) sink.report(display, error.place, 'import-unreadable', error.message);
    else sink.report(display, undefined, 'import-unreadable', `${path.basename(request.file)} cannot be read as a spreadsheet: ${error instanceof Error ? error.message : String(error)}`);
    return fail();
  }

  const csv = !request.file.toLowerCase().endsWith('.xlsx');
  const questions: ImportedQuestion[] = [];
  const origins: Array<{ place: string; row: number; line: number; columns: Array<Field | null>; options: RowOption[] }> = [];
  /** Where each question id was used first: its row, and the sheet it is on. */
  const seen = new Map<string, { where: string; sheet: string }>();
  for (const sheet of sheets) {
    // CSV diagnostics name the file itself (its rows are its lines); workbook ones the sheet too.
    const place = csv ? display : `${display}[${sheet.name}]`;
    // A diagnostic points at the row's line (a CSV row with a quoted line break spans several).
    const lineOf = (row: number) => sheet.lines?.[row - 1] ?? row;
    const blank = (row: string[]) => row.every((c) => c.trim() === '');
    // A hidden sheet is one the author does not see (a template's lists for its drop-downs).
    if (sheet.hidden) {
      sink.report(place, undefined, 'import-hidden', `sheet "${sheet.name}" is hidden in the workbook, so it is not read: show it if its rows are questions`);
      continue;
    }
    const headerIndex = sheet.rows.findIndex((row) => !blank(row));
    if (headerIndex < 0) continue;
    const header = sheet.rows[headerIndex]!;
    const columns: Array<Field | null> = header.map((h) => fieldOf(h));
    // A workbook's sheet of notes (a template's 填写说明) names no column: not read, and said; a CSV file is all questions.
    if (!csv && columns.every((c) => c === null)) {
      sink.report(place, { line: lineOf(headerIndex + 1), column: 1 }, 'import-sheet-skipped', `sheet "${sheet.name}" names no column skillpack reads in its first row ("${startOf(header.map((h) => h.trim()).filter(Boolean).join(' '), 30)}"), so it is taken for notes and not read: if its rows are questions, give it a header row (题型, 题干, 答案 …)`);
      continue;
    }
    header.forEach((h, i) => {
      if (h.trim() && !columns[i]) sink.report(place, { line: lineOf(headerIndex + 1), column: i + 1 }, 'import-unknown-column', `column ${columnName(i + 1)} "${h.trim()}" is not one skillpack reads: it is ignored`);
    });
    // Only a field's first column is read: a second one (解析 and 答案解析) would be left out.
    columns.forEach((field, i) => {
      const first = field ? columns.indexOf(field) : i;
      if (first === i) return;
      columns[i] = null;
      const name = field!.startsWith('option:') ? `option ${field!.slice(7)}` : field;
      sink.report(place, { line: lineOf(headerIndex + 1), column: i + 1 }, 'import-duplicate-column', `column ${columnName(i + 1)} "${header[i]!.trim()}" is a second ${name} column (column ${columnName(first + 1)} "${header[first]!.trim()}" is one): only one is read, so this one would be left out; delete or rename one of them`);
    });
    if (!columns.includes('type') || !columns.includes('stem')) {
      const missing = [!columns.includes('type') && 'a type (题型)', !columns.includes('stem') && 'a stem (题干)'].filter(Boolean).join(' and ');
      sink.report(place, { line: lineOf(headerIndex + 1), column: 1 }, 'import-no-header', `row ${headerIndex + 1} has no column for ${missing}`);
      continue;
    }
    const hiddenRows = new Set(sheet.hiddenRows);
    for (let r = headerIndex + 1; r < sheet.rows.length; r++) {
      const cells = sheet.rows[r]!;
      if (blank(cells)) continue;
      if (hiddenRows.has(r + 1)) sink.report(place, { line: r + 1, column: 1 }, 'import-hidden', `row ${r + 1} is hidden in the sheet (by hand or by a filter): it is imported all the same; delete it if it is not a question of this bank`);
      // A cell that shows a formula's error has lost its value: the row is not converted without it.
      const lost = columns.flatMap((field, c) => {
        const error = field ? sheet.errors.get(`${r + 1}:${c + 1}`) : undefined;
        return error === undefined ? [] : [{ field: field!, column: c + 1, error }];
      });
      for (const { field, column, error } of lost) sink.report(place, { line: lineOf(r + 1), column }, 'import-cell-error', `cell ${columnName(column)}${r + 1} shows ${error ? `the error ${error}` : 'an error'} (its formula cannot be worked out), not a value, so the question's ${fieldName(field)} lost: correct the formula, or paste the value itself`);
      if (lost.length) continue;
      const { question, problems, options } = convertRow(cells, columns, r + 1, bank);
      for (const p of problems) sink.report(place, { line: lineOf(p.row), column: p.column }, p.rule, p.message);
      if (!question) continue;
      // A derived id comes from the stem: point there when there is no id column.
      const idColumn = (columns.includes('id') ? columns.indexOf('id') : columns.indexOf('stem')) + 1;
      if (seen.has(question.id) || taken.has(question.id)) {
        const first = seen.get(question.id);
        // 序号 1, 2, 3… on each sheet of a workbook (one sheet per question type) repeat from the second sheet on.
        const restarted = first && first.sheet !== sheet.name && /^\d+$/.test((cells[columns.indexOf('id')] ?? '').trim())
          ? ': the numbers start again on this sheet; number the questions on across the sheets, or delete the column and each question\'s id comes from its stem'
          : '';
        sink.report(place, { line: lineOf(r + 1), column: idColumn }, 'import-id', `question id "${question.id}" is already used by ${first?.where ?? 'another bank or lesson of the course'}${restarted}`);
        continue;
      }
      seen.set(question.id, { where: `row ${r + 1}${csv ? '' : ` of ${sheet.name}`}`, sheet: sheet.name });
      questions.push(question);
      origins.push({ place, row: r + 1, line: lineOf(r + 1), columns, options });
    }
  }
  if (questions.length === 0 && sink.errorCount === 0) sink.report(display, undefined, 'import-empty', `${path.basename(request.file)} has no question rows`);
  if (sink.errorCount > 0) return fail();

  const title = path.basename(request.file, path.extname(request.file));
  const { text, lines, sources } = bankMarkdown(title, questions, language);
  // Read back what would be written: a problem the compiler finds is placed at the cell its line came from.
  const check = new DiagnosticSink();
  const parsed = loadBank(text, { file: target, display: relative(target), source: new VFile({ path: target, value: text }), courseDir, sink: check, assets: new Set(), lessonFor: () => undefined, definitions: [], language });
  for (const d of check.items) {
    let index = 0;
    for (let i = 0; i < lines.length; i++) if (lines[i]! <= d.line) index = i;
    const origin = origins[index]!;
    const column = readBackColumn(sources[index]![d.line - lines[index]!] ?? null, d.column, origin.columns, origin.options);
    sink.report(origin.place, { line: origin.line, column }, d.rule, `cell ${columnName(column)}${origin.row}: ${d.message}`, d.hint);
  }
  if (sink.errorCount > 0 || !sameKeys(questions, parsed.bank.questions)) {
    if (sink.errorCount === 0) sink.report(display, undefined, 'import-answer', 'the bank file made from this spreadsheet does not read back as the same questions');
    return fail();
  }
  if (request.dryRun) return { diagnostics: sink.items, written: null, text, questions: questions.length };
  writeWhole(target, text);
  return { diagnostics: sink.items, written: target, text, questions: questions.length };
}

/** A field as a message names it, with its verb (`stem is`, `points are`). */
function fieldName(field: Field): string {
  if (field.startsWith('option:')) return `option ${field.slice(7)} is`;
  return field === 'points' || field === 'options' ? `${field} are` : `${field} is`;
}

/** The compiler read every row back as the question it came from (id and type). */
function sameKeys(imported: ImportedQuestion[], parsed: Question[]): boolean {
  return imported.length === parsed.length && imported.every((q, i) => parsed[i]!.id === q.id && parsed[i]!.type === q.type);
}
