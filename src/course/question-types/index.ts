/**
 * The question types as the compiler knows them: one declaration per type (`./<type>.ts`,
 * or per family where the code is shared), from which reading answer lists, comparing a
 * translation's structure, the QTI and Moodle XML exports and the spreadsheet import
 * all derive. What the browser does with each type is in `src/runtime/question-types/`.
 */
import type { QuestionType } from '../model.js';
import { multiple, single } from './choice.js';
import { essay } from './essay.js';
import { fillIn } from './fill-in.js';
import type { AnyCompilerKind, CompilerKind } from './kind.js';
import { likert } from './likert.js';
import { matching } from './matching.js';
import { numeric } from './numeric.js';
import { sequencing } from './sequencing.js';
import { trueFalse } from './true-false.js';

export type { AnswersOf, AnyCompilerKind, CompilerKind, ImportedFields, Report } from './kind.js';

export const COMPILER_KINDS = {
  'true-false': trueFalse,
  single,
  multiple,
  'fill-in': fillIn,
  numeric,
  matching,
  sequencing,
  likert,
  essay,
} satisfies { [T in QuestionType]: CompilerKind<T> };

/**
 * A type's declaration as code that holds a question of any type sees it: each entry was
 * checked against its own type above, so widening its parameters here is safe.
 * @param type the question type
 */
export function compilerKind(type: QuestionType): AnyCompilerKind {
  return COMPILER_KINDS[type];
}
