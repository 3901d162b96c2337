/**
 * What the xAPI and cmi5 adapters share: the outbox that never loses a
 * statement, resume state through the State API (mirrored in the browser so
 * an unreachable LRS does not lose it; the newer copy wins, and after an
 * outage the LRS's copy is compared before it is overwritten), what the LRS
 * already holds for this registration (a pass, a final fail, the attempts
 * judged: the record a launch with unreadable resume state is held to),
 * notices for the learner, and the fallback to a browser-only launch when no
 * LRS was given.
 */
import type { Course } from '../../course/model.js';
import type { AnswerRecord, ExamResult, LaunchInfo, LmsAdapter, Notice, ProgressInfo, RecordedOutcome } from './adapter.js';
import { LrsClient, type LrsTarget, type Reply } from './lrs-client.js';
import { StandaloneAdapter } from './standalone.js';
import { Outbox, type Delivery } from './xapi-queue.js';
import { ADL_VERB, ATTEMPT_EXTENSION, type Statement, type StatementContext } from './xapi-statements.js';
import { scaledOf } from '../scoring.js';
import { readState } from '../state.js';

export const RESUME_STATE_ID = 'https://w3id.org/skillpack/state/resume';

/** Why an LRS launch runs without the LRS. */
export type ConnectionFailure = 'lms.not-found' | 'lrs.unauthorized' | 'lrs.offline' | 'lrs.session-ended';

/** Where an LRS launch leads: a connected target, or a reason to run without one. */
export type Connection = { target: LrsTarget; launch: Partial<LaunchInfo>; session: string } | { failed: ConnectionFailure };

/** Results this registration already holds (so none is sent twice). */
export interface PriorResults {
  passed: boolean;
  completed: boolean;
}

export abstract class LrsAdapter implements LmsAdapter {
  abstract readonly name: string;
  protected abstract readonly platform: string;
  /**
   * cmi5: an ended session's items are never sent (its token is dead once the LMS
   * launched again or it terminated; sending would only be refused): the outbox
   * drops those the LRS already holds and sets the rest aside. xAPI has no
   * sessions at the LRS: the launch's credentials deliver every page's items.
   */
  protected readonly endedSessionsExpire: boolean = false;

  protected client: LrsClient | null = null;
  protected outbox: Outbox | null = null;
  protected ctx: StatementContext | null = null;
  protected prior: PriorResults = { passed: false, completed: false };
  protected readonly startedAt = Date.now();
  private fallback: StandaloneAdapter | null = null;
  private readonly listeners: Array<(n: Notice) => void> = [];
  private finished = false;
  /** The page is closing (pagehide): no request started from now on may be waited for. */
  private closing = false;
  private mirrorKey = '';
  private flagsKey = '';
  /**
   * The LRS's resume state is known to be this page's last copy (read at launch, or
   * written since). False after a failed delivery or an unreadable launch: the next
   * write compares first, so an older copy never overwrites a newer one.
   */
  private stateInSync = false;
  /** Another tab saved a newer state since: this page's copy would roll it back, so it saves no more. */
  private superseded = false;

