/**
 * Question widgets: one per question type (its `view` in `../question-types/`), each able
 * to read the learner's response back, restore a saved one and lock itself for review.
 * Exam, practice and results all use the same widgets, so a question looks and behaves
 * the same everywhere.
 */
import type { Question } from '../../course/model.js';
import { KINDS } from '../question-types/index.js';
import type { QuestionOptions, QuestionView } from './widgets.js';

export type { QuestionOptions, QuestionView } from './widgets.js';

/**
 * Render a question's body (prompt and controls) for any question type.
 * @param question the question
 * @param opts translator, option order and change callback
 */
export function renderQuestion(question: Question, opts: QuestionOptions): QuestionView {
  return KINDS[question.type].view(question, opts);
}
