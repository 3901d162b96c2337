/** A lesson's body rendered as the compiler renders it, for tests of what learners see. */
import { renderContextOf } from '../../src/course/course-files.js';
import { parseLesson, renderLesson } from '../../src/course/lessons.js';
import type { Language } from '../../src/course/model.js';
import { DiagnosticSink } from '../../src/diagnostics/diagnostic.js';

/**
 * The HTML of a lesson with this body (under a frontmatter title), in a course of this language.
 * @param title the frontmatter's title
 */
export function lessonHtml(body: string, language: Language, title = '课'): string {
  const text = `---\ntitle: ${title}\n---\n\n${body}`;
  const sink = new DiagnosticSink();
  const course = { courseDir: '/course', display: () => 'lessons/01-a.md', sink, assets: new Set<string>(), lessonByPath: new Map<string, string>(), language };
  return renderLesson(parseLesson(text, '/course/lessons/01-a.md', 'lessons/01-a.md', { sink }), renderContextOf('/course/lessons/01-a.md', text, course))!.html;
}
