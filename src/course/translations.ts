/**
 * A course's translations (`translations/<lang>/`): each read like the source
 * (course.yml's texts, lessons, banks), matched to the source by lesson and
 * question id, checked for what is missing, extra, out of date or structurally
 * different, and turned into a Course in that language with the source's ids and
 * keys. What a translation lacks is taken from the source.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Definition } from 'mdast';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import * as z from 'zod/mini';
import { placeOf, type DiagnosticSink, type Place } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/catalogue.js';
import { loadBank } from './banks.js';
import type { FileCompiler } from './file-results.js';
import { findPracticeSections, idFromFileName, parseLesson, practicePlaceholderHtml, renderLesson } from './lessons.js';
import { parseMarkdown } from './markdown.js';
import { type RenderContext } from './render-html.js';
import { CONTENT_PREFIX, type Course, type Language, type Lesson, type Question } from './model.js';
import { questionOrigin } from './question-origin.js';
import { lessonInSource, questionInSource } from './source-language.js';
import { htmlFacts, structureDifferences, targetDifferences } from './translation-structure.js';
import { COURSE_TEXT_KEYS, courseTextsOf, LANGUAGES, readSourceRecords, readUnits, SOURCES_FILE, sourceFingerprints, translationDir, type CourseTexts, type KnownTexts, type SourceRecords } from './translation-units.js';
import { parseYamlLocated } from './yaml.js';
import { guarded } from './guarded.js';
import { markdownFiles } from './source-file.js';
import { LANGUAGES as LANGUAGE_TABLE } from '../languages/index.js';

/** A non-empty string. */
const text = () => z.string().check(z.minLength(1));

/** A translation's course.yml: the translatable keys only (anything else is an unknown key). */
const translatedCourseSchema = z.strictObject({
  title: z.optional(text().check(z.maxLength(200))),
  summary: z.optional(text()),
  occupation: z.optional(text()),
  certificate: z.optional(
    z.strictObject({
      name: z.optional(text()),
      level: z.optional(z.pipe(z.union([z.string(), z.number()]), z.transform(String))),
      issuer: z.optional(text()),
    }),
  ),
});

/**
 * Where a translated text first links or shows `target` (a target as htmlFacts gives it): the
 * link, image or link definition whose URL names the same external address or file. Only for
 * placing a report: the comparison itself is made on the rendered HTML.
 */
