/**
 * What the browser does with one question type, in one declaration per type
 * (`./<type>.ts`), collected in index.ts: a part left out does not compile.
 *
 * Part names survive minification, so they are short: every type carries all of them.
 */
import type { Option, Question, QuestionOf, QuestionType, ResponseValue, UnscoredType } from '../../course/model.js';
import type { QuestionOptions, QuestionView } from '../player/widgets.js';

/** The standards a response and its patterns are written for. */
export type Standard = 'scorm12' | 'scorm2004' | 'xapi';

/** The interaction types of SCORM 2004 (RTE 4.2.9) and xAPI (Data §2.4.4.1). */
export type InteractionType = 'true-false' | 'choice' | 'fill-in' | 'long-fill-in' | 'matching' | 'performance' | 'sequencing' | 'likert' | 'numeric' | 'other';

/** An xAPI interaction component (§2.4.4.1) made from an option. */
export type Component = (option: Option) => Record<string, unknown>;

export interface QuestionKind<T extends QuestionType> {
  /**
   * Whether a response's value is right; never throws, a malformed value is simply wrong.
   * Null for the unscored types (model.ts `UNSCORED_TYPES`), which are neither.
   */
  correct: [T] extends [UnscoredType] ? null : (question: QuestionOf<T>, value: ResponseValue<T>) => boolean;
  /** The option ids whose display order an exam permutes (empty: always shown as authored). */
  ids(question: QuestionOf<T>): string[];
  /** The authored order is the answer: the options are always shuffled, never shown in it (absent: shuffled per the exam's setting). */
  alwaysShuffled?: true;
  /** Every option id a response or an order refers to, for the state's options fingerprint. */
  print(question: QuestionOf<T>): string;
  /** The value as a short resume-state string (option ids are single characters, so no separators); texts cut to `cap`. */
  encode(value: ResponseValue<T>, cap: number): string;
  /** A resume-state string (never empty) read back, every id checked against the question; undefined when invalid. */
  decode(question: QuestionOf<T>, text: string): ResponseValue<T> | undefined;
  /** Its interaction type in SCORM 2004 and xAPI (SCORM 1.2 writes `long-fill-in` as `fill-in`). */
  interaction: InteractionType;
  /** Correct response patterns in a standard's format (none when unscored, or when it cannot write them). */
  patterns(question: QuestionOf<T>, standard: Standard): string[];
  /** The learner's response in a standard's format. */
  format(value: ResponseValue<T>, standard: Standard): string;
  /** Its xAPI interaction components (`choices`, `source`/`target`, `scale`), if it has options. */
  components(question: QuestionOf<T>, component: Component): Record<string, unknown>;
  /** Its widget: prompt and controls, read back as a response. */
  view(question: QuestionOf<T>, opts: QuestionOptions): QuestionView;
}

/**
 * A kind as code holding a question of any type sees it: a table lookup cannot tie a
 * question's type to its parts' parameters, so they take any question and value here.
 */
export interface AnyKind extends Omit<QuestionKind<QuestionType>, 'correct'> {
  correct: ((question: Question, value: ResponseValue<QuestionType>) => boolean) | null;
}

/** No options, or none in this role. */
export const none = (): never[] => [];

/** No xAPI components. */
export const noComponents = () => ({});

/** The value itself (an option id, a text). */
export const itself = <V>(value: V): V => value;
