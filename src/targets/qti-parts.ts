/**
 * The type-specific part of a QTI 2.1 assessmentItem (Information Model §4–§5), which
 * each question type writes (`src/course/question-types/`), and the pieces they share.
 */
import { xhtml } from './xml.js';

export interface QtiParts {
  cardinality: 'single' | 'multiple' | 'ordered';
  baseType: 'identifier' | 'string' | 'float' | 'directedPair';
  correct: string[];
  /** fill-in: accepted answers as a mapping (map_response). */
  mapping?: { values: string[]; caseSensitive: boolean };
  interaction: string;
  /** The rule that tells a right answer, or null for unscored questions. */
  isCorrect: string | null;
  /** The standard response processing template it follows, if any. */
  template: string | null;
}

/** QTI identifiers must start with a letter: option ids (`a`, `1`) get a prefix. */
export const choiceId = (id: string) => `C${id}`;
export const sourceId = (id: string) => `S${id}`;
export const targetId = (id: string) => `T${id}`;

export const simpleChoice = (id: string, html: string, fixed = false) => `<simpleChoice identifier="${id}"${fixed ? ' fixed="true"' : ''}>${xhtml(html)}</simpleChoice>`;
/** The response matches the correct response (the rule of match_correct). */
export const matchCorrect = '<match><variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></match>';