function targetPlace(text: string, target: string): Place | undefined {
  const url = target.slice(target.indexOf(' ') + 1);
  const wanted = url.startsWith('#/lesson/') ? `${url.slice('#/lesson/'.length)}` : url.startsWith(CONTENT_PREFIX) ? path.posix.basename(url.split('#')[0]!) : url.toLowerCase();
  const matches = (written: string) => {
    const plain = written.trim();
    if (url.startsWith('#/lesson/')) return path.posix.basename(plain.split('#')[0]!).replace(/\.md$/, '').replace(/^\d+[-_.\s]*/, '') === wanted;
    if (url.startsWith(CONTENT_PREFIX)) return encodeURI(safeDecode(path.posix.basename(plain.split(/[?#]/)[0]!))) === wanted;
    return plain.toLowerCase() === wanted;
  };
  let found: Place | undefined;
  visit(parseMarkdown(text), (node) => {
    if (found) return false;
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && matches(node.url)) found = placeOf(node);
    else if (node.type === 'html' && (node.value.includes(url) || node.value.toLowerCase().includes(wanted.toLowerCase()))) found = placeOf(node);
    return undefined;
  });
  return found;
}

/** The first ticked task-list item of a lesson's text outside its practice questions (where a lost question's key shows). */
function tickedItem(text: string): Place | undefined {
  const tree = parseMarkdown(text);
  const sections = findPracticeSections(tree);
  const inQuestions = new Set(sections.flatMap((section) => tree.children.slice(section.start, section.end)));
  let found: Place | undefined;
  for (const child of tree.children) {
    if (found || inQuestions.has(child)) continue;
    visit(child, 'listItem', (item) => {
      if (!found && item.checked === true) found = placeOf(item);
    });
  }
  return found;
}

const safeDecode = (text: string) => {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
};


export interface TranslationInput {
  /** Absolute course folder. */
  dir: string;
  /** The source course, fully loaded. */
  course: Course;
  sink: DiagnosticSink;
  /** Path as shown in diagnostics. */
  display: (file: string) => string;
  /** Read a file of the course folder (reporting why it cannot be read). */
  readInside: (file: string) => string | null;
  /** Where a key of the source's course.yml is. */
  locateSource: (keys: Array<string | number>) => Place | undefined;
  /** Source lesson and bank files by id. */
  lessonFiles: Map<string, string>;
  bankFiles: Map<string, string>;
  /** Files the packages carry (translations may link course files too). */
  assets: Set<string>;
  lessonFor: (relative: string) => string | undefined;
  /** What the loader read of the source's files (not read again for their fingerprints). */
  sourceTexts: KnownTexts;
  /** Compiles a lesson or bank file (reusing unchanged results in the preview). */
  compile: FileCompiler;
  /** Works out a result from a compiled file's output, reused the same way. */
  derive: FileCompiler;
}


/** The languages a course folder has translations for (folders of `translations/`), checked. */
function translationLanguages(input: TranslationInput): Language[] {
  const root = path.join(input.dir, 'translations');
  if (!existsSync(root) || !statSync(root).isDirectory()) return [];
  const languages: Language[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!entry.isDirectory()) continue;
    const shown = input.display(path.join(root, entry.name));
    if (entry.name === input.course.language) {
      input.sink.report(shown, { line: 1, column: 1 }, 'schema-invalid-value', `"${entry.name}" is the course's own language (course.yml \`language\`), so it cannot be a translation`, 'Translate into another language, or delete the folder.');
    } else if (!(LANGUAGES as readonly string[]).includes(entry.name)) {
      input.sink.report(shown, { line: 1, column: 1 }, 'schema-invalid-value', `translations/${entry.name}: "${entry.name}" is not a language skillpack supports (${LANGUAGES.join(', ')})`, `Name the folder after the language: ${LANGUAGES.join(' or ')}.`);
    } else languages.push(entry.name as Language);
  }
  return languages;
}

/** Load, check and build every translation of a course. */
export function loadTranslations(input: TranslationInput): Course[] {
  const languages = translationLanguages(input);
  if (languages.length === 0) return [];
  const current = sourceFingerprints(readUnits(input.dir, input.dir, input.sourceTexts));
  return languages.map((language) => loadTranslation(input, language, current));
}

function loadTranslation(input: TranslationInput, language: Language, current: SourceRecords): Course {
  const { dir, course, sink, display } = input;
  const tdir = translationDir(dir, language);
  const name = LANGUAGE_TABLE[language].englishName;
  const shows = (them: boolean) => `the ${name} packages show the source text for ${them ? 'them' : 'it'}`;
  const report = (file: string, place: Place | undefined, rule: RuleId, message: string) => sink.report(file, place ?? { line: 1, column: 1 }, rule, message);
  const sourceYml = display(path.join(dir, 'course.yml'));

  let records = readSourceRecords(tdir, dir);
  if (records === null) {
    report(display(path.join(tdir, SOURCES_FILE)), undefined, 'translation-outdated', `${SOURCES_FILE} cannot be read, so no ${name} text has a record of what it was translated from`);
    records = {};
  }
  const outdated = (key: string, file: string, place: Place | undefined, what: string) => {
    const recorded = records[key];
    if (recorded === current[key]) return;
    report(file, place, 'translation-outdated', recorded ? `${what} changed since this was translated (${SOURCES_FILE} records ${recorded}, the source is now ${current[key]})` : `there is no record of which version of ${what} this translates (no "${key}" in ${SOURCES_FILE})`);
  };

  // course.yml: the translatable texts.
  let texts: CourseTexts = {};
  const yml = path.join(tdir, 'course.yml');
  if (existsSync(yml)) {
    const text = input.readInside(yml);
    if (text !== null) {
      const { value } = parseYamlLocated(text, translatedCourseSchema, { file: display(yml), sink });
      texts = value ? courseTextsOf(value) : {};
      outdated('course', display(yml), undefined, `the source's course.yml texts (title, summary, occupation, certificate)`);
      for (const key of COURSE_TEXT_KEYS) {
        if (value && texts[key] === undefined) report(sourceYml, input.locateSource(key.split('.')), 'translation-missing', `course.yml \`${key}\` has no ${name} translation in ${display(yml)}: ${shows(false)}`);
      }
    }
  } else {
    report(sourceYml, undefined, 'translation-missing', `course.yml's title, summary, occupation and certificate have no ${name} translation (${display(yml)}): ${shows(true)}`);
  }

  const context = (resolveFrom: string, shown: string, text: string, definitions: Definition[] = []): RenderContext => ({
    // Paths resolve from the source file's place: a translation keeps the source's links as they are.
    file: resolveFrom,
    display: shown,
    source: new VFile(text),
    courseDir: dir,
    sink,
    assets: input.assets,
    lessonFor: input.lessonFor,
    definitions,
    language,
  });
  /** A rendered lesson's links and images (htmlFacts), kept like a compiled file's result: after an edit, only the edited lesson's are found again. */
  const lessonFacts = (resolveFrom: string, shown: string, html: string) => input.derive('lesson-facts', html, context(resolveFrom, shown, html), () => htmlFacts(html));
  const sourcePlace = (question: Question) => questionOrigin.get(question);
  // What is shown in the source's words says so (see source-language.ts).
  const inSource = (question: Question) => questionInSource(question, course.language);
  const mismatch = (translated: Question, source: Question): boolean => {
    const differences = structureDifferences(source, translated);
    if (differences.length === 0) return false;
    const origin = questionOrigin.get(translated);
    const from = sourcePlace(source);
    report(origin?.file ?? '.', origin?.place, 'translation-mismatch', `question "${source.id}" differs from its source${from ? ` (${from.file}:${from.place?.line ?? 1})` : ''}: ${differences.join('; ')}`);
    return true;
  };
  /** The translation, when it matches its source; an explanation it leaves out is reported (its edition shows none). */
  const translatedOrSource = (translated: Question, source: Question): Question => {
    if (mismatch(translated, source)) return inSource(source);
    // Feedback for a right or a wrong answer that is missing is reported anyway (feedback-missing); an explanation is optional.
    const origin = questionOrigin.get(translated);
    if (source.feedback.explanation && !translated.feedback.explanation) report(origin?.file ?? '.', origin?.place, 'translation-missing', `question "${source.id}" has no ${name} explanation, which its source gives: ${name} learners get none`);
    return translated;
  };


  // Lessons, matched by id.
  const lessons = new Map<string, Lesson>();
  /** Lessons whose translation differs from the source in more than words: an error, and not used. */
  const refusedLessons = new Set<string>();
  for (const fileName of markdownFiles(path.join(tdir, 'lessons'))) {
    const file = path.join(tdir, 'lessons', fileName);
    const shown = display(file);
    const text = input.readInside(file);
    if (text === null) continue;
    const parsed = guarded(sink, shown, () => parseLesson(text, file, shown, { sink }));
    if (!parsed) continue;
    const sourceFile = input.lessonFiles.get(parsed.id);
    const source = course.lessons.find((l) => l.id === parsed.id);
    if (!sourceFile || !source) {
      report(shown, undefined, 'translation-extra', `lesson "${parsed.id}" is not in the source course (lessons: ${course.lessons.map((l) => l.id).join(', ')}), so this translation is left out`);
      continue;
    }
    if (lessons.has(parsed.id)) {
      report(shown, undefined, 'duplicate-lesson-id', `lesson id "${parsed.id}" is translated twice in ${display(path.join(tdir, 'lessons'))}`);
      continue;
    }
    const lesson = guarded(sink, shown, () => input.compile('lesson', text, context(sourceFile, shown, text), (ctx) => renderLesson(parsed, ctx)));
    if (!lesson) continue;
    outdated(`lesson:${parsed.id}`, shown, undefined, `the source lesson ${display(sourceFile)}`);
    // Links and images lead where the source's do: a translation changes words only.
    const sourceFacts = lessonFacts(sourceFile, display(sourceFile), source.html);
    const facts = lessonFacts(sourceFile, shown, lesson.html);
    const sourceTargets = sourceFacts.targets;
    const targets = facts.targets;
    const differences = targetDifferences(sourceTargets, targets);
    if (differences.length) {
      const added = targets.find((t) => !sourceTargets.includes(t));
      report(shown, (added && targetPlace(text, added)) || undefined, 'translation-mismatch', `lesson "${parsed.id}" differs from its source (${display(sourceFile)}): ${differences.join('; ')}`);
      refusedLessons.add(parsed.id);
      continue;
    }
    const practiced = withPractice(lesson, source, text, shown, facts.checked > sourceFacts.checked);
    if (practiced) lessons.set(parsed.id, practiced);
    else refusedLessons.add(parsed.id);
  }

  /**
   * A translated lesson with its practice questions matched to the source's: extra ones left out,
   * each compared with its source. Null (reported) when it lacks one of the source's: a heading
   * that lost its `{.practice #id}` makes the question lesson text, its ticked key shown to all.
   * @param moreTicked the translation shows more ticked task-list boxes than its source
   */
  function withPractice(lesson: Lesson, source: Lesson, text: string, shown: string, moreTicked: boolean): Lesson | null {
    let html = lesson.html;
    for (const question of lesson.practice) {
      if (!source.practice.some((q) => q.id === question.id)) {
        const origin = questionOrigin.get(question);
        report(origin?.file ?? '.', origin?.place, 'translation-extra', `practice question "${question.id}" is not in the source lesson "${source.id}", so this translation is left out`);
        html = html.replace(practicePlaceholderHtml(question.id), '');
      }
    }
    const lost = source.practice.filter((original) => !lesson.practice.some((q) => q.id === original.id));
    const ticked = source.practice.length > 0 && moreTicked;
    if (lost.length || ticked) {
      const from = lost[0] ? sourcePlace(lost[0]) : undefined;
      const what = lost.length
        ? `lacks the source's practice question${lost.length > 1 ? 's' : ''} ${lost.map((q) => `"${q.id}"`).join(', ')}${from ? ` (${from.file}:${from.place?.line ?? 1})` : ''}: keep each one's heading with its {.practice #id}, or the question is lesson text and its [x] key is shown`
        : 'shows ticked task-list items outside its practice questions, which the source does not: a practice question whose heading lost its {.practice #id} shows its [x] key as lesson text';
      report(shown, tickedItem(text), 'translation-mismatch', `lesson "${source.id}" ${what}, so it is not used`);
      return null;
    }
    const practice = source.practice.map((original) => {
      const translated = lesson.practice.find((q) => q.id === original.id)!;
      return translatedOrSource(translated, original);
    });
    return { ...lesson, html, practice };
  }

  // Banks: questions matched by id wherever they are.
  const sourceQuestions = new Map(course.banks.flatMap((b) => b.questions.map((q) => [q.id, q] as const)));
  const questions = new Map<string, Question>();
  const bankTitles = new Map<string, string>();
  for (const fileName of markdownFiles(path.join(tdir, 'banks'))) {
    const file = path.join(tdir, 'banks', fileName);
    const shown = display(file);
    const text = input.readInside(file);
    if (text === null) continue;
    const bankId = idFromFileName(file, 'bank');
    const sourceFile = input.bankFiles.get(bankId);
    const loaded = guarded(sink, shown, () => input.compile('bank', text, context(sourceFile ?? path.join(dir, 'banks', fileName), shown, text), (ctx) => loadBank(text, ctx)));
    if (!loaded) continue;
    if (!sourceFile) report(shown, undefined, 'translation-extra', `bank "${bankId}" is not in the source course (banks: ${course.banks.map((b) => b.id).join(', ') || 'none'}); its questions are matched by id`);
    else {
      bankTitles.set(bankId, loaded.bank.title);
      if (current[`bank:${bankId}`]) outdated(`bank:${bankId}`, shown, undefined, `the title of the source bank ${display(sourceFile)}`);
    }
    for (const question of loaded.bank.questions) {
      const origin = questionOrigin.get(question);
      const source = sourceQuestions.get(question.id);
      if (questions.has(question.id)) {
        report(origin?.file ?? shown, origin?.place, 'duplicate-question-id', `question "${question.id}" is translated twice`);
      } else if (!source) {
        report(origin?.file ?? shown, origin?.place, 'translation-extra', `question "${question.id}" is not in the source's banks, so this translation is left out`);
      } else {
        questions.set(question.id, translatedOrSource(question, source));
        outdated(`question:${question.id}`, origin?.file ?? shown, origin?.place, `source question "${question.id}"`);
      }
    }
  }

  // What the source has and the translation does not.
  for (const lesson of course.lessons) {
    if (!lessons.has(lesson.id) && !refusedLessons.has(lesson.id)) report(display(input.lessonFiles.get(lesson.id) ?? dir), undefined, 'translation-missing', `lesson "${lesson.id}" has no ${name} translation (${display(path.join(tdir, 'lessons'))}/): ${shows(false)}`);
  }
  for (const bank of course.banks) {
    const bankFile = display(input.bankFiles.get(bank.id) ?? dir);
    if (!bankTitles.has(bank.id) && !bank.questions.some((q) => questions.has(q.id))) {
      report(bankFile, undefined, 'translation-missing', `bank "${bank.id}" (${bank.questions.length} questions) has no ${name} translation (${display(path.join(tdir, 'banks'))}/): ${shows(true)}`);
      continue;
    }
    for (const question of bank.questions) {
      if (questions.has(question.id)) continue;
      const from = sourcePlace(question);
      report(from?.file ?? bankFile, from?.place, 'translation-missing', `question "${question.id}" has no ${name} translation: ${shows(false)}`);
    }
  }

  return {
    ...course,
    language,
    title: texts.title ?? course.title,
    summary: texts.summary ?? course.summary,
    occupation: texts.occupation ?? course.occupation,
    certificate: {
      name: texts['certificate.name'] ?? course.certificate.name,
      level: texts['certificate.level'] ?? course.certificate.level,
      issuer: texts['certificate.issuer'] ?? course.certificate.issuer,
    },
    lessons: course.lessons.map((l) => lessons.get(l.id) ?? lessonInSource(l, course.language, language)),
    banks: course.banks.map((b) => ({ ...b, title: bankTitles.get(b.id) ?? b.title, questions: b.questions.map((q) => questions.get(q.id) ?? inSource(q)) })),
  };
}

