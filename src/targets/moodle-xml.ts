/**
 * Moodle XML (Moodle Docs, "Moodle XML format"): every bank as a category under
 * `$course$/top/<course title>/`, each question mapped to Moodle's nearest standard
 * type, with its points (defaultgrade), its id (idnumber) and its feedback
 * (general = explanation; correct/incorrect on the answers or as combined feedback).
 *
 * Type mapping (each type's `moodle` in `src/course/question-types/`):
 * - true-false → truefalse; single → multichoice single; multiple → multichoice with
 *   every correct choice 100/k % and every wrong one -100 %, so choosing any wrong
 *   option scores 0, as in the player; some of the correct options and no wrong one earn
 *   part of the points in Moodle, never in the player: reported (export-partial-credit);
 * - fill-in → shortanswer (every accepted answer 100 %, usecase from the question;
 *   Moodle always trims, and `*` is escaped because Moodle reads it as a wildcard);
 * - numeric → numerical (midpoint with half the range as tolerance);
 * - matching → matching (a distractor target is a sub-question with no text; Moodle scores
 *   each item, so it is reported as graded in part too);
 * - options are shuffled when the exam shuffles choices (shuffleanswers);
 * - sequencing → ordering: the Ordering question type is a standard plugin of Moodle
 *   since 4.4 (a widely used add-on before), all-or-nothing grading as in the player.
 *   It is not ddwtos (drag words into sentences), which cannot express an order;
 * - essay → essay; likert → nothing: Moodle's question bank has no survey type, so
 *   a likert question is reported (a warning) and left out; use a Moodle Feedback or
 *   Questionnaire activity for it.
 */
import type { ExportTarget } from './target.js';

export const moodleXml: ExportTarget = {
  name: 'target:moodle-xml',
  id: 'moodle-xml',
  kind: 'export',
  label: 'Moodle XML',
  fileName: (course) => `${course.id}-moodle.xml`,
  zip: false,
  // Loaded on use: it needs the compiler's question types, which a build that makes no export never loads.
  build: async (course, files) => (await import('./moodle-questions.js')).moodleQuestions(course, files),
};
