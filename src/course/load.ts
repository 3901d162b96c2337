/**
 * A course folder to the Course model, with every problem found on the way.
 * Nothing stops at the first problem: a course with errors still yields all
 * of its diagnostics; it yields a Course only when it has no errors.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticSink, type Diagnostic, type Place } from '../diagnostics/diagnostic.js';
import { loadBank } from './banks.js';
import { fewestPoints } from './exam-points.js';
import type { Project } from './config.js';
import { markdownFiles } from './source-file.js';
import { courseLanguageOf, courseReader, displayIn, FALLBACK_LANGUAGE, lessonFilesOf, lessonPaths, parseLessons, renderContextOf, reusingCompilerOf, type CourseRendering } from './course-files.js';
import { fileNameIdProblem, renderLesson } from './lessons.js';
import type { RenderContext } from './render-html.js';
import { MODEL_VERSION, UNSCORED_TYPES, type Course, type Lesson, type QuestionBank } from './model.js';
import { courseSchema } from './schema.js';
import { questionOrigin } from './question-origin.js';
import { reportBankHabits, untestedLessons } from './review-habits.js';
import { lazyLocator, parseYamlLocated } from './yaml.js';
import { loadTranslations } from './translations.js';
import { guarded } from './guarded.js';
import { compileAlways } from './file-results.js';
import type { CourseFacts } from './facts.js';

export interface LoadedCourse {
  /** Absolute course folder. */
  dir: string;
  /** The model, or null when the course has errors. */
  course: Course | null;
  /** Course-relative paths of the files the package must carry (images, linked files). */
  assets: string[];
  diagnostics: Diagnostic[];
  /** Absolute paths of every source file read (for caching and watching). */
  sources: string[];
  /** The course in each language it is translated into (translations/<lang>/), when it has no errors. */
  translations?: Course[];
  /** The facts of the course and each translation, when known without the model (a course from the cache; see facts.ts). */
  readonly editions?: readonly CourseFacts[];
  /**
   * The course cache's key of the files it was loaded from, where the loader went through the
   * cache (loadCourseCached): null when the cache is off, or a file changed while it loaded.
   */
  cacheKey?: string | null;
}

export interface LoadOptions {
  /**
   * Reuse what compiling each unchanged file gave last time, in this process or (unless the
   * cache is off) an earlier one: the preview, which loads a course after every save, and
   * commands that find a course changed since the course cache kept it.
   */
  reuseFiles?: boolean;
}

