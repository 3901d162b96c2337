/**
 * The part SCORM 1.2 and SCORM 2004 share: connect (or fall back to the
 * browser when there is no LMS), decide what the LMS may be told and when,
 * journal interactions, finish once. The subclasses only name elements and
 * format values.
 *
 * The record an LMS keeps must follow the course's rule whatever the LMS does
 * with it, so:
 * - score and a final status are written only once the outcome is final by the
 *   course rule (passed and complete, or no exam attempt left): LMSs turn a raw
 *   score into passed/failed on their own (Moodle's "mastery score overrides
 *   status"), and close the attempt on a final status;
 * - the attempt is suspended from the start (exit committed at once), so closing
 *   the window never loses it (SCORM 1.2 switches to a normal exit when final);
 * - review and browse launches write nothing and commit nothing;
 * - little is left for the moment the page closes, when an LMS can only send by
 *   beacon (64 KB at most, SCORM 2004 Moodle re-posting every answer recorded):
 *   lessons, a started attempt, submissions and completion are committed as they
 *   happen, answers in progress every few saves; leaving sends only Terminate.
 */
import type { Course } from '../../course/model.js';
import { scoreSteps } from '../scoring.js';
import type { AnswerRecord, ExamResult, LaunchInfo, LaunchMode, LmsAdapter, Notice, ProgressInfo, RecordedOutcome } from './adapter.js';
import { ScormConnection, findApi, wrapApi, type ApiNames, type CallProblem } from './scorm-api.js';
import { StandaloneAdapter } from './standalone.js';

/**
 * Answers in progress live in the resume state: committed every so many saves, or on the first
 * save this long after the last commit. Not at each answer: a SCORM 2004 Moodle re-posts every
 * answer recorded so far with each Commit, in a request the page waits for.
 */
const COMMIT_EVERY_SAVES = 10;
const COMMIT_AFTER_MS = 30_000;

/** Elements an LMS may leave unimplemented without the learner losing anything that counts. */
const OPTIONAL_ELEMENTS = /^(cmi\.(interactions|objectives|progress_measure|comments)|adl\.nav)/;

/**
 * SCORM gives the learner's name as "Last, First". Show it as people write it:
 * "First Last", or family name first with no space for Chinese names.
 */
export function displayName(raw: string | null): string | null {
  const name = raw?.trim();
  if (!name) return null;
  const match = /^([^,，]+)[,，]\s*(.+)$/.exec(name);
  if (!match) return name;
  const [, last, first] = match as unknown as [string, string, string];
  return /[\u3400-\u9fff]/.test(name) ? `${last.trim()}${first.trim()}` : `${first.trim()} ${last.trim()}`;
}

/** What the course has reached, from which the statuses are derived. */
export interface Standing {
  completed: boolean;
  /** null until an exam attempt is submitted. */
  passed: boolean | null;
  hasExam: boolean;
  /** Every exam attempt is used and none was passed: the course can no longer be passed. */
  exhausted: boolean;
}

/** What a subclass reads at launch. */
export interface ScormLaunch extends Omit<LaunchInfo, 'platform' | 'connected' | 'recorded'> {
  /** cmi.entry / cmi.core.entry: ab-initio means start afresh, whatever suspend_data holds. */
  entry: string;
  learnerId: string;
  standing: Partial<Standing>;
  recorded: RecordedOutcome | null;
  /**
   * False for a review launch whose LMS handed back no data (a SCORM 2004 Moodle after a
   * normal exit): no Terminate, which would store the session's zero time as the total.
   */
  keepTerminate?: boolean;
}

/** Score as the LMS gets it: percent with at most two decimals (0–100 in both versions). */
export const percentScore = (result: ExamResult): string => String(scoreSteps(result) / 100);

/** SCORM 2004's `cmi.score.scaled`: four decimals. */
export const scaledScore = (result: ExamResult): string => (scoreSteps(result) / 10000).toFixed(4);

