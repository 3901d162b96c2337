/**
 * Reading a course's files as loading it does: only inside the course folder, each within the
 * size and structure limits, lessons parsed first so that links between them can be rewritten
 * to lesson ids. Shared by the course's load and a lesson's draft.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';
import type { Language } from '../languages/tags.js';
import { cacheOff, compilerVersion } from './cache.js';
import type { Project } from './config.js';
import { reusingCompiler, type ReusingCompiler } from './file-results.js';
import { guarded } from './guarded.js';
import { fileNameIdProblem, parseLesson, type ParsedLesson } from './lessons.js';
import type { RenderContext } from './render-html.js';
import { keptMarkdownLimitProblem } from './markdown-limits.js';
import { declaredLanguage } from './declared.js';
import { insideFolder, markdownFiles, readSourceText } from './source-file.js';

/** A file's path as diagnostics show it: relative to the project, with forward slashes. */
export const displayIn = (project: Project) => (file: string) => path.relative(project.root, file).split(path.sep).join('/') || '.';

/**
 * Reading a course's files as a load does: only inside the course folder (symbolic links
 * resolved first), each within the size and structure limits. Texts read and accepted are
 * kept by file (the translations' fingerprints use them too).
 */
export function courseReader(absolute: string, sink: DiagnosticSink, display: (file: string) => string) {
  const realCourse = realpathSync(absolute);
  const accepted = new Map<string, string>();
  const readInside = (file: string): string | null => {
    if (insideFolder(file, realCourse)) {
      const text = readSourceText(file, display(file), sink);
      const tooComplex = text !== null && file.endsWith('.md') ? keptMarkdownLimitProblem(text) : null;
      if (text !== null && !tooComplex) accepted.set(file, text);
      if (!tooComplex) return text;
      sink.report(display(file), tooComplex.place, 'markdown-too-complex', tooComplex.message);
      return null;
    }
    sink.report(display(file), { line: 1, column: 1 }, 'path-escape', 'this file is a symbolic link to a file outside the course folder, so it is not read');
    return null;
  };
  return { accepted, readInside };
}

/** What rendering a file of a course needs to know about the course. */
export interface CourseRendering {
  courseDir: string;
  display: (file: string) => string;
  sink: DiagnosticSink;
  assets: Set<string>;
  /** Lesson id by course-relative path of its file. */
  lessonByPath: ReadonlyMap<string, string>;
  /** The language the course is written in. */
  language: Language;
}

/** The language a course is taken to be in when its course.yml names none that skillpack knows. */
export const FALLBACK_LANGUAGE: Language = 'en';

/**
 * The language of a course with this course.yml text, as its files are rendered: the one it names
 * (read on its own, so a course.yml with other problems still says it), else the fallback. The load
 * (when course.yml is not valid as a whole) and a lesson's draft both take it from here, so that a
 * file compiled by either renders alike.
 */
export const courseLanguageOf = (ymlText: string | null): Language => declaredLanguage(ymlText) ?? FALLBACK_LANGUAGE;

/** The render context of a file of a course. */
export const renderContextOf = (file: string, source: string, course: CourseRendering): RenderContext => ({
  file,
  source: new VFile(source),
  display: course.display(file),
  courseDir: course.courseDir,
  sink: course.sink,
  assets: course.assets,
  lessonFor: (relative) => course.lessonByPath.get(relative),
  definitions: [],
  language: course.language,
});

/** Each lesson file parsed (its frontmatter read), in course order. */
export function parseLessons(lessonFiles: string[], readInside: (file: string) => string | null, display: (file: string) => string, sink: DiagnosticSink): ParsedLesson[] {
  const parsed: ParsedLesson[] = [];
  for (const file of lessonFiles) {
    const text = readInside(file);
    if (text !== null) guarded(sink, display(file), () => parsed.push(parseLesson(text, file, display(file), { sink })));
  }
  for (const lesson of parsed) {
    const problem = lesson.idFromName ? fileNameIdProblem(lesson.file, lesson.id, 'LMS records and links name the lesson', ', or give the lesson an `id:` in its frontmatter') : undefined;
    if (problem) sink.report(lesson.display, { line: 1, column: 1 }, 'file-name-id', problem);
  }
  return parsed;
}

/** A course's lesson files, in course order. */
export const lessonFilesOf = (absolute: string): string[] => markdownFiles(path.join(absolute, 'lessons')).map((name) => path.join(absolute, 'lessons', name));
/** Each lesson's id by the course-relative path of its file (links to it are rewritten to it). */
export const lessonPaths = (absolute: string, parsed: ParsedLesson[]) => new Map(parsed.map((l) => [path.relative(absolute, l.file).split(path.sep).join('/'), l.id]));

/**
 * The compiler of a course's files for one load when it reuses what unchanged files compiled to
 * (kept on disk too unless the cache is off), or null when it compiles every file.
 */
export const reusingCompilerOf = (absolute: string, lessonByPath: ReadonlyMap<string, string>, project: Project, reuseFiles: boolean | undefined): ReusingCompiler | null =>
  reuseFiles ? reusingCompiler(absolute, lessonByPath, cacheOff() ? null : `${compilerVersion()}\0${JSON.stringify(project.config)}`) : null;
