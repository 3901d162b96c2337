/**
 * The course model: the one contract between the compiler, the output targets
 * and the browser runtime. The compiler writes it as `course.json` into every
 * package; the runtime reads nothing else. All HTML in it is already sanitised.
 */

/** Bump when the JSON form changes incompatibly; the runtime refuses other versions. */
export const MODEL_VERSION = 1;

/** Course files (images, linked documents) sit under this folder in every package. */
export const CONTENT_PREFIX = 'content/';

export type { Language } from '../languages/tags.js';
import type { Language } from '../languages/tags.js';

export interface Course {
  modelVersion: typeof MODEL_VERSION;
  /** Stable course id (lower-case slug); the package and manifest identifiers derive from it. */
  id: string;
  title: string;
  language: Language;
  /** Course version (semver-like); recorded in manifests, never part of an identifier. */
  version: string;
  summary: string;
  occupation: string;
  certificate: Certificate;
  /** Household-registration points the certificate is worth (0..90). */
  credits: number;
  /** Where the credits figure comes from, when the author says. */
  creditsSource?: string;
  /** The national occupational standard the course follows, and which lessons teach each work item. */
  standard?: OccupationalStandard;
  /** Estimated study hours. */
  hours: number;
  /** Absolute IRI of the course activity (xAPI / cmi5); questions and lessons live below it. */
  activityId: string;
  /** Name of the organisation publishing the course (from the project configuration). */
  publisher: string;
  lessons: Lesson[];
  /** Every question bank the exam may draw from. */
  banks: QuestionBank[];
  exam: Exam | null;
  completion: CompletionRule;
}

export interface OccupationalStandard {
  name: string;
  code?: string;
  edition?: string;
  level: string;
  /** ISO date the mapping and figures were last checked. */
  asOf: string;
  mapping: Array<{ item: string; lessons: string[] }>;
}

export interface Certificate {
  name: string;
  level: string;
  issuer: string;
}

/**
 * When is the course complete?
 * - `lessons`: every lesson viewed;
 * - `exam`: the exam passed;
 * - `lessons-and-exam`: both (the usual rule for accreditation courses).
 */
export type CompletionRule = 'lessons' | 'exam' | 'lessons-and-exam';

export interface Lesson {
  /** Stable lesson id (slug), unique within the course. */
  id: string;
  title: string;
  /**
   * Sanitised lesson HTML. Each practice question stands as
   * `<div data-practice="QUESTION_ID"></div>` where the player mounts it.
   */
  html: string;
  /** Practice questions in this lesson: feedback only, never counted in the exam score. */
  practice: Question[];
}

export interface QuestionBank {
  /** Bank id: the file name in `banks/` without `.md`. */
  id: string;
  title: string;
  /** The lesson this bank examines, when the author says. */
  lesson?: string;
  questions: Question[];
}

export interface Exam {
  /** What to draw from which bank, per attempt. */
  draws: ExamDraw[];
  /** Passing score in percent (0..100) of the points available in the drawn questions. */
  passingScore: number;
  /** Attempts allowed; 0 means unlimited. */
  attempts: number;
  shuffleQuestions: boolean;
  shuffleChoices: boolean;
  /** Time limit in minutes, or null for none. */
  timeLimitMinutes: number | null;
  /**
   * When a submitted attempt's results show each question, right or wrong, with its feedback:
   * after every attempt (`always`), only once the exam is passed or every attempt is used
   * (`final`: a retake cannot be answered from the previous review), or `never`.
   */
  review: 'always' | 'final' | 'never';
  /**
   * `lms` (present only then): the LMS's quiz engine runs the exam from the QTI or Moodle
   * XML export; player packages carry no exam and no bank (see `deliveredCourse`).
   */
  delivery?: 'lms';
}

export interface ExamDraw {
  bank: string;
  count: number;
  /** Also draw unscored questions (likert, essay); by default the exam draws scored questions only. */
  surveys?: boolean;
}

/**
 * Every question type, in the order lists show them: the one declaration the model,
 * the syntax and both registries (`src/runtime/question-types/`, `src/course/question-types/`)
 * derive from. A name added here does not compile until its question and response below
 * and its part in each registry exist.
 */
export const QUESTION_TYPES = ['true-false', 'single', 'multiple', 'fill-in', 'numeric', 'matching', 'sequencing', 'likert', 'essay'] as const;

export type QuestionType = (typeof QUESTION_TYPES)[number];

const UNSCORED = ['likert', 'essay'] as const satisfies readonly QuestionType[];
/** Question types that carry no correct answer and score nothing. */
export const UNSCORED_TYPES: readonly QuestionType[] = UNSCORED;
/** One of them: the runtime registry gives these types no correctness rule, and only these. */
export type UnscoredType = (typeof UNSCORED)[number];

export interface Feedback {
  /** HTML shown after a correct answer. */
  correct?: string;
  /** HTML shown after a wrong answer. */
  incorrect?: string;
  /** HTML shown after any answer, to explain the reasoning. */
  explanation?: string;
}

