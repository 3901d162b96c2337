/**
 * A course's translation in and out: the XLIFF document of a language (source texts,
 * current translations and whether they are up to date), the translation files an
 * XLIFF document's targets become, and the record (sources.json) of what each
 * translated text was translated from.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, stringify as stringifyYaml } from 'yaml';
import {
  bankFileLayout,
  COURSE_TEXT_KEYS,
  courseFingerprint,
  fingerprint,
  readSourceRecords,
  readUnits,
  SOURCES_FILE,
  sourceFingerprints,
  sourceRecordsText,
  translationDir,
  type CourseTextKey,
  type CourseTexts,
  type CourseUnits,
  type SourceRecords,
} from '../course/translation-units.js';
import type { Language } from '../course/model.js';
import { insideFolder } from '../course/source-file.js';
import type { Place } from '../diagnostics/diagnostic.js';
import type { XliffDocument, XliffUnit } from './xliff.js';

const QUESTION_NOTE = 'Markdown. Translate the words only: keep the {…} block of the heading, the options in their order, the [x] marks, the list numbering and the "->" of matching pairs.';
const LESSON_NOTE = 'Markdown. Keep links, image paths, {…} blocks of practice questions and their [x] marks as they are.';

const emptyUnits = (): CourseUnits => ({ course: null, lessons: new Map(), banks: new Map() });

/** The translation's texts, when there is a translation folder. */
const translatedUnits = (dir: string, language: string): CourseUnits => (existsSync(translationDir(dir, language)) ? readUnits(translationDir(dir, language), dir) : emptyUnits());

/** A translated question's section, wherever in the translation's banks it is. */
function translatedQuestion(units: CourseUnits, id: string) {
  for (const bank of units.banks.values()) {
    const found = bank.questions.get(id);
    if (found) return found;
  }
  return undefined;
}

/**
 * The XLIFF document of a course for one language: every source text as a unit, with the
 * current translation as its target (state `translated`, or `initial` when its source
 * changed since or there is no record of what it was translated from).
 * @param dir the course folder
 * @param course the course id and source language
 */
export function exportDocument(dir: string, course: { id: string; language: Language }, language: Language): XliffDocument {
  const source = readUnits(dir);
  const translated = translatedUnits(dir, language);
  const records = readSourceRecords(translationDir(dir, language), dir) ?? {};
  const current = sourceFingerprints(source);
  const units: XliffUnit[] = [];
  const add = (id: string, text: string, target: string | undefined, record: string, note?: string) => {
    units.push({ id, source: text, ...(target !== undefined ? { target, state: records[record] === current[record] ? 'translated' : 'initial' } : {}), ...(note ? { note } : {}) });
  };
  for (const key of COURSE_TEXT_KEYS) {
    const text = source.course?.[key];
    if (text !== undefined) add(`course:${key}`, text, translated.course?.[key], 'course');
  }
  for (const [id, lesson] of source.lessons) add(`lesson:${id}`, lesson.text, translated.lessons.get(id)?.text, `lesson:${id}`, LESSON_NOTE);
  for (const [id, bank] of source.banks) {
    if (bank.header) add(`bank:${id}`, bank.header, translated.banks.get(id)?.header || undefined, `bank:${id}`);
    for (const [qid, question] of bank.questions) add(`question:${qid}`, question.text, translatedQuestion(translated, qid)?.text, `question:${qid}`, QUESTION_NOTE);
  }
  return { course: course.id, sourceLanguage: course.language, targetLanguage: language, units };
}

/** What importing an XLIFF document writes, before it is written. */
export interface ImportPlan {
  /** Absolute path to new file text. */
  files: Map<string, string>;
  /** Where the text of each file (absolute path) comes from, stretch by stretch, in order. */
  origins: Map<string, TextOrigin[]>;
  /** Units with no target and no translation already there: nothing written for them. */
  untranslated: string[];
  /** Units with no target whose translation already there is kept as it is (with its record). */
  kept: string[];
  /** Units whose id names nothing in the source course: left out. */
  unknown: string[];
}

/**
 * Where the stretch [start, end) of a planned file's text comes from: a unit's target (from
 * offset `at` of `unit.target`; `exact` when the stretch is the target's own characters, one for
 * one), or a file already there (a text kept as it is, starting at `place` in it).
 */
export type TextOrigin =
  | { start: number; end: number; unit: XliffUnit; at: number; exact: boolean }
  | { start: number; end: number; file: string; place: Place };

