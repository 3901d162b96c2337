/**
 * The part SCORM 1.2 and SCORM 2004 share: connect (or fall back to the
 * browser when there is no LMS), track what was reported, journal
 * interactions, commit after each meaningful change, finish once.
 * The subclasses only name elements and format values.
 */
import type { Course } from '../../course/model.js';
import type { AnswerRecord, ExamResult, LaunchInfo, LaunchMode, LmsAdapter, Notice, ProgressInfo } from './adapter.js';
import { ScormConnection, findApi, wrapApi, type ApiNames, type CallProblem } from './scorm-api.js';
import { StandaloneAdapter } from './standalone.js';

/** Elements an LMS may leave unimplemented without the learner losing anything that counts. */
const OPTIONAL_ELEMENTS = /^cmi\.(interactions|objectives|progress_measure|comments)/;

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
}

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
  protected standing: Standing = { completed: false, passed: null, hasExam: false };
  protected mode: LaunchMode = 'normal';
  private interactionsRefused = false;
  private finished = false;
  private dirty = false;
  private warnedOfErrors = false;
  /** The course's id (interaction ids in SCORM 2004 include it). */
  protected courseId = '';

  /** The API's method names (LMSInitialize… or Initialize…). */
  protected abstract readonly apiNames: ApiNames;
  protected abstract readLaunch(connection: ScormConnection): Omit<LaunchInfo, 'platform' | 'connected'> & { standing: Partial<Standing> };
  protected abstract writeLocation(location: string, info: ProgressInfo): void;
  protected abstract writeStatus(): void;
  protected abstract writeScore(result: ExamResult): void;
  protected abstract writeInteraction(index: number, record: AnswerRecord): boolean;
  protected abstract writeSessionEnd(elapsedMs: number): void;
  protected abstract suspendElement: string;

  async start(course: Course): Promise<LaunchInfo> {
    this.courseId = course.id;
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
    this.standing = { ...this.standing, hasExam: course.exam !== null, ...launch.standing };
    return { learnerName: launch.learnerName, savedState: launch.savedState, masteryScore: launch.masteryScore, mode: launch.mode, platform: this.platform, connected: true };
  }

  progress(info: ProgressInfo): void {
    if (this.fallback) return this.fallback.progress(info);
    this.writeLocation(info.location.slice(0, this.locationLimit), info);
    if (!this.standing.completed && this.standing.passed === null) this.writeStatus();
  }

  lessonViewed(lessonId: string, title: string): void {
    if (this.fallback) return this.fallback.lessonViewed(lessonId, title);
    void this.commit();
  }

  answered(record: AnswerRecord): void {
    if (this.fallback) return this.fallback.answered(record);
    if (this.interactionsRefused || record.attempt === 0 || this.mode !== 'normal') return;
    const index = this.interactionCount();
    if (!this.writeInteraction(index, record)) {
      // Some LMSs do not implement interactions: note it once and carry on.
      this.interactionsRefused = true;
    }
    this.dirty = true;
  }

  examFinished(result: ExamResult): void {
    if (this.fallback) return this.fallback.examFinished(result);
    if (this.mode !== 'normal') return;
    // Never downgrade a recorded pass (a retake after passing, or a relaunch).
    if (this.standing.passed === true && !result.passed) return;
    this.writeScore(result);
    this.standing.passed = result.passed;
    this.writeStatus();
    void this.commit();
  }

  completed(): void {
    if (this.fallback) return this.fallback.completed();
    if (this.mode !== 'normal' || this.standing.completed) return;
    this.standing.completed = true;
    this.writeStatus();
    void this.commit();
  }

  saveState(state: string): void {
    if (this.fallback) return this.fallback.saveState(state);
    if (state.length > this.suspendLimit) {
      this.emit({ level: 'warning', key: 'lms.error', detail: `resume state of ${state.length} characters exceeds ${this.suspendLimit}` });
      return;
    }
    this.connection?.set(this.suspendElement, state);
    this.dirty = true;
  }

  async commit(): Promise<void> {
    if (this.fallback) return this.fallback.commit();
    if (!this.connection || this.finished) return;
    if (!this.connection.commit()) {
      this.emit({ level: 'warning', key: 'lms.commit-failed' });
      return;
    }
    this.dirty = false;
  }

  async finish(): Promise<void> {
    if (this.fallback) return this.fallback.finish();
    if (!this.connection || this.finished) return;
    this.writeSessionEnd(Date.now() - this.startedAt);
    // Commit separately before Terminate: some LMSs drop data set right before it.
    if (this.dirty) await this.commit();
    this.finished = true;
    this.connection.terminate();
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

  protected emit(notice: Notice): void {
    for (const listener of this.listeners) listener(notice);
  }
}
