/** The Moodle XML export's work (see moodle-xml.ts), loaded only when a build makes one. */
import { createHash } from 'node:crypto';
import { shufflesChoices, type Course, type Question, type QuestionBank } from '../course/model.js';
import { compilerKind } from '../course/question-types/index.js';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { courseFilesIn, missingFileReason, reportLeftOut, reportQuestion, textsWithCourseFiles, type CourseFiles } from './course-files.js';
import { moodleTexts, text, type MoodleBody, type MoodleTexts } from './moodle-parts.js';
import type { ExportResult } from './target.js';
import { escapeXml } from './xml.js';

/** The type's part of the question (its `moodle` in `src/course/question-types/`): see QuestionKind's `moodle`. */
const body = (q: Question, texts: MoodleTexts, shuffleChoices: boolean): MoodleBody | null | { refused: string } => compilerKind(q.type).moodle(q, texts, shuffleChoices);

/** The question's XML, with the course files it shows and how Moodle grades it in part, or why it is left out. */
function question(q: Question, files: CourseFiles, shuffleChoices: boolean): { xml: string; partialCredit: string | undefined } | { left: string } {
  const texts = moodleTexts(files);
  const part = body(q, texts, shuffleChoices);
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
  return uncarried === undefined ? { xml, partialCredit: part.partialCredit } : { left: uncarriedReason(uncarried, files) };
}

function uncarriedReason(html: string, files: CourseFiles): string {
  const unreadable = courseFilesIn(html).find((f) => files(f) === null);
  return unreadable !== undefined ? missingFileReason(unreadable) : 'shows a course file in a part of the question where Moodle XML carries no files';
}

/**
 * A category path as Moodle writes and reads one (qformat_default::assemble_category_path and
 * split_category_path, question/format.php): "/" separates levels, so a "/" in a title is
 * doubled, and a name starting or ending with one gets a blank there, which the import trims.
 */
function categoryPath(names: string[]): string {
  return names.map((name) => name.replace(/\//g, '//').replace(/^\//, ' /').replace(/\/$/, '/ ')).join('/');
}

/** Moodle keeps a category's ID number in 100 characters (question_categories.idnumber): a longer one fails the import. */
const CATEGORY_ID_LENGTH = 100;

/** The bank's category ID number: `<course>-<bank>`, or its start and a hash of it when that is too long for Moodle. */
function categoryIdNumber(course: Course, bank: QuestionBank): string {
  const id = `${course.id}-${bank.id}`;
  if (id.length <= CATEGORY_ID_LENGTH) return id;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 12);
  return `${id.slice(0, CATEGORY_ID_LENGTH - hash.length - 1)}-${hash}`;
}

function category(course: Course, bank: QuestionBank): string {
  const path = categoryPath(['$course$', 'top', course.title, bank.title]);
  return `<question type="category"><category>${text(path)}</category><info format="html">${text('')}</info><idnumber>${escapeXml(categoryIdNumber(course, bank))}</idnumber></question>`;
}

/** Ids a message lists before it says how many more there are. */
const LISTED = 8;

/**
 * Say which of a bank's questions Moodle grades in part: once per bank, at the first of them, since
 * a bank of multiple-response questions has dozens and the same warning on each would bury the rest.
 */
export function reportPartialCredit(sink: DiagnosticSink, course: Course, bank: QuestionBank, partial: Array<{ q: Question; how: string }>, file: string): void {
  const [first] = partial;
  if (!first) return;
  if (partial.length === 1) {
    reportQuestion(sink, course, bank, first.q, 'export-partial-credit', `question "${first.q.id}" earns part of its points in ${file}, where the player gives all or nothing: ${first.how}`);
    return;
  }
  const ids = partial.slice(0, LISTED).map(({ q }) => `"${q.id}"`).join(', ');
  const more = partial.length > LISTED ? ` and ${partial.length - LISTED} more` : '';
  reportQuestion(sink, course, bank, first.q, 'export-partial-credit', `${partial.length} questions of this bank earn part of their points in ${file}, where the player gives all or nothing: ${ids}${more}. In "${first.q.id}", for one: ${first.how}`);
}

/**
 * The Moodle XML file of a course's banks, with a warning for each question Moodle has no type
 * for, and one for each bank's questions that Moodle grades in part where the player gives all or nothing.
 */
export function moodleQuestions(course: Course, files: CourseFiles): ExportResult {
  const sink = new DiagnosticSink();
  const parts: string[] = [];
  const file = `${course.id}-moodle.xml`;
  const shuffleChoices = shufflesChoices(course);
  for (const bank of course.banks) {
    parts.push(category(course, bank));
    const partial: Array<{ q: Question; how: string }> = [];
    for (const q of bank.questions) {
      const written = question(q, files, shuffleChoices);
      if ('left' in written) {
        reportLeftOut(sink, course, bank, q, written.left, file);
        continue;
      }
      parts.push(written.xml);
      if (written.partialCredit) partial.push({ q, how: written.partialCredit });
    }
    reportPartialCredit(sink, course, bank, partial, file);
  }
  const data = `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${parts.join('\n')}\n</quiz>\n`;
  return { entries: [{ path: file, data }], diagnostics: sink.items };
}
