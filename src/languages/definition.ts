/**
 * Everything skillpack needs to know about a language, in one declaration per language
 * (`src/languages/<tag>.ts`), collected in index.ts: a part left out does not compile.
 */
import type { QuestionType } from '../course/model.js';
import type { Messages } from '../runtime/strings/en.js';
import type { CatalogueWords } from './catalogue-words.js';
import type { PreviewWords } from './preview-words.js';

/** The feedback block a label fills. */
export type FeedbackKey = 'correct' | 'incorrect' | 'explanation';

/** A spreadsheet column skillpack reads (options are found by letter, whatever the language). */
/** `options` is one cell holding every option (`A.甲 B.乙`), as some exam systems export them. */
export type ColumnField = 'type' | 'stem' | 'options' | 'answer' | 'explanation' | 'points' | 'id';

export interface LanguageDefinition {
  /** The language's name in English (messages, XLIFF reports). */
  englishName: string;
  /** Its name in itself (the catalogue page, language switches). */
  nativeName: string;
  /** The player's words (`src/runtime/strings/<tag>.ts`: every key of the English table). */
  strings: Messages;
  /** The catalogue page's words, and each target's platforms as its guide describes them. */
  catalogue: CatalogueWords;
  /** The preview workspace's words (`src/languages/preview/<tag>.ts`). */
  preview: PreviewWords;
  /** The package page's text for a browser without JavaScript. */
  noscript: string;
  /** The title `skillpack new` gives a course (its scaffold is `templates/new-course/<tag>/`). */
  newCourseTitle(id: string): string;
  /** The two answers of a true/false question as written out (QTI, Moodle XML, imported banks). */
  trueFalse: readonly [string, string];
  /** The feedback label imported explanations are written under, e.g. `**Explanation:**`. */
  explanationLabel: string;
  /**
   * A lesson's footnotes: the heading over them, and what a screen reader says of the link from a
   * note back to where it is cited (`reference`: the note's number; `again`: which citation of it, from 1).
   */
  footnotes: { heading: string; backLabel(reference: number, again: number): string };
  /**
   * Whether Chinese characters in a text of this language are Chinese quoted in it (an original
   * term in brackets), to be marked `lang="zh-CN"` so that a screen reader reads them in a
   * Chinese voice: a language not written in Chinese characters.
   */
  quotesChinese: boolean;
  /** Words authors and spreadsheets use, read in every course whatever its language. */
  keywords: {
    /** Answer labels that make a two-option list a true/false question. */
    true: readonly string[];
    false: readonly string[];
    /** Accepted only with an explicit `type=true-false` (a Yes/No choice is not inferred as true/false). */
    looseTrue: readonly string[];
    looseFalse: readonly string[];
    /** A spreadsheet's true/false answers besides all the words above (`y`, `right`). */
    answerTrue: readonly string[];
    answerFalse: readonly string[];
    /** Feedback labels (lower case, without the colon). */
    feedback: Readonly<Record<string, FeedbackKey>>;
    /** Spreadsheet column names (lower case). */
    columns: Readonly<Record<ColumnField, readonly string[]>>;
    /** Spreadsheet names of question types (lower case). */
    questionTypes: Readonly<Record<string, QuestionType>>;
    /** Words a spreadsheet puts before an option letter (`选项A`, `option A`). */
    optionPrefixes: readonly string[];
    /** Labels of a lesson paragraph that names its sources (`Sources:`, `资料来源：`). */
    sourceLabels: readonly string[];
    /** Units written after a number that make it a figure needing a source (beyond SI units and %). */
    figureUnits: readonly string[];
    /** A regular expression (source text) for a cited article of a law, e.g. `第12条`, `Article 12`. */
    lawArticle: string;
  };
}