export abstract class ScormAdapter implements LmsAdapter {
  abstract readonly name: string;
  protected abstract readonly platform: string;
  protected abstract readonly apiName: 'API' | 'API_1484_11';
  /** Longest suspend_data the standard guarantees. */
  protected abstract readonly suspendLimit: number;
  protected abstract readonly locationLimit: number;

  protected connection: ScormConnection | null = null;
  private fallback: StandaloneAdapter | null = null;
  private readonly listeners: Array<(n: Notice) => void> = [];
  private readonly startedAt = Date.now();
  protected standing: Standing = { completed: false, passed: null, hasExam: false, exhausted: false };
  /** The exam result that is reported once the outcome is final (the passed attempt, else the last). */
  protected result: ExamResult | null = null;
  protected mode: LaunchMode = 'normal';
  private interactionsRefused = false;
  private finished = false;
  private keepTerminate = true;
  /** Resume states saved since the last commit, and when that commit was. */
  private saves = 0;
  private committedAt = this.startedAt;
  /** A commit due half a minute after a save that was not committed, in case no save follows. */
  private commitTimer: ReturnType<typeof setTimeout> | undefined;
  private warnedOfErrors = false;
  private attemptsAllowed = 0;
  /** Where this browser keeps a copy of the final outcome (for LMSs that hand nothing back on review). */
  private outcomeKey: string | null = null;
  /** The course's id (interaction ids in SCORM 2004 include it). */
  protected courseId = '';

  /** The API's method names (LMSInitialize… or Initialize…). */
  protected abstract readonly apiNames: ApiNames;
  protected abstract readLaunch(connection: ScormConnection): ScormLaunch;
  protected abstract writeLocation(location: string, info: ProgressInfo): void;
  /** Write status, and score when the outcome is final (see {@link ScormAdapter.final}). */
  protected abstract writeOutcome(): void;
  /** Exit (and 2004 navigation request): suspend until final, then a normal exit. */
  protected abstract writeExit(): void;
  protected abstract writeInteraction(index: number, record: AnswerRecord): boolean;
  protected abstract writeSessionTime(elapsedMs: number): void;
  /** A browse launch: the one write allowed, where the standard has a status for it. */
  protected markBrowsed(): void {}
  protected abstract suspendElement: string;

  async start(course: Course): Promise<LaunchInfo> {
    this.courseId = course.id;
    this.attemptsAllowed = course.exam?.attempts ?? 0;
    const api = findApi<unknown>(this.apiName);
    const connection = api ? new ScormConnection(wrapApi(api, this.apiNames), (problem) => this.problem(problem)) : null;
    if (!connection || !connection.initialize()) {
      this.fallback = new StandaloneAdapter();
      for (const listener of this.listeners) this.fallback.onNotice(listener);
      const launch = await this.fallback.start(course);
      this.emit({ level: 'warning', key: connection ? 'lms.init-failed' : 'lms.not-found', detail: this.platform });
      return launch;
    }
    this.connection = connection;
    const launch = this.readLaunch(connection);
    this.mode = launch.mode;
    this.keepTerminate = launch.keepTerminate ?? true;
    this.standing = { ...this.standing, hasExam: course.exam !== null, ...launch.standing };
    this.outcomeKey = `skillpack:outcome:${course.id}@${launch.learnerId}`;
    if (this.mode === 'normal') {
      // Suspended from the first moment, and committed: a window closed at any time resumes.
      if (!this.final) this.writeOutcome();
      this.writeExit();
      void this.commit();
      globalThis.addEventListener?.('visibilitychange', () => document.visibilityState === 'visible' && void this.commit());
    }
    if (this.mode === 'browse') this.markBrowsed();
    const savedState = launch.entry === 'ab-initio' ? null : launch.savedState;
    // A normal launch gets the platform's record too: unreadable resume data must not undo it.
    const recorded = launch.recorded ?? (this.mode === 'normal' ? null : this.recallOutcome());
    return { learnerName: launch.learnerName, savedState, masteryScore: launch.masteryScore, mode: launch.mode, platform: this.platform, connected: true, recorded };
  }