  /** Read the launch and connect; never throws. */
  protected abstract connect(course: Course): Promise<Connection>;
  /** The context statements use. */
  protected abstract statementContext(course: Course, target: LrsTarget): StatementContext;
  protected abstract onStarted(): void;
  protected abstract onLessonViewed(lessonId: string, title: string): void;
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
      this.emit({ level: connection.failed === 'lms.not-found' ? 'info' : 'error', key: connection.failed, detail: connection.failed === 'lrs.session-ended' ? undefined : this.platform });
      return launch;
    }
    const { target, session } = connection;
    restrictConnections(new URL(target.endpoint, location.href).origin);
    const client = (this.client = new LrsClient(target));
    this.ctx = this.statementContext(course, target);
    const scope = `${course.id}:${target.registration ?? JSON.stringify(target.actor)}`;
    this.mirrorKey = `skillpack:state:${scope}`;
    this.flagsKey = `skillpack:results:${scope}`;
    const delivery: Delivery = {
      canDeliver: (s) => s === session || !this.endedSessionsExpire,
      statements: (_s, statements, keepalive) => client.postStatements(statements, keepalive),
      state: (s, stateId, document, keepalive) => this.deliverState(client, s === session, stateId, document, keepalive),
      isStored: (id) => client.isStored(id),
    };
    this.outbox = new Outbox(`skillpack:outbox:${scope}`, delivery, {
      onBacklog: (waiting) => {
        // An outage: whatever the LRS receives meanwhile (another browser's resume state), compare before the next write.
        this.stateInSync = false;
        this.emit({ level: 'warning', key: typeof navigator !== 'undefined' && navigator.onLine === false ? 'lrs.offline' : 'lrs.queued', detail: String(waiting) });
      },
      onUnauthorized: () => {
        this.stateInSync = false;
        this.emit({ level: 'error', key: 'lrs.unauthorized' });
      },
      onSetAside: (_count, detail) => this.emit({ level: 'error', key: 'lrs.rejected', detail }),
      onRecovered: () => this.emit({ level: 'info', key: 'lrs.delivered' }),
    }, { session, endedSessionsExpire: this.endedSessionsExpire });
    if (typeof window !== 'undefined') {
      // Another tab of this registration saved (the browser tells every other page of the origin).
      window.addEventListener('storage', (event) => {
        if (event.key !== this.mirrorKey || this.superseded) return;
        this.superseded = true;
        this.emit({ level: 'warning', key: 'state.other-window' });
      });
      window.addEventListener('online', () => this.outbox?.retryNow());
      window.addEventListener('beforeunload', () => this.outbox?.leaving());
      window.addEventListener('pagehide', () => {
        this.closing = true;
        // Closed while an Exit was still delivering in order: what is left goes in the final keepalive
        // batch now. Not while offline: it could not leave, and a request the browser sends once back
        // online would put the verdict ahead of the answers still queued for the next launch.
        if (this.finished && navigator.onLine !== false) void this.outbox?.finalFlush();
      });
    }
    const [savedState, prior] = await Promise.all([this.readState(), this.readPrior(target, course)]);
    this.prior = { passed: prior.passed, completed: prior.completed };
    this.onStarted();
    if (savedState && prior.asked && this.endedSessionsExpire) this.catchUp(course, savedState);
    return {
      learnerName: typeof target.actor.name === 'string' ? target.actor.name : null,
      savedState,
      masteryScore: null,
      mode: 'normal',
      platform: this.platform,
      connected: true,
      recorded: prior.recorded,
      ...connection.launch,
    };
  }

  /**
   * Passed and completed already recorded for this registration: the LRS is asked
   * (the learner may have used another browser); this browser's note is the fallback.
   * What the LRS holds is also the platform's record for the player (`LaunchInfo.recorded`):
   * only the LRS's statements count there, never this browser's note.
   */
  private async readPrior(target: LrsTarget, course: Course): Promise<PriorResults & { asked: boolean; recorded: RecordedOutcome | null }> {
    const local = this.readFlags();
    if (!target.registration) return { ...local, asked: false, recorded: null };
    const activity = this.ctx!.courseActivityId;
    try {
      const [passed, failed, completed] = await Promise.all(['passed', 'failed', 'completed'].map((verb) => this.client!.lastStatement(`${ADL_VERB}${verb}`, activity)));
      return { passed: passed !== null, completed: completed !== null, asked: true, recorded: recordedOutcome(passed ?? null, failed ?? null, completed !== null, course.exam?.attempts ?? 0) };
    } catch {
      return { ...local, asked: false, recorded: null };
    }
  }

  /**
   * Deliver a resume state document. After an outage, and for a document an earlier page
   * left queued, the LRS's copy is read first and the newer one (by `savedAt`) wins: a copy
   * queued while the LRS was away must not overwrite one saved since from another browser.
   * A closing page cannot wait for that read: its document stays queued for the next launch
   * (and in this browser's mirror).
   */
  private async deliverState(client: LrsClient, ownPage: boolean, stateId: string, document: string, keepalive: boolean): Promise<Reply> {
    if (!ownPage || !this.stateInSync) {
      if (this.closing) return { outcome: 'retry', status: 0, detail: 'closing' };
      try {
        const remote = parseSaved(await client.getState(stateId));
        const ours = parseSaved(JSON.parse(document));
        if (remote && ours && remote.savedAt > ours.savedAt) return { outcome: 'sent', status: 200, detail: 'superseded' };
      } catch {
        return { outcome: 'retry', status: 0, detail: 'unread' };
      }
    }
    const reply = await client.saveState(stateId, document, keepalive);
    if (ownPage) this.stateInSync = reply.outcome === 'sent';
    return reply;
  }

  /**
   * A pass or completion this browser holds but the LRS does not: an earlier
   * session ended before its statements left (they are set aside, never sent in
   * this session). The learner's standing is reported afresh, as this session's.
   */
  private catchUp(course: Course, saved: string): void {
    const { state } = readState(course, saved);
    const entry = state?.history.find((h) => h.passed);
    if (state?.passed && entry && !this.prior.passed) {
      this.onExamFinished({ attempt: entry.attempt, raw: entry.raw, max: entry.max, scaled: scaledOf(entry), passed: true, passingScore: 0 });
    }
    if (state?.completed && !this.prior.completed) this.onCompleted();
  }

  private readFlags(): PriorResults {
    try {
      const flags = JSON.parse(localStorage.getItem(this.flagsKey) ?? '{}') as Partial<PriorResults>;
      return { passed: flags.passed === true, completed: flags.completed === true };
    } catch {
      return { passed: false, completed: false };
    }
  }

  /** Note a result as sent for this registration (kept in this browser too). */
  protected noteSent(result: keyof PriorResults): void {
    this.prior[result] = true;
    try {
      localStorage.setItem(this.flagsKey, JSON.stringify(this.prior));
    } catch {
      // the LRS is asked first anyway
    }
  }

  /** Resume state: the newer of the LRS copy and this browser's mirror. */
  private async readState(): Promise<string | null> {
    const local = this.readMirror();
    try {
      const remote = parseSaved(await this.client!.getState(RESUME_STATE_ID));
      // Read: this page's writes start from the newer copy, and need no comparing until a delivery fails.
      this.stateInSync = true;
      if (!remote) return local?.state ?? null;
      return local && local.savedAt > remote.savedAt ? local.state : remote.state;
    } catch {
      return local?.state ?? null;
    }
  }

  private readMirror(): { state: string; savedAt: number } | null {
    try {
      const text = localStorage.getItem(this.mirrorKey);
      if (!text) return null;
      return text.startsWith('{') ? parseSaved(JSON.parse(text)) : { state: text, savedAt: 0 };
    } catch {
      return null;
    }
  }

  /** Queue statements (nothing after the session ended). */
  protected send(statement: Statement, essential = false): void {
    if (this.finished && !this.finishing) return;
    this.outbox?.push({ statement, essential });
  }

  /** True while `onFinish` runs: the session's last statements are still accepted. */
  private finishing = false;

  protected emit(notice: Notice): void {
    for (const listener of this.listeners) listener(notice);
  }

  protected get elapsed(): number {
    return Date.now() - this.startedAt;
  }

  // Reports need a connection (`ctx`, set once connected): without one, running on the fallback,
  // there is no one to report to (the standalone adapter reports nothing either) and no outbox.
  progress(_info: ProgressInfo): void {}

  lessonViewed(lessonId: string, title: string): void {
    if (this.ctx) this.onLessonViewed(lessonId, title);
  }

  answered(record: AnswerRecord): void {
    if (this.ctx) this.onAnswered(record);
  }

  examFinished(result: ExamResult): void {
    if (this.ctx) this.onExamFinished(result);
  }

  completed(): void {
    if (this.ctx) this.onCompleted();
  }

  saveState(state: string): void {
    if (this.fallback) return this.fallback.saveState(state);
    // A tab left open (hidden, idle) must not overwrite what the learner did since in another.
    if (this.finished || this.superseded) return;
    const document = JSON.stringify({ state, savedAt: Date.now() });
    try {
      localStorage.setItem(this.mirrorKey, document);
    } catch {
      // the outbox still carries it
    }
    this.outbox?.push({ state: { id: RESUME_STATE_ID, document } });
  }

  async commit(): Promise<void> {
    await this.outbox?.flush();
  }

  /**
   * End the session. The closing statements are queued synchronously, so this
   * also works from `pagehide`. A closing page sends them at once in the final
   * keepalive batch. After Exit the page stays, so they go through the normal
   * loop, one request after the other: a final batch sent beside a request still
   * in flight can reach the LMS first, and a strict cmi5 LMS refuses anything
   * that arrives after `terminated` (9.3.0.0-5).
   */
  async finish(): Promise<void> {
    if (this.finished || !this.outbox) return;
    this.finished = true;
    this.finishing = true;
    try {
      this.onFinish();
    } finally {
      this.finishing = false;
    }
    await (this.closing ? this.outbox.finalFlush() : this.outbox.flush());
  }

  onNotice(listener: (notice: Notice) => void): void {
    this.listeners.push(listener);
    this.fallback?.onNotice(listener);
  }
}

