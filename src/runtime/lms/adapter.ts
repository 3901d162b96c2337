/**
 * The one interface between the player and a learning platform. The player knows
 * nothing about SCORM or xAPI: it calls these methods, and each standard's
 * adapter (scorm12, scorm2004, xapi, cmi5, standalone) maps them onto its API.
 *
 * Every method must be safe to call whatever the platform does: an adapter logs
 * platform errors and never throws into the player.
 */
import type { Course, Language, Question, Response } from '../../course/model.js';

export type LaunchMode = 'normal' | 'browse' | 'review';

/** What the platform tells the player at start-up. */
export interface LaunchInfo {
  /** Learner's display name, when the platform gives one. */
  learnerName: string | null;
  /** Resume state saved by an earlier session (opaque string from `saveState`), or null. */
  savedState: string | null;
  /** Passing score in 0..1 given by the platform (mastery score), which overrides the course's own. */
  masteryScore: number | null;
  mode: LaunchMode;
  /** Human-readable platform name for the status line, e.g. "SCORM 1.2 LMS"; empty when nothing keeps progress (no platform, no browser storage). */
  platform: string;
  /** False when no platform was found and progress is only kept in this browser. */
  connected: boolean;
  /** The learner's language for the player's own words, when the platform says (cmi5 learner preferences). */
  language?: Language;
  /**
   * The outcome the platform holds from an earlier, finished attempt, when it says so: shown
   * on a review launch that brings no resume state. Absent or null when there is none.
   */
  recorded?: RecordedOutcome | null;
}

/** A finished attempt's outcome as the platform recorded it. */
export interface RecordedOutcome {
  /** The course's completion rule was met; null when the platform does not say. */
  completed: boolean | null;
  /** Exam passed or failed; null when no result was recorded. */
  passed: boolean | null;
  /** Score in 0..1; null when none was recorded. */
  scaled: number | null;
  /** Exam attempts the platform has seen judged, when it says (xAPI and cmi5: from the statements). */
  attempts?: number | null;
}

/** One answered exam (or practice) question, as the player saw it. */
export interface AnswerRecord {
  question: Question;
  response: Response;
  /** True / false for scored questions; null for unscored (likert, essay). */
  correct: boolean | null;
  /** Points earned. */
  score: number;
  /** 1-based exam attempt number (0 for practice questions). */
  attempt: number;
  /** When the question was first shown and when it was answered (null: in an earlier session, at a time not kept). */
  shownAt: Date;
  answeredAt: Date | null;
}

/** The outcome of a submitted exam attempt. */
export interface ExamResult {
  attempt: number;
  /** Points earned and available. */
  raw: number;
  max: number;
  /** raw / max in 0..1. */
  scaled: number;
  passed: boolean;
  /** Passing score actually applied, in 0..1. */
  passingScore: number;
}

export interface ProgressInfo {
  lessonsViewed: number;
  lessonsTotal: number;
  /** Identifier of where the learner is, e.g. "lesson:role-of-hr" or "exam". */
  location: string;
}

export interface LmsAdapter {
  /** Adapter name, e.g. "scorm12". */
  readonly name: string;
  /** Connect to the platform and read launch data. Never rejects: falls back to a disconnected launch. */
  start(course: Course): Promise<LaunchInfo>;
  /** Record where the learner is and how far they got. */
  progress(info: ProgressInfo): void;
  /** A lesson was viewed (xAPI: experienced). */
  lessonViewed(lessonId: string, title: string): void;
  /** An exam question was answered. */
  answered(record: AnswerRecord): void;
  /** An exam attempt was submitted: score and pass/fail. */
  examFinished(result: ExamResult): void;
  /**
   * The course completion rule is met.
   * @param result the exam result that counts (the passed attempt, else the last one), when there is one
   */
  completed(result?: ExamResult | null): void;
  /**
   * What the restored resume state says the learner reached in earlier sessions (normal mode),
   * for adapters whose platform may not hold it (SCORM 1.2 keeps a course open until final).
   */
  resumed?(progress: { completed: boolean; result: ExamResult | null }): void;
  /** Save resume state (compact string, see runtime/state.ts). */
  saveState(state: string): void;
  /** Persist what was reported so far (SCORM Commit; xAPI flushes its queue). */
  commit(): Promise<void>;
  /** End the session: session time, exit mode, terminate. Called once; later calls do nothing. */
  finish(): Promise<void>;
  /** Messages for the learner about platform trouble (e.g. "results are queued"). */
  onNotice(listener: (notice: Notice) => void): void;
}

export interface Notice {
  level: 'info' | 'warning' | 'error';
  /** Key into the UI string table, so the player shows it in the course language. */
  key: string;
  /** Extra detail (error code, server message). */
  detail?: string;
  /** Values for the message's `{placeholders}`. */
  params?: Record<string, string | number>;
}