  /** The outcome is final by the course rule: the exam can no longer change it. */
  protected get final(): boolean {
    const { completed, passed, hasExam, exhausted } = this.standing;
    return exhausted || (completed && (!hasExam || passed === true));
  }

  private get recording(): boolean {
    return this.mode === 'normal' && !this.finished;
  }

  progress(info: ProgressInfo): void {
    if (this.fallback) return this.fallback.progress(info);
    if (!this.recording) return;
    this.writeLocation(info.location.slice(0, this.locationLimit), info);
  }

  // The player commits after saving state for the viewed lesson: one commit holds both.
  lessonViewed(lessonId: string, title: string): void {
    if (this.fallback) return this.fallback.lessonViewed(lessonId, title);
  }

  answered(record: AnswerRecord): void {
    if (this.fallback) return this.fallback.answered(record);
    if (this.interactionsRefused || record.attempt === 0 || !this.recording) return;
    const index = this.interactionCount();
    if (!this.writeInteraction(index, record)) {
      // Some LMSs do not implement interactions: note it once and carry on.
      this.interactionsRefused = true;
    }
  }

  examFinished(result: ExamResult): void {
    if (this.fallback) return this.fallback.examFinished(result);
    if (!this.recording) return;
    // Never downgrade a recorded pass (a retake after passing, or a relaunch).
    if (this.standing.passed === true && !result.passed) return;
    this.result = result;
    this.standing.passed = result.passed;
    this.standing.exhausted = !result.passed && this.attemptsAllowed > 0 && result.attempt >= this.attemptsAllowed;
    this.report();
  }

  completed(result?: ExamResult | null): void {
    if (this.fallback) return this.fallback.completed();
    if (!this.recording || this.standing.completed) return;
    this.standing.completed = true;
    // A pass from an earlier session: its score is reported now that the course is complete.
    if (result && !this.result && (this.standing.passed === null || result.passed)) {
      this.result = result;
      this.standing.passed = result.passed;
    }
    this.report();
  }

  /**
   * Take in what the resume state says earlier sessions reached: a completion or result the
   * LMS was not yet told (kept back until final), or a final outcome whose last commit was lost.
   */
  resumed(progress: { completed: boolean; result: ExamResult | null }): void {
    if (this.fallback || !this.recording) return;
    const wasFinal = this.final;
    if (progress.completed) this.standing.completed = true;
    const result = progress.result;
    if (result && !this.result && this.standing.passed !== true) {
      this.result = result;
      this.standing.passed = result.passed;
      this.standing.exhausted = !result.passed && this.attemptsAllowed > 0 && result.attempt >= this.attemptsAllowed;
    }
    if (this.final && !wasFinal) {
      this.report();
      void this.commit();
    }
  }

  /** Write the outcome as it now stands; on becoming final, close the attempt and keep a copy in the browser. */
  private report(): void {
    this.writeOutcome();
    if (this.final) {
      this.writeExit();
      this.rememberOutcome();
    }
  }

  saveState(state: string): void {
    if (this.fallback) return this.fallback.saveState(state);
    if (!this.recording) return;
    if (state.length > this.suspendLimit) {
      // Said as the LMS's own errors are (element: what went wrong), in no language: `cmi.suspend_data: 5000 > 4096`.
      this.emit({ level: 'warning', key: 'lms.error', detail: `${this.suspendElement}: ${state.length} > ${this.suspendLimit}` });
      return;
    }
    this.connection?.set(this.suspendElement, state);
    // Not while the page is hidden or closing: a Commit then goes by beacon, and would take the
    // room the Terminate that follows needs. After the current task: a finish that follows at
    // once (pagehide) carries the state itself.
    if (!this.hidden && (++this.saves >= COMMIT_EVERY_SAVES || Date.now() - this.committedAt >= COMMIT_AFTER_MS)) queueMicrotask(() => void this.commit());
    // A page that dies without pagehide (a phone's browser killed in the background) keeps what this commits.
    else this.commitTimer ??= setTimeout(() => {
      this.commitTimer = undefined;
      if (!this.hidden) void this.commit();
    }, COMMIT_AFTER_MS);
  }

