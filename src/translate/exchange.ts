/**
 * A course's translation in and out: the XLIFF document of a language (source texts,
 * current translations and whether they are up to date), the translation files an
 * XLIFF document's targets become, and the record (sources.json) of what each
 * translated text was translated from.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import {
  bankFileText,
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
  /** Units with no target and no translation already there: nothing written for them. */
  untranslated: string[];
  /** Units with no target whose translation already there is kept as it is (with its record). */
  kept: string[];
  /** Units whose id names nothing in the source course: left out. */
  unknown: string[];
}

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
  const untranslated: string[] = [];
  const kept: string[] = [];
  const unknown: string[] = [];
  /** A unit without a target: the translation there stays, or there is none. */
  const noTarget = (unit: XliffUnit, existing: boolean) => (existing ? kept : untranslated).push(unit.id);
  const hasTarget = (unit: XliffUnit | undefined): unit is XliffUnit & { target: string } => unit?.target !== undefined && unit.target.trim() !== '';
  const byId = new Map(doc.units.map((u) => [u.id, u]));
  const confirmed = (unit: XliffUnit) => unit.state !== 'initial';
  const known = new Set<string>();

  // course.yml
  const courseUnits = COURSE_TEXT_KEYS.map((key) => [key, byId.get(`course:${key}`)] as const).filter((e): e is [CourseTextKey, XliffUnit] => e[1] !== undefined);
  courseUnits.forEach(([key]) => known.add(`course:${key}`));
  if (courseUnits.length) {
    const texts: CourseTexts = { ...(translated.course ?? {}) };
    const from: CourseTexts = {};
    let keptText = false;
    for (const [key, unit] of courseUnits) {
      from[key] = unit.source;
      if (hasTarget(unit)) texts[key] = unit.target.trim();
      else {
        noTarget(unit, texts[key] !== undefined);
        keptText ||= texts[key] !== undefined;
      }
    }
    const certificate = Object.fromEntries((['name', 'level', 'issuer'] as const).flatMap((k) => (texts[`certificate.${k}`] !== undefined ? [[k, texts[`certificate.${k}`]]] : [])));
    const yaml = { ...(texts.title ? { title: texts.title } : {}), ...(texts.summary ? { summary: texts.summary } : {}), ...(texts.occupation ? { occupation: texts.occupation } : {}), ...(Object.keys(certificate).length ? { certificate } : {}) };
    if (Object.keys(yaml).length) {
      files.set(path.join(tdir, 'course.yml'), stringifyYaml(yaml, { lineWidth: 0 }));
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
    files.set(file, `${unit.target.trim()}\n`);
    if (confirmed(unit)) records[`lesson:${id}`] = fingerprint(unit.source);
  }

  // Banks: the header and the questions in the source's order.
  for (const [id, bank] of source.banks) {
    const existing = translated.banks.get(id);
    const headerUnit = byId.get(`bank:${id}`);
    let changed = false;
    let header = existing?.header ?? '';
    if (headerUnit) {
      known.add(headerUnit.id);
      if (hasTarget(headerUnit)) {
        header = headerUnit.target.trim();
        changed = true;
        if (confirmed(headerUnit)) records[`bank:${id}`] = fingerprint(headerUnit.source);
      } else noTarget(headerUnit, Boolean(existing?.header));
    }
    const sections: string[] = [];
    for (const [qid] of bank.questions) {
      const unit = byId.get(`question:${qid}`);
      if (unit) known.add(unit.id);
      const there = translatedQuestion(translated, qid);
      if (hasTarget(unit)) {
        sections.push(withQuestionId(unit.target.trim(), qid));
        changed = true;
        if (confirmed(unit)) records[`question:${qid}`] = fingerprint(unit.source);
      } else {
        // Without a target, or not in the document at all: the translation there stays.
        if (unit) noTarget(unit, there !== undefined);
        const keptQuestion = existing?.questions.get(qid);
        if (keptQuestion) sections.push(keptQuestion.text);
      }
    }
    if (!changed) continue;
    if (!header && !existing) header = bank.header;
    files.set(existing?.file ?? path.join(tdir, 'banks', path.basename(bank.file)), bankFileText(header, sections));
  }

  for (const unit of doc.units) if (!known.has(unit.id)) unknown.push(unit.id);
  if (files.size) files.set(path.join(tdir, SOURCES_FILE), sourceRecordsText(records));
  return { files, untranslated, kept, unknown };
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
