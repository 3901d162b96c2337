/**
 * Where each built question was written (for diagnostics that compare questions across files, and
 * an export's warnings at a question's line). A module of its own: the course cache gives the
 * places back to a cached model without loading the compiler.
 */
import type { Place } from '../diagnostics/diagnostic.js';
import type { Question } from './model.js';

export const questionOrigin = new WeakMap<Question, { file: string; place: Place | undefined }>();
