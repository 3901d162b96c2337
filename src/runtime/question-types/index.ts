/**
 * The question types as the browser runtime knows them: one declaration per type
 * (`./<type>.ts`, or per family where the code is shared), from which scoring, exam
 * drawing, the resume state, the standards' interaction formats, xAPI interaction
 * components and the question widgets all derive.
 *
 * Adding a question type: its name in model.ts `QUESTION_TYPES` with its question and
 * response shapes, its runtime declaration here, its compiler declaration
 * (`src/course/question-types/`) and its player strings: each is asked for by the compiler.
 */
import type { QuestionType } from '../../course/model.js';
import { multiple, single } from './choice.js';
import { essay } from './essay.js';
import { fillIn } from './fill-in.js';
import type { AnyKind, QuestionKind } from './kind.js';
import { likert } from './likert.js';
import { matching } from './matching.js';
import { numeric } from './numeric.js';
import { sequencing } from './sequencing.js';
import { trueFalse } from './true-false.js';

export type { AnyKind, Component, InteractionType, QuestionKind, Standard } from './kind.js';

export const QUESTION_KINDS = {
  'true-false': trueFalse,
  single,
  multiple,
  'fill-in': fillIn,
  numeric,
  matching,
  sequencing,
  likert,
  essay,
} satisfies { [T in QuestionType]: QuestionKind<T> };

/**
 * The same table for code that holds a question of any type (see `AnyKind`): each entry
 * was checked against its own type above, so widening its parameters here is safe.
 */
export const KINDS = QUESTION_KINDS as Readonly<Record<QuestionType, AnyKind>>;