/** Load one course folder. */
export function loadCourse(dir: string, project: Project, options: LoadOptions = {}): LoadedCourse {
  const absolute = path.resolve(dir);
  const sink = new DiagnosticSink();
  const display = displayIn(project);
  const sources: string[] = [];
  const assets = new Set<string>();
  const result = (course: Course | null, translations: Course[] = []): LoadedCourse => ({
    dir: absolute,
    course: sink.errorCount ? null : course,
    assets: [...assets].sort(),
    diagnostics: sink.items,
    sources,
    ...(translations.length && !sink.errorCount ? { translations } : {}),
  });

  const ymlPath = path.join(absolute, 'course.yml');
  if (!existsSync(ymlPath)) {
    sink.report(display(absolute), undefined, 'course-not-found', `no course.yml in ${display(absolute)}`);
    return result(null);
  }
  sources.push(ymlPath);
  const { accepted, readInside } = courseReader(absolute, sink, display);
  const ymlText = readInside(ymlPath);

  // Lessons: parse all first, so links between lessons can be rewritten to lesson ids.
  const lessonFiles = lessonFilesOf(absolute);
  sources.push(...lessonFiles);
  const parsed = parseLessons(lessonFiles, readInside, display, sink);
  const lessonByPath = lessonPaths(absolute, parsed);
  // Kept on disk too unless the cache is off, for the next command after an edit.
  const reuse = reusingCompilerOf(absolute, lessonByPath, project, options.reuseFiles);
  const compile = reuse?.compile ?? compileAlways;
  const derive = reuse?.derive ?? compileAlways;
  // Written just after this (synchronous) load, with the results of every file it compiles or reuses.
  reuse?.keep();
  const files = { courseDir: absolute, display, sink, assets, lessonByPath };

  // course.yml read and checked like a compiled file (kept while its text is unchanged); its nodes
  // are placed, for the problems found further on, by parsing it again only if one is reported.
  // It renders no Markdown, so no language is needed for it yet.
  const ymlContext = renderContextOf(ymlPath, ymlText ?? '', { ...files, language: FALLBACK_LANGUAGE });
  const meta = ymlText === null ? null : derive('course-yml', ymlText, ymlContext, (ctx) => parseYamlLocated(ymlText, courseSchema, { file: display(ymlPath), sink: ctx.sink }).value);
  const rendering: CourseRendering = { ...files, language: meta?.language ?? courseLanguageOf(ymlText) };
  const context = (file: string, source: string): RenderContext => renderContextOf(file, source, rendering);
  const locate = ymlText === null ? () => undefined : lazyLocator(ymlText);
  if (meta && meta.id !== path.basename(absolute)) {
    sink.report(display(ymlPath), locate(['id']), 'course-id-mismatch', `course id "${meta.id}" differs from its folder name "${path.basename(absolute)}"`);
  }

  const lessons: Lesson[] = [];
  const seenLessons = new Map<string, string>();
  for (const p of parsed) {
    if (seenLessons.has(p.id)) {
      sink.report(p.display, { line: 1, column: 1 }, 'duplicate-lesson-id', `lesson id "${p.id}" is also used by ${seenLessons.get(p.id)}`);
      continue;
    }
    seenLessons.set(p.id, p.display);
    const lesson = guarded(sink, p.display, () => compile('lesson', p.source, context(p.file, p.source), (ctx) => renderLesson(p, ctx)));
    if (lesson) lessons.push(lesson);
  }
  if (parsed.length === 0) sink.report(display(ymlPath), { line: 1, column: 1 }, 'no-lessons', 'the course has no lessons (lessons/*.md)');

  const bankDir = path.join(absolute, 'banks');
  const banks: QuestionBank[] = [];
  const written = new Map<string, number>();
  const bankFiles = new Map<QuestionBank, { file: string; lessonPlace: Place | undefined }>();
  const bankPaths = new Map<string, string>();
  for (const name of markdownFiles(bankDir)) {
    const file = path.join(bankDir, name);
    sources.push(file);
    const text = readInside(file);
    if (text === null) continue;
    const loaded = guarded(sink, display(file), () => compile('bank', text, context(file, text), (ctx) => loadBank(text, ctx)));
    if (!loaded) continue;
    const nameProblem = fileNameIdProblem(file, loaded.bank.id, "the exam's draw names the bank", '');
    if (nameProblem) sink.report(display(file), { line: 1, column: 1 }, 'file-name-id', nameProblem);
    const twin = banks.find((b) => b.id === loaded.bank.id);
    if (twin) {
      sink.report(display(file), { line: 1, column: 1 }, 'duplicate-bank-id', `bank id "${loaded.bank.id}" is also used by ${bankFiles.get(twin)?.file}`);
      continue;
    }
    banks.push(loaded.bank);
    bankPaths.set(loaded.bank.id, file);
    reportBankHabits(loaded.bank, display(file), sink);
    written.set(loaded.bank.id, loaded.written);
    bankFiles.set(loaded.bank, { file: display(file), lessonPlace: loaded.lessonPlace });
  }

  checkQuestionIds(lessons, banks, sink);
  // Names that differ only in case are one file on Windows and macOS: one would overwrite the other.
  const byFolded = new Map<string, string>();
  for (const asset of [...assets].sort()) {
    const twin = byFolded.get(asset.toLowerCase());
    if (twin) sink.report(display(path.join(absolute, asset)), { line: 1, column: 1 }, 'unsafe-file-name', `"${asset}" and "${twin}" differ only in case, so an LMS on Windows or macOS would keep one of them`);
    else byFolded.set(asset.toLowerCase(), asset);
  }
  const lessonIds = new Set(lessons.map((l) => l.id));
  for (const bank of banks) {
    if (bank.lesson && !lessonIds.has(bank.lesson)) {
      sink.report(bankFiles.get(bank)!.file, bankFiles.get(bank)!.lessonPlace, 'unknown-lesson', `bank "${bank.id}" names lesson "${bank.lesson}", which does not exist`);
    }
  }

  if (!meta) return result(null);
  for (const [i, entry] of (meta.standard?.mapping ?? []).entries()) {
    for (const [k, lesson] of entry.lessons.entries()) {
      if (!lessonIds.has(lesson)) sink.report(display(ymlPath), locate(['standard', 'mapping', i, 'lessons', k]), 'unknown-lesson', `standard item "${entry.item}" names lesson "${lesson}", which does not exist`);
    }
  }
  if (meta.exam) {
    for (const [i, draw] of meta.exam.draw.entries()) {
      const bank = banks.find((b) => b.id === draw.bank);
      if (!bank) {
        const known = banks.map((b) => `"${b.id}"`).join(', ') || 'none';
        sink.report(display(ymlPath), locate(['exam', 'draw', i, 'bank']), 'exam-unknown-bank', `the exam draws from bank "${draw.bank}", which does not exist (banks: ${known})`);
      } else {
        // Surveys (likert, essay) are drawn only when the draw asks for them.
        const surveys = draw.surveys ? 0 : bank.questions.filter((q) => UNSCORED_TYPES.includes(q.type)).length;
        const available = (written.get(bank.id) ?? 0) - surveys;
        if (draw.count > available) {
          sink.report(display(ymlPath), locate(['exam', 'draw', i, 'count']), 'exam-too-many', `the exam draws ${draw.count} questions from bank "${bank.id}", which holds ${available}${surveys ? ` scored (and ${surveys} unscored, drawn only with \`surveys: true\`)` : ''}`);
        }
      }
    }
    if (meta.completion === 'lessons' && meta.exam.delivery !== 'lms') {
      const never = meta.exam.attempts === 0 ? '; with unlimited attempts (`attempts: 0`), a learner who never passes is never reported complete there' : '';
      sink.report(display(ymlPath), locate(['completion']), 'completion-lessons-exam', `the course is complete once its lessons are read, but its SCORM packages report that only once the exam is passed or its attempts are used${never} (xAPI and cmi5 report it at once)`);
    }
    const untested = untestedLessons(lessons, banks, meta.exam.draw);
    if (untested.length) {
      const names = untested.map((l) => `"${l.title}"`).join(', ');
      sink.report(display(ymlPath), locate(['exam', 'draw']), 'exam-lesson-untested', `the exam draws no question from ${untested.length === 1 ? 'lesson' : 'lessons'} ${names}: draw from a bank whose \`lesson:\` names ${untested.length === 1 ? 'it' : 'them'}`);
    }
    const drawn = meta.exam.draw.map((d) => banks.find((b) => b.id === d.bank)).filter((b) => b !== undefined);
    if (drawn.length === meta.exam.draw.length && drawn.every((b) => b.questions.every((q) => UNSCORED_TYPES.includes(q.type)))) {
      sink.report(display(ymlPath), locate(['exam', 'draw']), 'exam-no-scored', 'every question the exam can draw is unscored');
    } else if (drawn.length === meta.exam.draw.length && fewestPoints(meta.exam.draw, banks) === 0) {
      sink.report(display(ymlPath), locate(['exam', 'draw']), 'exam-no-points', 'an attempt can be worth 0 points: the exam may draw only questions worth points=0, and such an attempt passes whatever the answers');
    }
  }

  const course: Course = {
    modelVersion: MODEL_VERSION,
    id: meta.id,
    title: meta.title,
    language: meta.language,
    version: meta.version,
    summary: meta.summary.trim(),
    occupation: meta.occupation,
    certificate: meta.certificate,
    credits: meta.credits,
    ...(meta.creditsSource ? { creditsSource: meta.creditsSource } : {}),
    ...(meta.standard ? { standard: meta.standard } : {}),
    hours: meta.hours,
    activityId: `${project.config.baseIri}/${meta.id}`,
    publisher: project.config.organisation,
    lessons,
    banks,
    exam: meta.exam
      ? {
          draws: meta.exam.draw.map((d) => ({ bank: d.bank, count: d.count, ...(d.surveys ? { surveys: true } : {}) })),
          passingScore: meta.exam.passingScore,
          attempts: meta.exam.attempts,
          shuffleQuestions: meta.exam.shuffleQuestions,
          shuffleChoices: meta.exam.shuffleChoices,
          timeLimitMinutes: meta.exam.timeLimit ?? null,
          review: meta.exam.review,
          ...(meta.exam.delivery === 'lms' ? { delivery: 'lms' as const } : {}),
        }
      : null,
    // An exam the LMS delivers is not in the packages: they complete by lessons.
    completion: meta.exam && meta.exam.delivery !== 'lms' ? meta.completion : 'lessons',
  };
  const translations = loadTranslations({
    dir: absolute,
    course,
    sink,
    display,
    readInside: (file) => {
      sources.push(file);
      return readInside(file);
    },
    locateSource: (keys) => locate(keys),
    lessonFiles: new Map(parsed.map((p) => [p.id, p.file])),
    sourceTexts: { texts: accepted, lessonIds: new Map(parsed.map((p) => [p.file, p.id])) },
    bankFiles: bankPaths,
    assets,
    lessonFor: (relative) => lessonByPath.get(relative),
    compile,
    derive,
  });
  return result(course, translations);
}

/** Question ids are unique within a course, across banks and practice questions. */
function checkQuestionIds(lessons: Lesson[], banks: QuestionBank[], sink: DiagnosticSink): void {
  const seen = new Map<string, string>();
  const all = [...lessons.flatMap((l) => l.practice), ...banks.flatMap((b) => b.questions)];
  for (const question of all) {
    const origin = questionOrigin.get(question);
    const where = origin ? `${origin.file}:${origin.place?.line ?? 1}` : 'another file';
    if (seen.has(question.id)) {
      sink.report(origin?.file ?? '.', origin?.place, 'duplicate-question-id', `question id "${question.id}" is already used at ${seen.get(question.id)}`);
    } else seen.set(question.id, where);
  }
}
