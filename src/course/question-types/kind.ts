/**
 * What the compiler (Node side) does with one question type, in one declaration per
 * type (`./<type>.ts`), collected in index.ts: a part left out does not compile.
 * What the browser does with it is declared in `src/runtime/question-types/`.
 */
import type { List, ListItem } from 'mdast';
import type { Place } from '../../diagnostics/diagnostic.js';
import type { RuleId } from '../../diagnostics/catalogue.js';
import type { ImportedQuestion } from '../../import/rows.js';
import type { RowCells } from '../../import/row-cells.js';
import type { MoodleBody, MoodleTexts } from '../../targets/moodle-parts.js';
import type { QtiParts } from '../../targets/qti-parts.js';
import type { RenderContext } from '../render-html.js';
import type { Language, QuestionOf, QuestionType } from '../model.js';

/** Reports a problem in a question's source, at the heading unless a place is given. */
export type Report = (rule: RuleId, message: string, place?: Place) => void;

/** The type-specific fields of a question of one type: what its answer list gives. */
export type AnswersOf<T extends QuestionType> = Omit<QuestionOf<T>, 'id' | 'prompt' | 'promptText' | 'points' | 'feedback'>;

/** The fields of an imported question that a type fills from its row. */
export type ImportedFields = Partial<Pick<ImportedQuestion, 'options' | 'answer' | 'answers' | 'pairs' | 'explanation'>>;

export interface CompilerKind<T extends QuestionType> {
  /**
   * How its answers are written under the heading: a task list (`- [x] …`), a plain
   * list, or (`optional`) no list at all, a plain one being allowed and ignored.
   */
  list: 'task' | 'plain' | 'optional';
  /**
   * The heading attributes it reads besides `type=` and `points=` (fill-in's `case=`), each with
   * a check of its value that says what is wrong with one it cannot read: any other attribute
   * would change nothing, so it is reported (attribute-use.ts). None when left out.
   */
  attributes?: Readonly<Record<string, (value: string) => string | undefined>>;
  /**
   * Read its answer list (README "Questions") into the type's fields, or report what
   * makes it unusable, at the list or item, and give null.
   * @param list the answer list (undefined only when `list` is optional)
   * @param items its items
   * @param values the heading's `key=value` attributes
   * @param ctx rendering context (option HTML, diagnostics)
   * @param report where problems go
   */
  read(list: List | undefined, items: ListItem[], values: Record<string, string>, ctx: RenderContext, report: Report): AnswersOf<T> | null;
  /** How a translation's structure differs from its source's, in words (both of this type; empty when the same). */
  differences(source: QuestionOf<T>, translated: QuestionOf<T>): string[];
  /** Its QTI 2.1 response declaration, interaction and correctness rule. */
  qti(question: QuestionOf<T>, shuffleChoices: boolean, language: Language): QtiParts;
  /**
   * Its Moodle XML type and body; null when Moodle's question bank has no type for it, or why
   * this question cannot be one that Moodle would import.
   * @param texts writes its HTML texts with their course files (one per question)
   * @param shuffleChoices the exam's choice shuffling setting
   */
  moodle(question: QuestionOf<T>, texts: MoodleTexts, shuffleChoices: boolean): MoodleBody | null | { refused: string };
  /** Its fields from a spreadsheet row's answer and option cells, or null after reporting why not. */
  fromRow(row: RowCells): ImportedFields | null;
  /** Its answer list as Markdown lines, as an imported bank writes it (none for a type that has none). */
  markdown(question: ImportedQuestion, language: Language): string[];
}

/**
 * A kind as code holding a question of any type sees it: a table lookup cannot tie a
 * question's type to its parts' parameters, so they take any question here.
 */
export type AnyCompilerKind = CompilerKind<QuestionType>;