/**
 * The translation files an XLIFF document's targets make, merged with the translation
 * already there (texts the document does not mention, and units without a target or with
 * an empty one, stay as they are), and sources.json with the fingerprint of each unit's
 * source: the text it was translated from. A unit still in state `initial` (not confirmed
 * by the translator) keeps its old record, as does a text kept for want of a target.
 */
export function planImport(dir: string, doc: XliffDocument): ImportPlan {
  const language = doc.targetLanguage;
  const tdir = translationDir(dir, language);
  const source = readUnits(dir);
  const translated = translatedUnits(dir, language);
  const records: SourceRecords = { ...(readSourceRecords(tdir, dir) ?? {}) };
  const files = new Map<string, string>();
  const origins = new Map<string, TextOrigin[]>();
  const untranslated: string[] = [];
  const kept: string[] = [];
  const unknown: string[] = [];
  /** A unit without a target: the translation there stays, or there is none. */
  const noTarget = (unit: XliffUnit, existing: boolean) => (existing ? kept : untranslated).push(unit.id);
  const hasTarget = (unit: XliffUnit | undefined): unit is XliffUnit & { target: string } => unit?.target !== undefined && unit.target.trim() !== '';
  /** Where a unit's trimmed target starts in its target. */
  const leading = (unit: XliffUnit & { target: string }) => unit.target.length - unit.target.trimStart().length;
  const byId = new Map(doc.units.map((u) => [u.id, u]));
  const confirmed = (unit: XliffUnit) => unit.state !== 'initial';
  const known = new Set<string>();

  // course.yml
  const courseUnits = COURSE_TEXT_KEYS.map((key) => [key, byId.get(`course:${key}`)] as const).filter((e): e is [CourseTextKey, XliffUnit] => e[1] !== undefined);
  courseUnits.forEach(([key]) => known.add(`course:${key}`));
  if (courseUnits.length) {
    const texts: CourseTexts = { ...(translated.course ?? {}) };
    const from: CourseTexts = {};
    const fromUnit = new Map<CourseTextKey, XliffUnit & { target: string }>();
    let keptText = false;
    for (const [key, unit] of courseUnits) {
      from[key] = unit.source;
      if (hasTarget(unit)) {
        texts[key] = unit.target.trim();
        fromUnit.set(key, unit);
      } else {
        noTarget(unit, texts[key] !== undefined);
        keptText ||= texts[key] !== undefined;
      }
    }
    const certificate = Object.fromEntries((['name', 'level', 'issuer'] as const).flatMap((k) => (texts[`certificate.${k}`] !== undefined ? [[k, texts[`certificate.${k}`]]] : [])));
    const yaml = { ...(texts.title ? { title: texts.title } : {}), ...(texts.summary ? { summary: texts.summary } : {}), ...(texts.occupation ? { occupation: texts.occupation } : {}), ...(Object.keys(certificate).length ? { certificate } : {}) };
    if (Object.keys(yaml).length) {
      const file = path.join(tdir, 'course.yml');
      const text = stringifyYaml(yaml, { lineWidth: 0 });
      files.set(file, text);
      // A value is quoted and folded by YAML: a problem in it is placed at the start of its target.
      const before = keptText ? yamlValuePlaces(readCourseYml(file, dir)) : new Map<string, { start: number; place: Place }>();
      const spans: TextOrigin[] = [];
      for (const [key, range] of yamlValuePlaces(text)) {
        const unit = fromUnit.get(key as CourseTextKey);
        const old = before.get(key);
        if (unit) spans.push({ start: range.start, end: range.end, unit, at: leading(unit), exact: false });
        else if (old) spans.push({ start: range.start, end: range.end, file, place: old.place });
      }
      origins.set(file, spans);
      // One record for all of course.yml's texts: a kept text may be older than the source, so it keeps the old one.
      if (!keptText && courseUnits.every(([, u]) => confirmed(u))) records.course = courseFingerprint({ ...(source.course ?? {}), ...from });
    }
  }

  // Lessons: the translation keeps its file name, or takes the source's.
  for (const [id, lesson] of source.lessons) {
    const unit = byId.get(`lesson:${id}`);
    if (!unit) continue;
    known.add(unit.id);
    if (!hasTarget(unit)) {
      noTarget(unit, translated.lessons.has(id));
      continue;
    }
    const file = translated.lessons.get(id)?.file ?? path.join(tdir, 'lessons', path.basename(lesson.file));
    const text = `${unit.target.trim()}\n`;
    files.set(file, text);
    origins.set(file, [{ start: 0, end: text.length, unit, at: leading(unit), exact: true }]);
    if (confirmed(unit)) records[`lesson:${id}`] = fingerprint(unit.source);
  }

  // Banks: the header and the questions in the source's order.
  for (const [id, bank] of source.banks) {
    const existing = translated.banks.get(id);
    const headerUnit = byId.get(`bank:${id}`);
    let changed = false;
    /** Each part of the file (header first), with where it comes from. */
    type Part = { text: string; unit?: XliffUnit & { target: string }; base?: number; edit?: SectionEdit; file?: string; place?: Place };
    let header: Part = { text: existing?.header ?? '', ...(existing ? { file: existing.file, place: { line: 1, column: 1 } } : {}) };
    if (headerUnit) {
      known.add(headerUnit.id);
      if (hasTarget(headerUnit)) {
        header = { text: headerUnit.target, unit: headerUnit };
        changed = true;
        if (confirmed(headerUnit)) records[`bank:${id}`] = fingerprint(headerUnit.source);
      } else noTarget(headerUnit, Boolean(existing?.header));
    }
    const sections: Part[] = [];
    for (const [qid] of bank.questions) {
      const unit = byId.get(`question:${qid}`);
      if (unit) known.add(unit.id);
      const there = translatedQuestion(translated, qid);
      if (hasTarget(unit)) {
        const { text, edit } = questionSection(unit.target, qid);
        sections.push({ text, unit, base: leading(unit), ...(edit ? { edit } : {}) });
        changed = true;
        if (confirmed(unit)) records[`question:${qid}`] = fingerprint(unit.source);
      } else {
        // Without a target, or not in the document at all: the translation there stays.
        if (unit) noTarget(unit, there !== undefined);
        const keptQuestion = existing?.questions.get(qid);
        if (keptQuestion) sections.push({ text: keptQuestion.text, file: keptQuestion.file, place: keptQuestion.place ?? { line: 1, column: 1 } });
      }
    }
    if (!changed) continue;
    if (!header.text.trim() && !existing) header = { text: bank.header, file: bank.file, place: { line: 1, column: 1 } };
    const parts = [header, ...sections];
    const layout = bankFileLayout(parts.map((p) => p.text));
    const file = existing?.file ?? path.join(tdir, 'banks', path.basename(bank.file));
    files.set(file, layout.text);
    const spans: TextOrigin[] = [];
    parts.forEach((part, i) => {
      const start = layout.starts[i]!;
      if (start < 0) return;
      const at = (part.base ?? 0) + layout.trimmed[i]!;
      const end = start + part.text.trim().length;
      if (part.unit) {
        const edit = part.edit;
        if (!edit) spans.push({ start, end, unit: part.unit, at, exact: true });
        else {
          // The heading's `{#id}`, given or completed: the text around it is the target's, one for one.
          const from = start + edit.at - at;
          spans.push({ start, end: from, unit: part.unit, at, exact: true });
          spans.push({ start: from, end: from + edit.inserted, unit: part.unit, at: edit.at, exact: false });
          spans.push({ start: from + edit.inserted, end: end + edit.inserted - edit.removed, unit: part.unit, at: edit.at + edit.removed, exact: true });
        }
      } else if (part.file && part.place) spans.push({ start, end, file: part.file, place: part.place });
    });
    origins.set(file, spans);
  }

  for (const unit of doc.units) if (!known.has(unit.id)) unknown.push(unit.id);
  if (files.size) files.set(path.join(tdir, SOURCES_FILE), sourceRecordsText(records));
  return { files, origins, untranslated, kept, unknown };
}

