/**
 * Moodle XML (Moodle Docs, "Moodle XML format"): every bank as a category under
 * `$course$/top/<course title>/`, each question mapped to Moodle's nearest standard
 * type, with its points (defaultgrade), its id (idnumber) and its feedback
 * (general = explanation; correct/incorrect on the answers or as combined feedback).
 *
 * Type mapping (each type's `moodle` in `src/course/question-types/`):
 * - true-false → truefalse; single → multichoice single; multiple → multichoice with
 *   every correct choice 100/k % and every wrong one -100 %, so choosing any wrong
 *   option scores 0, as the player scores it (all or nothing);
 * - fill-in → shortanswer (every accepted answer 100 %, usecase from the question;
 *   Moodle always trims, and `*` is escaped because Moodle reads it as a wildcard);
 * - numeric → numerical (midpoint with half the range as tolerance);
 * - matching → matching (a distractor target is a sub-question with no text);
 * - sequencing → ordering: the Ordering question type is a standard plugin of Moodle
 *   since 4.4 (a widely used add-on before), all-or-nothing grading as in the player.
 *   It is not ddwtos (drag words into sentences), which cannot express an order;
 * - essay → essay; likert → nothing: Moodle's question bank has no survey type, so
 *   a likert question is reported (a warning) and left out; use a Moodle Feedback or
 *   Questionnaire activity for it.
 */
import type { Course, Question, QuestionBank } from '../course/model.js';
import { compilerKind } from '../course/question-types/index.js';
import { questionOrigin } from '../course/questions.js';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { html, text, type MoodleBody } from './moodle-parts.js';
import type { ExportTarget } from './target.js';
import { escapeXml } from './xml.js';

/** The type's part of the question (its `moodle` in `src/course/question-types/`), or null when Moodle has no type for it. */
const body = (q: Question): MoodleBody | null => compilerKind(q.type).moodle(q);

function question(q: Question): string | null {
  const part = body(q);
  if (!part) return null;
  const name = q.promptText.length > 80 ? `${q.promptText.slice(0, 79)}…` : q.promptText;
  return `<question type="${part.type}">
<name>${text(name)}</name>
${html('questiontext', q.prompt)}
${html('generalfeedback', q.feedback.explanation)}
<defaultgrade>${q.points}</defaultgrade><penalty>0</penalty><hidden>0</hidden><idnumber>${escapeXml(q.id)}</idnumber>
${part.xml}
</question>`;
}

function category(course: Course, bank: QuestionBank): string {
  // "/" separates category levels in Moodle: a title holding one would make a sub-category.
  const path = ['$course$', 'top', course.title, bank.title].map((p) => p.replace(/\//g, '∕')).join('/');
  return `<question type="category"><category>${text(path)}</category><info format="html">${text('')}</info><idnumber>${escapeXml(`${course.id}-${bank.id}`)}</idnumber></question>`;
}

export const moodleXml: ExportTarget = {
  name: 'target:moodle-xml',
  id: 'moodle-xml',
  kind: 'export',
  label: 'Moodle XML',
  platforms: 'Moodle\'s question bank (Question bank → Import → Moodle XML format): the exam becomes a Moodle quiz scored on the server.',
  fileName: (course) => `${course.id}-moodle.xml`,
  zip: false,
  build(course) {
    const sink = new DiagnosticSink();
    const parts: string[] = [];
    for (const bank of course.banks) {
      parts.push(category(course, bank));
      for (const q of bank.questions) {
        const xml = question(q);
        if (xml) parts.push(xml);
        else {
          const origin = questionOrigin.get(q);
          sink.report(origin?.file ?? `courses/${course.id}/banks/${bank.id}.md`, origin?.place, 'export-unmappable', `question "${q.id}" is a ${q.type} question, which Moodle's question bank has no type for: it is not in ${course.id}-moodle.xml`);
        }
      }
    }
    const data = `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${parts.join('\n')}\n</quiz>\n`;
    return { entries: [{ path: `${course.id}-moodle.xml`, data }], diagnostics: sink.items };
  },
};
