/**
 * Questions that show or link a course file (an image, a PDF: `content/…` in their HTML). The
 * question exports carry only their XML, not the course's files, so such a question would reach
 * the LMS with a broken image or link: it is left out of them, with a warning.
 */
import type { Course, Question, QuestionBank } from '../course/model.js';
import { CONTENT_PREFIX } from '../course/model.js';
import { questionOrigin } from '../course/questions.js';
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';

/** A link or image to a packaged course file, in the compiled (sanitised, serialised) HTML as JSON writes it. */
const COURSE_FILE = new RegExp(`(?:src|href)=\\\\"${CONTENT_PREFIX}`);

/** Whether any HTML of the question (prompt, options, feedback) shows or links a course file. */
export const linksCourseFiles = (question: Question): boolean => COURSE_FILE.test(JSON.stringify(question));

/**
 * Report a question an export leaves out, at the place it was written.
 * @param why what keeps it out ("is a likert question, which … has no type for")
 * @param file the export's file name
 */
export function reportLeftOut(sink: DiagnosticSink, course: Course, bank: QuestionBank, question: Question, why: string, file: string): void {
  const origin = questionOrigin.get(question);
  sink.report(origin?.file ?? `courses/${course.id}/banks/${bank.id}.md`, origin?.place, 'export-unmappable', `question "${question.id}" ${why}: it is not in ${file}`);
}

export const COURSE_FILE_REASON = 'shows or links a course file, which the question exports do not carry';
