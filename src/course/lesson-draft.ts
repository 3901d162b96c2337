/**
 * One lesson of a course compiled on its own, for the preview, which shows a saved lesson's new
 * text while the course is loaded again.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import type { Project } from './config.js';
import { courseLanguageOf, courseReader, displayIn, lessonFilesOf, lessonPaths, parseLessons, renderContextOf, reusingCompilerOf } from './course-files.js';
import { compileAlways } from './file-results.js';
import { guarded } from './guarded.js';
import { renderLesson } from './lessons.js';
import type { LoadOptions } from './load.js';
import type { Lesson } from './model.js';

/**
 * One lesson of a course compiled on its own, as loading the course would compile it, against
 * the course's lesson files as they are now: the preview shows a saved lesson's new text with
 * this while the course is loaded again. Null when the lesson has a problem or its id is not its
 * own (the load reports it), or when the file is not one of the course's lessons.
 * @param file absolute path of the lesson file
 * @param options as the course's load is given them: with `reuseFiles`, the load that follows reuses the draft's result
 */
export function draftLesson(dir: string, project: Project, file: string, options: LoadOptions = {}): Lesson | null {
  const absolute = path.resolve(dir);
  if (!existsSync(path.join(absolute, 'course.yml'))) return null;
  const sink = new DiagnosticSink();
  const display = displayIn(project);
  const { readInside } = courseReader(absolute, sink, display);
  const parsed = parseLessons(lessonFilesOf(absolute), readInside, display, sink);
  const lesson = parsed.find((p) => p.file === path.resolve(file));
  if (!lesson || parsed.some((p) => p !== lesson && p.id === lesson.id)) return null;
  const lessonByPath = lessonPaths(absolute, parsed);
  const language = courseLanguageOf(readInside(path.join(absolute, 'course.yml')));
  const rendering = { courseDir: absolute, display, sink, assets: new Set<string>(), lessonByPath, language };
  // Compiled as the load compiles it, so that a load reusing files' results (the preview's) reuses this one.
  const compile = reusingCompilerOf(absolute, lessonByPath, project, options.reuseFiles)?.compile ?? compileAlways;
  const html = guarded(sink, lesson.display, () => compile('lesson', lesson.source, renderContextOf(lesson.file, lesson.source, rendering), (ctx) => renderLesson(lesson, ctx)));
  return sink.errorCount ? null : html;
}
