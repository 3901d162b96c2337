/**
 * The texts of a course as a translator sees them: course.yml's translatable values,
 * each lesson file, each bank's header and each bank question's Markdown section.
 * Read the same way from the source folder and from `translations/<lang>/`, so that
 * the two can be matched by id, fingerprinted (what a translation was made from)
 * and exchanged as XLIFF units.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYamlText } from 'yaml';
import type { Place } from '../diagnostics/diagnostic.js';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { idFromFileName, parseLesson } from './lessons.js';
import { parseMarkdown } from './markdown.js';
import { keptMarkdownLimitProblem } from './markdown-limits.js';
import { LANGUAGE_LIST } from '../languages/tags.js';
import type { Language } from './model.js';
import { findQuestionSections } from './question-syntax.js';
import { sectionQuestionId } from './questions.js';
import { markdownFiles, MAX_SOURCE_BYTES, MAX_YAML_BYTES, readInside } from './source-file.js';
import { resultOfText } from './text-results.js';

/** Languages a course can be written or translated in. */
export const LANGUAGES: readonly Language[] = LANGUAGE_LIST;

/** The keys of course.yml a translation may carry (dotted paths). */
export const COURSE_TEXT_KEYS = ['title', 'summary', 'occupation', 'certificate.name', 'certificate.level', 'certificate.issuer'] as const;
export type CourseTextKey = (typeof COURSE_TEXT_KEYS)[number];
export type CourseTexts = Partial<Record<CourseTextKey, string>>;

/** Where a language's translation of a course lives. */
export const translationDir = (courseDir: string, language: string) => path.join(courseDir, 'translations', language);

/** Name of the file that records what each translated text was translated from. */
export const SOURCES_FILE = 'sources.json';

/** Line endings and surrounding blank lines do not make a text different. */
export const normaliseText = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').trim();

/** A short fingerprint of a text: the first 12 hex digits of its SHA-256. */
export function fingerprint(text: string): string {
  return createHash('sha256').update(normaliseText(text)).digest('hex').slice(0, 12);
}

/** The fingerprint of course.yml's translatable values, taken together. */
export function courseFingerprint(texts: CourseTexts): string {
  return fingerprint(JSON.stringify(COURSE_TEXT_KEYS.map((key) => texts[key] ?? '')));
}