/**
 * Where a problem found at `place` of a planned file was written: in a unit's target (its place
 * in the XLIFF file is for the reader of it to say), or in a file already there. Undefined for a
 * file the plan has no origins for (sources.json).
 */
export function originOf(plan: ImportPlan, file: string, place: Place): { unit: XliffUnit; index: number } | { file: string; place: Place } | undefined {
  const text = plan.files.get(file);
  const spans = plan.origins.get(file);
  if (text === undefined || !spans?.length) return undefined;
  let offset = 0;
  for (let line = 1; line < place.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  offset = Math.min(text.length, offset + Math.max(0, place.column - 1));
  // The stretch it is in, or the last one before it (a blank line between two parts belongs to the first).
  const span = spans.find((s) => offset >= s.start && offset < s.end) ?? [...spans].reverse().find((s) => s.start <= offset) ?? spans[0]!;
  const into = Math.max(0, Math.min(offset, span.end) - span.start);
  if ('unit' in span) return { unit: span.unit, index: span.exact ? span.at + into : span.at };
  // Kept text is the file's own, line for line.
  const before = text.slice(span.start, span.start + into).split('\n');
  return { file: span.file, place: before.length === 1 ? { line: span.place.line, column: span.place.column + into } : { line: span.place.line + before.length - 1, column: before.at(-1)!.length + 1 } };
}

/** Where each translatable value of a course.yml text is (dotted keys), by offsets into it. */
function yamlValuePlaces(text: string): Map<string, { start: number; end: number; place: Place }> {
  const places = new Map<string, { start: number; end: number; place: Place }>();
  if (!text) return places;
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter });
  for (const key of COURSE_TEXT_KEYS) {
    const node = document.getIn(key.split('.'), true) as { range?: [number, number, number] } | undefined;
    if (!node?.range) continue;
    const [start, end] = node.range;
    const { line, col } = counter.linePos(start);
    places.set(key, { start, end: Math.max(end, start + 1), place: { line, column: col } });
  }
  return places;
}