/**
 * The platform's record from the LRS's latest passed, failed and completed statements: a
 * pass; a fail of the last allowed attempt (`failed` is sent for other attempts too, so
 * only its attempt number makes it final); the attempts judged.
 */
export function recordedOutcome(passed: Record<string, unknown> | null, failed: Record<string, unknown> | null, completed: boolean, attemptsAllowed: number): RecordedOutcome | null {
  const attemptOf = (s: Record<string, unknown> | null) => {
    const value = (s?.context as { extensions?: Record<string, unknown> } | undefined)?.extensions?.[ATTEMPT_EXTENSION];
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
  };
  const scaledOf = (s: Record<string, unknown> | null) => {
    const value = (s?.result as { score?: { scaled?: unknown } } | undefined)?.score?.scaled;
    return typeof value === 'number' && value >= 0 && value <= 1 ? value : null;
  };
  const failedOut = failed !== null && attemptsAllowed > 0 && attemptOf(failed) >= attemptsAllowed;
  if (!passed && !failedOut && !completed && !attemptOf(failed)) return null;
  return {
    completed: completed ? true : null,
    passed: passed ? true : failedOut ? false : null,
    scaled: passed ? scaledOf(passed) : failedOut ? scaledOf(failed) : null,
    attempts: Math.max(attemptOf(passed), attemptOf(failed)) || null,
  };
}

function parseSaved(value: unknown): { state: string; savedAt: number } | null {
  const saved = value as { state?: unknown; savedAt?: unknown } | null;
  if (typeof saved?.state !== 'string' || !saved.state) return null;
  return { state: saved.state, savedAt: typeof saved.savedAt === 'number' ? saved.savedAt : 0 };
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