/** The translatable values of a parsed course.yml (or of a translation's course.yml). */
export function courseTextsOf(meta: unknown): CourseTexts {
  const texts: CourseTexts = {};
  for (const key of COURSE_TEXT_KEYS) {
    let value: unknown = meta;
    for (const part of key.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    if (typeof value === 'string' || typeof value === 'number') texts[key] = typeof value === 'string' && key === 'summary' ? value.trim() : String(value);
  }
  return texts;
}

export interface TextUnit {
  /** Absolute path of the file the text is in. */
  file: string;
  text: string;
  place?: Place;
}

export interface BankUnits {
  /** Absolute path of the bank file. */
  file: string;
  /** The bank's text before its first question (frontmatter, title), trimmed. */
  header: string;
  /** Question sections by question id, in file order. */
  questions: Map<string, TextUnit>;
}

/** What a caller has read of a course folder already: texts by absolute path (only those it accepted), lesson ids by lesson file. */
export interface KnownTexts {
  texts: ReadonlyMap<string, string>;
  lessonIds: ReadonlyMap<string, string>;
}

export interface CourseUnits {
  /** course.yml's translatable values, when there is a course.yml. */
  course: CourseTexts | null;
  /** Lesson files by lesson id, in file order. */
  lessons: Map<string, TextUnit>;
  /** Bank files by bank id, in file order. */
  banks: Map<string, BankUnits>;
}


/**
 * A Markdown file's text, or null when the loader refuses it (a link to outside the course,
 * too large, nested too deeply): check reports those, and no tool should parse or export them.
 */
function safeText(file: string, courseDir: string): string | null {
  const text = readInside(file, courseDir, MAX_SOURCE_BYTES);
  return text === null || keptMarkdownLimitProblem(text) ? null : text;
}

/**
 * The texts of a course folder or of a translation folder (`translations/<lang>`): the same
 * layout. Problems in the files are not reported here (check reports them).
 * @param courseDir the course folder the files must be inside (default: `dir`)
 * @param known what the caller has read of these files already (the course loader), not read again
 */
export function readUnits(dir: string, courseDir = dir, known?: KnownTexts): CourseUnits {
  const quiet = new DiagnosticSink();
  let course: CourseTexts | null = null;
  const yml = path.join(dir, 'course.yml');
  if (existsSync(yml)) {
    try {
      // Kept by its text: after a lesson is edited, course.yml is not parsed again for its fingerprint.
      course = resultOfText('course-texts', known?.texts.get(yml) ?? readInside(yml, courseDir, MAX_YAML_BYTES) ?? '', (text) => courseTextsOf(parseYamlText(text)));
    } catch {
      course = {};
    }
  }
  const lessons = new Map<string, TextUnit>();
  for (const name of markdownFiles(path.join(dir, 'lessons'))) {
    const file = path.join(dir, 'lessons', name);
    const text = known?.texts.get(file) ?? safeText(file, courseDir);
    if (text === null) continue;
    const id = known?.lessonIds.get(file) ?? parseLesson(text, file, name, { sink: quiet }).id;
    if (!lessons.has(id)) lessons.set(id, { file, text: normaliseText(text), place: { line: 1, column: 1 } });
  }
  const banks = new Map<string, BankUnits>();
  for (const name of markdownFiles(path.join(dir, 'banks'))) {
    const file = path.join(dir, 'banks', name);
    const id = idFromFileName(file, 'bank');
    const text = known?.texts.get(file) ?? safeText(file, courseDir);
    if (text !== null && !banks.has(id)) banks.set(id, { file, ...bankSections(text, file) });
  }
  return { course, lessons, banks };
}

/** A bank file's header and question sections (each from its heading to the end of its last block). */
export function bankSections(text: string, file: string): { header: string; questions: Map<string, TextUnit> } {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { headerEnd, sections } = resultOfText('bank-sections', normalised, sectionBounds);
  const questions = new Map<string, TextUnit>();
  for (const { id, start, end, line, column } of sections) questions.set(id, { file, text: normalised.slice(start, end).trim(), place: { line, column } });
  return { header: normalised.slice(0, headerEnd).trim(), questions };
}

/** Where a bank's header ends and each question's section is (the first of each id), by offsets into its text. */
function sectionBounds(normalised: string): { headerEnd: number; sections: Array<{ id: string; start: number; end: number; line: number; column: number }> } {
  // A tree of its own: finding sections takes each heading's attributes out of its text.
  const found = findQuestionSections(parseMarkdown(normalised), (heading) => heading.depth === 2);
  const sections = new Map<string, { id: string; start: number; end: number; line: number; column: number }>();
  for (const section of found) {
    const start = section.heading.position?.start.offset ?? 0;
    const last = section.body.at(-1) ?? section.heading;
    const end = last.position?.end.offset ?? start;
    const id = sectionQuestionId(section);
    if (!sections.has(id)) sections.set(id, { id, start, end, line: section.heading.position?.start.line ?? 1, column: section.heading.position?.start.column ?? 1 });
  }
  return { headerEnd: found[0]?.heading.position?.start.offset ?? normalised.length, sections: [...sections.values()] };
}

/**
 * A bank file from its parts (header, then question sections), each trimmed, the empty ones left
 * out, a blank line between them; and where each part starts in it (-1 for one left out) and how
 * much of its start the trimming took.
 */
export function bankFileLayout(parts: string[]): { text: string; starts: number[]; trimmed: number[] } {
  let text = '';
  const starts: number[] = [];
  const trimmed: number[] = [];
  for (const part of parts) {
    const kept = part.trim();
    trimmed.push(part.length - part.trimStart().length);
    if (!kept) {
      starts.push(-1);
      continue;
    }
    if (text) text += '\n\n';
    starts.push(text.length);
    text += kept;
  }
  return { text: `${text}\n`, starts, trimmed };
}

/** What each translated text was translated from: unit key (`lesson:<id>`, `question:<id>`, `bank:<id>`, `course`) to fingerprint. */
export type SourceRecords = Record<string, string>;

/**
 * Read a translation's sources.json: the records, or null when the file exists but cannot be read
 * (also when it is a link to outside the course, or over 256 KB).
 * @param dir the translation folder
 * @param courseDir the course folder it belongs to
 */
export function readSourceRecords(dir: string, courseDir: string): SourceRecords | null {
  const file = path.join(dir, SOURCES_FILE);
  if (!existsSync(file)) return {};
  try {
    const data = JSON.parse(readInside(file, courseDir, MAX_YAML_BYTES) ?? '') as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
    return Object.fromEntries(Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return null;
  }
}

/** sources.json's text: keys sorted, so that it diffs well. */
export function sourceRecordsText(records: SourceRecords): string {
  const sorted = Object.fromEntries(Object.keys(records).sort().map((k) => [k, records[k]]));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** The current source fingerprint of every unit of a course, by unit key. */
export function sourceFingerprints(units: CourseUnits): SourceRecords {
  const records: SourceRecords = {};
  if (units.course) records.course = courseFingerprint(units.course);
  for (const [id, lesson] of units.lessons) records[`lesson:${id}`] = fingerprint(lesson.text);
  for (const [id, bank] of units.banks) {
    if (bank.header) records[`bank:${id}`] = fingerprint(bank.header);
    for (const [qid, question] of bank.questions) records[`question:${qid}`] = fingerprint(question.text);
  }
  return records;
}
