/**
 * `skillpack translate export|import|mark`: a course's texts out to a translator as
 * XLIFF 2.0, the translator's XLIFF back in as translation files (checked before
 * they are kept), and the record of what a hand-edited translation was made from.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYamlText } from 'yaml';
import { writeWhole } from '../cache-files.js';
import { namedCourseFolder } from '../catalogue.js';
import { loadProject, type Project } from '../course/config.js';
import { loadCourse } from '../course/load.js';
import { firstInvalidByte, insideFolder } from '../course/source-file.js';
import type { Language } from '../course/model.js';
import { LANGUAGES, SOURCES_FILE, sourceRecordsText, translationDir } from '../course/translation-units.js';
import { DiagnosticSink, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatReport } from '../diagnostics/reporter.js';
import { UsageError } from '../errors.js';
import { exportDocument, markRecords, originOf, planImport, type ImportPlan } from '../translate/exchange.js';
import { MAX_XLIFF_BYTES, readXliff, writeXliff, type XliffRead } from '../translate/xliff.js';

interface Common {
  root: string;
  color: boolean;
}

/** A course folder from a path or a course id (a folder of the project's courses). */
function courseFolder(project: Project, course: string): string {
  const found = namedCourseFolder(project, course);
  if (!found) throw new UsageError(`${course}: no course folder (a folder with course.yml, or a course id in ${project.config.courses}/)`);
  return found;
}

/** The id and source language in a course.yml (read without the compiler). */
function courseIdentity(dir: string): { id: string; language: Language } {
  const meta = parseYamlText(readFileSync(path.join(dir, 'course.yml'), 'utf8')) as { id?: unknown; language?: unknown } | null;
  const language = String(meta?.language ?? '');
  if (typeof meta?.id !== 'string' || !(LANGUAGES as readonly string[]).includes(language)) throw new UsageError(`${path.join(dir, 'course.yml')} has no valid id and language: run \`skillpack check\` on the course first`);
  return { id: meta.id, language: language as Language };
}

function translationLanguage(identity: { language: Language }, language: string): Language {
  if (!(LANGUAGES as readonly string[]).includes(language)) throw new UsageError(`--language ${language}: choose ${LANGUAGES.join(' or ')}`);
  if (language === identity.language) throw new UsageError(`--language ${language} is the course's own language: name the language to translate into`);
  return language as Language;
}

/**
 * The supported language an XLIFF file's language tag names. BCP 47 tags are case-insensitive
 * (`zh-cn` is zh-CN); a tag that only adds a region or script to a supported language's (`en-US`,
 * `en-GB`; `zh`, `zh-Hans`, `zh-Hans-CN`, `zh-SG` for Simplified Chinese) is read as that
 * language, with a warning. Traditional Chinese (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant…`) is not
 * zh-CN. Undefined when the tag names no supported language.
 */
export function xliffLanguage(tag: string): { language: Language; exact: boolean } | undefined {
  const lower = tag.trim().toLowerCase();
  const exact = LANGUAGES.find((language) => language.toLowerCase() === lower);
  if (exact) return { language: exact, exact: true };
  const [primary, ...subtags] = lower.split('-');
  if (primary === 'en' && subtags.every((s) => /^[a-z0-9]{2,8}$/.test(s))) return { language: 'en', exact: false };
  if (primary === 'zh') {
    const traditional = subtags.some((s) => ['hant', 'tw', 'hk', 'mo'].includes(s));
    const simplified = subtags.length === 0 || subtags.every((s) => ['hans', 'cn', 'sg', 'my'].includes(s));
    if (simplified && !traditional) return { language: 'zh-CN' as Language, exact: false };
  }
  return undefined;
}

const relative = (file: string) => path.relative(process.cwd(), file) || '.';

/**
 * Refuse to write `file` unless the folder it goes into is inside the course folder, every link
 * followed (checked on the nearest folder that exists, before any is made): a translation folder
 * that is a link to elsewhere must not receive files. The file itself is then replaced through a
 * rename (writeWhole), so a link in its place is replaced, not followed.
 */