  private get hidden(): boolean {
    return typeof document !== 'undefined' && document.visibilityState === 'hidden';
  }

  /** Commit what was written since the last commit (nothing new: no request). */
  async commit(): Promise<void> {
    if (this.fallback) return this.fallback.commit();
    if (!this.connection || !this.recording || !this.connection.changed) return;
    // Counted from a commit that worked: one refused (a beacon over its budget while the page was
    // hidden) is tried again at the next save, or as soon as the page is visible again.
    if (!this.connection.commit()) return this.emit({ level: 'warning', key: 'lms.commit-failed' });
    this.saves = 0;
    this.committedAt = Date.now();
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
  }

  /**
   * End the session. What matters was committed along the way; the session time and the
   * last few saves are left, and Terminate stores them. No separate Commit: while a page
   * unloads, each request counts against the browser's small budget for them.
   */
  async finish(): Promise<void> {
    if (this.fallback) return this.fallback.finish();
    if (!this.connection || this.finished) return;
    if (this.mode === 'normal') this.writeSessionTime(Date.now() - this.startedAt);
    this.finished = true;
    if (this.keepTerminate) this.connection.terminate();
  }

  onNotice(listener: (notice: Notice) => void): void {
    this.listeners.push(listener);
    this.fallback?.onNotice(listener);
  }

  /**
   * A refused write of what the learner achieved (status, score, resume data) is
   * worth telling them about, once; optional elements (interactions, progress)
   * are only logged: many LMSs do not implement them.
   */
  private problem(problem: CallProblem): void {
    if (problem.call !== 'SetValue' || this.warnedOfErrors || !problem.element || OPTIONAL_ELEMENTS.test(problem.element)) return;
    this.warnedOfErrors = true;
    this.emit({ level: 'warning', key: 'lms.error', detail: `${problem.element}: ${problem.code} ${problem.message}`.trim() });
  }

  /** Where the next interaction goes: interactions are journaled, one new index per answer (both versions name the count alike). */
  protected interactionCount(): number {
    const count = Number.parseInt(this.connection?.get('cmi.interactions._count') ?? '', 10);
    return Number.isFinite(count) ? count : 0;
  }

  /**
   * Keep the final outcome in this browser too. Some LMSs hand nothing back after a
   * normal exit (Moodle's SCORM 2004 player loads a SCO's data only after a suspend),
   * yet the learner who opens the course again should see their result.
   */
  private rememberOutcome(): void {
    if (!this.outcomeKey) return;
    const { completed, passed } = this.standing;
    const outcome: RecordedOutcome = { completed, passed, scaled: this.result?.scaled ?? null };
    try {
      globalThis.localStorage?.setItem(this.outcomeKey, JSON.stringify(outcome));
    } catch {
      // No storage (privacy modes): the LMS still holds the record.
    }
  }

  private recallOutcome(): RecordedOutcome | null {
    try {
      const text = this.outcomeKey ? globalThis.localStorage?.getItem(this.outcomeKey) : null;
      const value: unknown = text ? JSON.parse(text) : null;
      if (!value || typeof value !== 'object') return null;
      const { completed, passed, scaled } = value as Record<string, unknown>;
      const flag = (x: unknown) => (typeof x === 'boolean' ? x : null);
      return { completed: flag(completed), passed: flag(passed), scaled: typeof scaled === 'number' && scaled >= 0 && scaled <= 1 ? scaled : null };
    } catch {
      return null;
    }
  }

  protected emit(notice: Notice): void {
    for (const listener of this.listeners) listener(notice);
  }
}
