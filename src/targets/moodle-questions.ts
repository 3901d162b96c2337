/** The Moodle XML export's work (see moodle-xml.ts), loaded only when a build makes one. */
import type { Course, Question, QuestionBank } from '../course/model.js';
import { compilerKind } from '../course/question-types/index.js';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { courseFilesIn, missingFileReason, reportLeftOut, textsWithCourseFiles, type CourseFiles } from './course-files.js';
import { moodleTexts, text, type MoodleBody, type MoodleTexts } from './moodle-parts.js';
import type { ExportResult } from './target.js';
import { escapeXml } from './xml.js';

/** The type's part of the question (its `moodle` in `src/course/question-types/`): see QuestionKind's `moodle`. */
const body = (q: Question, texts: MoodleTexts): MoodleBody | null | { refused: string } => compilerKind(q.type).moodle(q, texts);

/** The question's XML, with the course files it shows, or why it is left out. */
function question(q: Question, files: CourseFiles): string | { left: string } {
  const texts = moodleTexts(files);
  const part = body(q, texts);
  if (!part) return { left: `is a ${q.type} question, which Moodle's question bank has no type for` };
  if ('refused' in part) return { left: `cannot be imported by Moodle: ${part.refused}` };
  const name = q.promptText.length > 80 ? `${q.promptText.slice(0, 79)}…` : q.promptText;
  const xml = `<question type="${part.type}">
<name>${text(name)}</name>
${texts.html('questiontext', q.prompt)}
${texts.html('generalfeedback', q.feedback.explanation)}
<defaultgrade>${q.points}</defaultgrade><penalty>0</penalty><hidden>0</hidden><idnumber>${escapeXml(q.id)}</idnumber>
${part.xml}
</question>`;
  // A text with a course file that went in without it (an ordering item: Moodle imports no files there), or one that could not be read.
  const uncarried = textsWithCourseFiles(q).find((t) => !texts.carried(t));
  return uncarried === undefined ? xml : { left: uncarriedReason(uncarried, files) };
}

function uncarriedReason(html: string, files: CourseFiles): string {
  const unreadable = courseFilesIn(html).find((f) => files(f) === null);
  return unreadable !== undefined ? missingFileReason(unreadable) : 'shows a course file in a part of the question where Moodle XML carries no files';
}

function category(course: Course, bank: QuestionBank): string {
  // "/" separates category levels in Moodle: a title holding one would make a sub-category.
  const path = ['$course$', 'top', course.title, bank.title].map((p) => p.replace(/\//g, '∕')).join('/');
  return `<question type="category"><category>${text(path)}</category><info format="html">${text('')}</info><idnumber>${escapeXml(`${course.id}-${bank.id}`)}</idnumber></question>`;
}

/** The Moodle XML file of a course's banks, with a warning for each question Moodle has no type for. */
export function moodleQuestions(course: Course, files: CourseFiles): ExportResult {
  const sink = new DiagnosticSink();
  const parts: string[] = [];
  for (const bank of course.banks) {
    parts.push(category(course, bank));
    for (const q of bank.questions) {
      const xml = question(q, files);
      if (typeof xml === 'string') parts.push(xml);
      else reportLeftOut(sink, course, bank, q, xml.left, `${course.id}-moodle.xml`);
    }
  }
  const data = `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${parts.join('\n')}\n</quiz>\n`;
  return { entries: [{ path: `${course.id}-moodle.xml`, data }], diagnostics: sink.items };
}