/** An answer option, matching source/target or sequence item. */
export interface Option {
  /**
   * Short id, a single character `[0-9a-z]` so that it is a valid SCORM 1.2
   * response on its own (choices a..z, matching sources 1..9, likert 1..9).
   */
  id: string;
  /** Inline HTML of the option's label. */
  html: string;
  /** Plain-text label (for reports and xAPI descriptions). */
  text: string;
}

interface QuestionBase {
  /** Stable id, unique within the course: explicit `{#id}` or derived from the prompt. */
  id: string;
  /** Prompt as HTML (heading text plus any stem paragraphs). */
  prompt: string;
  /** Prompt as plain text (interaction descriptions, reports). */
  promptText: string;
  /** Points this question is worth, with at most two decimal places; 0 for unscored types. */
  points: number;
  feedback: Feedback;
}

/**
 * Points to two decimal places, the most a question's points may have (the compiler
 * checks): a sum of them rounded so is exact, 13.2 and not 13.199999999999998.
 */
export const roundPoints = (points: number): number => Math.round(points * 100) / 100;

export interface TrueFalseQuestion extends QuestionBase {
  type: 'true-false';
  answer: boolean;
}

export interface ChoiceQuestion extends QuestionBase {
  type: 'single' | 'multiple';
  choices: Option[];
  /** Ids of the correct choices (exactly one for `single`). */
  correct: string[];
}

export interface FillInQuestion extends QuestionBase {
  type: 'fill-in';
  /** Accepted answers; a response matching any one is correct. */
  answers: string[];
  caseSensitive: boolean;
  /** When false (the default), leading/trailing blanks are dropped and inner runs collapse to one space. */
  exactWhitespace: boolean;
}

export interface NumericQuestion extends QuestionBase {
  type: 'numeric';
  /** Inclusive range; `min === max` for an exact answer. */
  min: number;
  max: number;
}

export interface MatchingQuestion extends QuestionBase {
  type: 'matching';
  /** Sources, ids `1`..`9`. */
  sources: Option[];
  /** Targets (may include distractors), ids `a`..`z`. */
  targets: Option[];
  /** Correct pairs: source id to target id. */
  pairs: Array<[source: string, target: string]>;
}

export interface SequencingQuestion extends QuestionBase {
  type: 'sequencing';
  /** Items in their correct order, ids `a`..`z`. */
  items: Option[];
}

export interface LikertQuestion extends QuestionBase {
  type: 'likert';
  /** Scale points in order, ids `1`..`9`. */
  scale: Option[];
}

/** Whether an exported question bank shuffles choices: the exam's setting, or the schema's default (true) for a course without one. */
export const shufflesChoices = (course: Course): boolean => course.exam?.shuffleChoices ?? true;

/** The most characters an essay's answer may hold, and its default limit (SCORM 2004 long-fill-in allows 4000). */
export const ESSAY_MAX_LENGTH = 4000;

export interface EssayQuestion extends QuestionBase {
  type: 'essay';
  /** Maximum length in characters (SCORM 2004 long-fill-in allows 4000). */
  maxLength: number;
}

export type Question =
  | TrueFalseQuestion
  | ChoiceQuestion
  | FillInQuestion
  | NumericQuestion
  | MatchingQuestion
  | SequencingQuestion
  | LikertQuestion
  | EssayQuestion;

/** A learner's response, by question type. */
export type Response =
  | { type: 'true-false'; value: boolean }
  | { type: 'single'; value: string }
  | { type: 'multiple'; value: string[] }
  | { type: 'fill-in'; value: string }
  | { type: 'numeric'; value: number }
  | { type: 'matching'; value: Array<[source: string, target: string]> }
  | { type: 'sequencing'; value: string[] }
  | { type: 'likert'; value: string }
  | { type: 'essay'; value: string };

/** The question of one type (`single` and `multiple` share an interface). */
export type QuestionOf<T extends QuestionType> = Question & { type: T };

/** A learner's response to a question of one type, and its value alone. */
export type ResponseOf<T extends QuestionType> = Extract<Response, { type: T }>;
export type ResponseValue<T extends QuestionType> = ResponseOf<T>['value'];

/** Fails to compile while a name in QUESTION_TYPES has no question or no response shape above. */
export type EveryTypeModelled = [Expect<Exclude<QuestionType, Question['type']>>, Expect<Exclude<QuestionType, Response['type']>>];
type Expect<T extends never> = T;

/** xAPI context extension IRIs that carry the accreditation facts (documented in the README). */
export const EXTENSION_IRIS = {
  occupation: 'https://w3id.org/skillpack/extensions/occupation',
  certificate: 'https://w3id.org/skillpack/extensions/certificate',
  credits: 'https://w3id.org/skillpack/extensions/credits',
  courseVersion: 'https://w3id.org/skillpack/extensions/course-version',
} as const;
