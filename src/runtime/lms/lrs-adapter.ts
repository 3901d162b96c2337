/**
 * What the xAPI and cmi5 adapters share: the outbox that never loses a
 * statement, resume state through the State API (mirrored in the browser so
 * an unreachable LRS does not lose it), notices for the learner, and the
 * fallback to a browser-only launch when no LRS was given.
 */
import type { Course } from '../../course/model.js';
import type { AnswerRecord, ExamResult, LaunchInfo, LmsAdapter, Notice, ProgressInfo } from './adapter.js';
import { LrsClient, type LrsTarget } from './lrs-client.js';
import { StandaloneAdapter } from './standalone.js';
import { Outbox, type Outgoing } from './xapi-queue.js';
import type { Statement, StatementContext } from './xapi-statements.js';

export const RESUME_STATE_ID = 'https://w3id.org/skillpack/state/resume';

/** Where an LRS launch leads: a connected target, or a reason to run without one. */
export type Connection = { target: LrsTarget; launch: Partial<LaunchInfo> } | { failed: 'lms.not-found' | 'lrs.unauthorized' | 'lrs.offline' };

export abstract class LrsAdapter implements LmsAdapter {
  abstract readonly name: string;
  protected abstract readonly platform: string;

  protected client: LrsClient | null = null;
  protected outbox: Outbox | null = null;
  protected ctx: StatementContext | null = null;
  protected readonly startedAt = Date.now();
  private fallback: StandaloneAdapter | null = null;
  private readonly listeners: Array<(n: Notice) => void> = [];
  private finished = false;
  private mirrorKey = '';

  /** Read the launch and connect; never throws. */
  protected abstract connect(course: Course): Promise<Connection>;
  /** The context statements use (cmi5 merges its template in). */
  protected abstract statementContext(course: Course, target: LrsTarget): StatementContext;
  protected abstract onStarted(): void;
  protected abstract onAnswered(record: AnswerRecord): void;
  protected abstract onExamFinished(result: ExamResult): void;
  protected abstract onCompleted(): void;
  protected abstract onFinish(): void;

  async start(course: Course): Promise<LaunchInfo> {
    const connection = await this.connect(course);
    if ('failed' in connection) {
      this.fallback = new StandaloneAdapter();
      for (const listener of this.listeners) this.fallback.onNotice(listener);
      const launch = await this.fallback.start(course);
      this.emit({ level: connection.failed === 'lms.not-found' ? 'info' : 'error', key: connection.failed, detail: this.platform });
      return launch;
    }
    const { target } = connection;
    restrictConnections(new URL(target.endpoint, location.href).origin);
    this.client = new LrsClient(target);
    this.ctx = this.statementContext(course, target);
    this.mirrorKey = `skillpack:state:${course.id}:${target.registration ?? JSON.stringify(target.actor)}`;
    this.outbox = new Outbox(`skillpack:outbox:${course.id}:${target.registration ?? JSON.stringify(target.actor)}`, (item, keepalive) => this.client!.deliver(item, keepalive), {
      onBacklog: (waiting) => this.emit({ level: 'warning', key: typeof navigator !== 'undefined' && navigator.onLine === false ? 'lrs.offline' : 'lrs.queued', detail: String(waiting) }),
      onUnauthorized: () => this.emit({ level: 'error', key: 'lrs.unauthorized' }),
      onRejected: (detail) => this.emit({ level: 'error', key: 'lrs.rejected', detail }),
      onDrained: () => this.emit({ level: 'info', key: 'lrs.delivered' }),
    });
    if (typeof window !== 'undefined') window.addEventListener('online', () => this.outbox?.retryNow());
    const savedState = await this.readState();
    this.onStarted();
    return {
      learnerName: typeof target.actor.name === 'string' ? target.actor.name : null,
      savedState,
      masteryScore: null,
      mode: 'normal',
      platform: this.platform,
      connected: true,
      ...connection.launch,
    };
  }

  /** Resume state: the LRS copy, or this browser's mirror when the LRS cannot be read. */
  private async readState(): Promise<string | null> {
    const local = this.readMirror();
    try {
      const remote = (await this.client!.getState(RESUME_STATE_ID)) as { state?: unknown } | null;
      return typeof remote?.state === 'string' && remote.state ? remote.state : local;
    } catch {
      return local;
    }
  }

  private readMirror(): string | null {
    try {
      return localStorage.getItem(this.mirrorKey);
    } catch {
      return null;
    }
  }

  protected send(...statements: Statement[]): void {
    this.outbox?.push({ kind: 'statements', statements });
  }

  protected emit(notice: Notice): void {
    for (const listener of this.listeners) listener(notice);
  }

  protected get elapsed(): number {
    return Date.now() - this.startedAt;
  }

  progress(info: ProgressInfo): void {
    this.fallback?.progress(info);
  }

  lessonViewed(lessonId: string, title: string): void {
    if (this.fallback) return this.fallback.lessonViewed(lessonId, title);
    this.onLessonViewed(lessonId, title);
  }

  protected abstract onLessonViewed(lessonId: string, title: string): void;

  answered(record: AnswerRecord): void {
    if (this.fallback) return this.fallback.answered(record);
    this.onAnswered(record);
  }

  examFinished(result: ExamResult): void {
    if (this.fallback) return this.fallback.examFinished(result);
    this.onExamFinished(result);
  }

  completed(): void {
    if (this.fallback) return this.fallback.completed();
    this.onCompleted();
  }

  saveState(state: string): void {
    if (this.fallback) return this.fallback.saveState(state);
    try {
      localStorage.setItem(this.mirrorKey, state);
    } catch {
      // the outbox still carries it
    }
    const item: Outgoing = { kind: 'state', stateId: RESUME_STATE_ID, document: JSON.stringify({ state }) };
    this.outbox?.push(item);
  }

  async commit(): Promise<void> {
    if (this.fallback) return this.fallback.commit();
    await this.outbox?.flush();
  }

  async finish(): Promise<void> {
    if (this.fallback) return this.fallback.finish();
    if (this.finished || !this.outbox) return;
    this.finished = true;
    this.onFinish();
    // keepalive lets the last requests outlive a closing page; whatever fails stays queued for next time.
    await this.outbox.flush(true);
  }

  onNotice(listener: (notice: Notice) => void): void {
    this.listeners.push(listener);
    this.fallback?.onNotice(listener);
  }
}

/**
 * The package's CSP allows connections to any http(s) origin because the LRS
 * is only known at launch. Once it is, narrow it: a CSP added to the page can
 * only tighten the policy, so from here on the page may talk to the LRS alone.
 */
function restrictConnections(origin: string): void {
  try {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = `connect-src ${origin}`;
    document.head.append(meta);
  } catch {
    // not in a browser document: nothing to restrict
  }
}