/** A translation's course.yml as it is, or nothing when it cannot be read. */
function readCourseYml(file: string, courseDir: string): string {
  try {
    return insideFolder(file, realpathSync(courseDir)) ? readFileSync(file, 'utf8').replace(/^\uFEFF/, '') : '';
  } catch {
    return '';
  }
}

/** How a question section's heading was changed to carry its id: `removed` characters at `at` became `inserted` others. */
interface SectionEdit {
  at: number;
  removed: number;
  inserted: number;
}

/**
 * A translated question section (a unit's target) as it is written: trimmed, its heading given its
 * source's id when it has none; with the change made to it, by offsets into the target.
 */
function questionSection(target: string, id: string): { text: string; edit?: SectionEdit } {
  const trimmed = target.trim();
  const lead = target.length - target.trimStart().length;
  const text = withQuestionId(trimmed, id);
  if (text === trimmed) return { text };
  // Only the first line changes: the first character that differs, and how much of its end.
  let at = 0;
  while (at < trimmed.length && trimmed[at] === text[at]) at++;
  let tail = 0;
  while (tail < trimmed.length - at && trimmed[trimmed.length - 1 - tail] === text[text.length - 1 - tail]) tail++;
  return { text, edit: { at: lead + at, removed: trimmed.length - tail - at, inserted: text.length - tail - at } };
}

/**
 * A translated question section keeps its source's id: a heading without `#id` gets it,
 * so that the translation matches its source however the question's id was made.
 */
export function withQuestionId(section: string, id: string): string {
  const [first = '', ...rest] = section.split('\n');
  if (!/^##\s/.test(first)) return section;
  const block = /\{([^{}]*)\}\s*$/.exec(first);
  let heading: string;
  if (!block) heading = `${first.trimEnd()} {#${id}}`;
  else if (/(^|\s)#/.test(block[1]!)) heading = first;
  else heading = `${first.slice(0, block.index)}{#${id} ${block[1]!.trim()}}`.replace(/ \}$/, '}');
  return [heading, ...rest].join('\n');
}

/**
 * sources.json after hand edits: the current source fingerprint of everything the
 * translation has (texts it no longer has lose their records).
 * @returns the new records, and how many of them changed
 */
export function markRecords(dir: string, language: Language): { records: SourceRecords; changed: number } {
  const tdir = translationDir(dir, language);
  const current = sourceFingerprints(readUnits(dir));
  const translated = translatedUnits(dir, language);
  const previous = readSourceRecords(tdir, dir) ?? {};
  const records: SourceRecords = {};
  const keep = (key: string) => {
    if (current[key]) records[key] = current[key];
  };
  if (translated.course) keep('course');
  for (const id of translated.lessons.keys()) keep(`lesson:${id}`);
  for (const [id, bank] of translated.banks) {
    if (bank.header) keep(`bank:${id}`);
    for (const qid of bank.questions.keys()) keep(`question:${qid}`);
  }
  const keys = new Set([...Object.keys(previous), ...Object.keys(records)]);
  const changed = [...keys].filter((k) => previous[k] !== records[k]).length;
  return { records, changed };
}