function assertWritableInCourse(courseDir: string, file: string): void {
  let folder = path.dirname(file);
  while (!existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  if (!insideFolder(folder, realpathSync(courseDir))) throw new UsageError(`${relative(file)}: ${relative(folder)} leads outside the course folder (a symbolic link), so nothing is written there`);
}

function printDiagnostics(project: Project, diagnostics: Diagnostic[], color: boolean): void {
  if (diagnostics.length) process.stdout.write(`${formatReport(sortDiagnostics(diagnostics), { color, root: project.root })}\n`);
}

/** Is a diagnostic about a file of this translation? */
const inTranslation = (project: Project, tdir: string) => {
  const prefix = `${path.relative(project.root, tdir).split(path.sep).join('/')}/`;
  return (d: Diagnostic) => d.file.startsWith(prefix) || d.file === prefix.slice(0, -1);
};

/** `translate export`: write the XLIFF file of a course for one language. */
export async function translateExport(options: Common & { course: string; language: string; out?: string }): Promise<number> {
  const project = loadProject(options.root);
  const dir = courseFolder(project, options.course);
  const identity = courseIdentity(dir);
  const language = translationLanguage(identity, options.language);
  const doc = exportDocument(dir, identity, language);
  const out = path.resolve(options.out ?? `${identity.id}.${language}.xlf`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, await writeXliff(doc));
  const translated = doc.units.filter((u) => u.target !== undefined);
  const outdated = translated.filter((u) => u.state === 'initial').length;
  process.stdout.write(`${doc.units.length} texts (${translated.length} translated${outdated ? `, ${outdated} of them out of date` : ''}) → ${relative(out)}\n`);
  return 0;
}

/**
 * `translate import`: write a translation from an XLIFF file's targets, record what each was
 * translated from, and check the result as `check` does. When the translation has errors
 * (an answer key that differs from the source's, a broken question) nothing is kept.
 */
export async function translateImport(options: Common & { file: string; course?: string }): Promise<number> {
  const project = loadProject(options.root);
  const xliffFile = path.resolve(options.file);
  let doc: XliffRead;
  try {
    doc = await readXliff(readXliffText(xliffFile));
  } catch (error) {
    throw new UsageError(`${options.file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The XLIFF file's problems, at their places in it (the file the translator works in).
  const fromRoot = path.relative(project.root, xliffFile);
  const shownXliff = fromRoot.startsWith('..') || path.isAbsolute(fromRoot) ? xliffFile : fromRoot.split(path.sep).join('/');
  const xliffSink = new DiagnosticSink();
  for (const problem of doc.problems) xliffSink.report(shownXliff, problem.place, problem.rule, problem.message);
  const dir = courseFolder(project, options.course ?? doc.course);
  const identity = courseIdentity(dir);
  if (identity.id !== doc.course) throw new UsageError(`${options.file} is a translation of course "${doc.course}", not of "${identity.id}"`);
  // The languages, as the root element's srcLang and trgLang name them.
  const at = `${options.file}:${doc.root.line}:${doc.root.column}`;
  const languageOf = (attribute: 'srcLang' | 'trgLang', tag: string): Language => {
    const found = xliffLanguage(tag);
    if (!found) throw new UsageError(`${at}: ${attribute}="${tag}" is not a language skillpack supports (${LANGUAGES.join(', ')})`);
    if (!found.exact) xliffSink.report(shownXliff, doc.root, 'xliff-language', `${attribute}="${tag}" is read as ${found.language}, the language skillpack supports`);
    return found.language;
  };
  const sourceLanguage = languageOf('srcLang', doc.sourceLanguage);
  const language = languageOf('trgLang', doc.targetLanguage);
  if (sourceLanguage !== identity.language) throw new UsageError(`${at}: srcLang="${doc.sourceLanguage}" says the file translates from ${sourceLanguage}, but the course is written in ${identity.language}`);
  if (language === identity.language) throw new UsageError(`${at}: trgLang="${doc.targetLanguage}" is the course's own language: the file must translate into another`);
  const tdir = translationDir(dir, language);
  const plan = planImport(dir, { ...doc, targetLanguage: language });

  // Write, check, and put everything back when the translation has errors.
  for (const file of plan.files.keys()) assertWritableInCourse(dir, file);
  const previous = new Map([...plan.files.keys()].map((file) => [file, existsSync(file) ? readFileSync(file) : null]));
  for (const [file, text] of plan.files) writeWhole(file, text);
  const loaded = loadCourse(dir, project);
  const ofTranslation = inTranslation(project, tdir);
  const refused = xliffSink.errorCount > 0 || loaded.diagnostics.some((d) => d.severity === 'error' && (ofTranslation(d) || d.rule === 'translation-mismatch'));
  if (refused) {
    for (const [file, data] of previous) {
      if (data) writeWhole(file, data);
      else rmSync(file, { force: true });
    }
  }
  // Put back, the files no longer hold what was checked: each problem found in them is shown where it was written.
  const placed = refused ? loaded.diagnostics.map(inXliff(project, plan, doc, shownXliff)) : loaded.diagnostics;
  printDiagnostics(project, [...xliffSink.items, ...placed], options.color);
  if (plan.kept.length) process.stdout.write(`no target, kept the existing translation: ${plan.kept.join(', ')}\n`);
  if (plan.untranslated.length) process.stdout.write(`no target, left out: ${plan.untranslated.join(', ')}\n`);
  if (plan.unknown.length) process.stdout.write(`not in the source course, left out: ${plan.unknown.join(', ')}\n`);
  if (refused) {
    process.stdout.write(`the ${language} translation has errors: nothing written\n`);
    return 1;
  }
  const texts = doc.units.length - plan.untranslated.length - plan.kept.length - plan.unknown.length;
  process.stdout.write(`${texts} texts → ${relative(tdir)} (${plan.files.size} files)\n`);
  return loaded.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/**
 * A diagnostic of a file an import wrote and then put back, placed where its text was written:
 * in the XLIFF file at the unit's target (the character itself, when the file holds the target's
 * characters one for one), or in the translation file already there, for a text kept as it was.
 */
function inXliff(project: Project, plan: ImportPlan, doc: XliffRead, shownXliff: string): (d: Diagnostic) => Diagnostic {
  return (d) => {
    const file = path.resolve(project.root, d.file);
    const origin = originOf(plan, file, d);
    if (!origin) return d;
    const { endLine: _endLine, endColumn: _endColumn, ...rest } = d;
    if ('file' in origin) return { ...rest, file: path.relative(project.root, origin.file).split(path.sep).join('/'), ...origin.place };
    const place = doc.locate(origin.unit, origin.index);
    return { ...rest, file: shownXliff, line: place.line, column: place.column, message: `${d.message} (unit "${origin.unit.id}"; ${d.file}:${d.line}:${d.column} once imported)` };
  };
}

/** An XLIFF file's text: strict UTF-8, at most MAX_XLIFF_BYTES; throws an Error that says what is wrong. */
function readXliffText(file: string): string {
  const stat = statSync(file);
  if (!stat.isFile()) throw new Error('not a file');
  const size = stat.size;
  if (size > MAX_XLIFF_BYTES) throw new Error(`${(size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_XLIFF_BYTES / 1024 / 1024} MB limit for an XLIFF file`);
  const bytes = readFileSync(file);
  try {
    // The byte order mark is kept: places in the file count it, as an editor shows it.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error(`not UTF-8 (byte 0x${bytes[firstInvalidByte(bytes)]?.toString(16).padStart(2, '0')} at offset ${firstInvalidByte(bytes)}): save the XLIFF file as UTF-8`);
  }
}

/** `translate mark`: record the current source of everything a translation has. */
export async function translateMark(options: Common & { course: string; language: string }): Promise<number> {
  const project = loadProject(options.root);
  const dir = courseFolder(project, options.course);
  const identity = courseIdentity(dir);
  const language = translationLanguage(identity, options.language);
  const tdir = translationDir(dir, language);
  if (!existsSync(tdir)) throw new UsageError(`${relative(dir)} has no ${language} translation (${relative(tdir)})`);
  const { records, changed } = markRecords(dir, language);
  assertWritableInCourse(dir, path.join(tdir, SOURCES_FILE));
  writeWhole(path.join(tdir, SOURCES_FILE), sourceRecordsText(records));
  const loaded = loadCourse(dir, project);
  const ofTranslation = inTranslation(project, tdir);
  printDiagnostics(project, loaded.diagnostics.filter((d) => ofTranslation(d) || d.rule.startsWith('translation-')), options.color);
  process.stdout.write(`${Object.keys(records).length} texts recorded as up to date (${changed} changed) → ${relative(path.join(tdir, SOURCES_FILE))}\n`);
  return loaded.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
