/**
 * cmi5 adapter (cmi5 Quartz, AU side): launch parameters (§8.1), one POST to
 * the fetch URL for the token (§8.2, kept in sessionStorage so a reload can
 * resume), LMS.LaunchData (§10), and statements that follow §9: the context
 * template merged in unaltered, cmi5 and moveOn categories, masteryScore
 * judging, only initialized/terminated in Browse and Review modes, and at
 * most one of passed or failed per session.
 *
 * The HTTP goes through @xapi/xapi and the shared outbox rather than
 * @xapi/cmi5's own sender, so cmi5 statements get the same no-loss delivery
 * as xAPI ones.
 */
import type { Course } from '../../course/model.js';
import type { AnswerRecord, ExamResult, LaunchMode } from './adapter.js';
import { LrsAdapter, type Connection } from './lrs-adapter.js';
import { LrsClient, launchParameters, type LrsTarget } from './lrs-client.js';
import * as build from './xapi-statements.js';
import type { Statement } from './xapi-statements.js';

const CATEGORY_CMI5 = { id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' };
const CATEGORY_MOVEON = { id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' };
const MASTERY_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';

interface LaunchData {
  contextTemplate?: { contextActivities?: Record<string, unknown[]>; extensions?: Record<string, unknown> };
  launchMode?: 'Normal' | 'Browse' | 'Review';
  masteryScore?: number;
  moveOn?: string;
  returnURL?: string;
}

export class Cmi5Adapter extends LrsAdapter {
  readonly name = 'cmi5';
  protected readonly platform = 'cmi5';
  private launchData: LaunchData = {};
  private mode: LaunchMode = 'normal';
  private attemptsAllowed = 0;
  private sentInSession = new Set<string>();
  private deferredFail: ExamResult | null = null;
  private flagsKey = '';
  private unloading = false;

  protected async connect(course: Course): Promise<Connection> {
    const params = launchParameters();
    const endpoint = params.endpoint, fetchUrl = params.fetch, actor = params.actor, registration = params.registration, activityId = params.activityId;
    if (typeof endpoint !== 'string' || typeof fetchUrl !== 'string' || !actor || typeof actor !== 'object' || typeof registration !== 'string' || typeof activityId !== 'string') {
      return { failed: 'lms.not-found' };
    }
    this.attemptsAllowed = course.exam?.attempts ?? 0;
    this.flagsKey = `skillpack:cmi5:${registration}`;
    if (typeof window !== 'undefined') window.addEventListener('pagehide', () => (this.unloading = true));
    const token = await this.authToken(fetchUrl, registration);
    if (!token) return { failed: 'lrs.unauthorized' };
    const target: LrsTarget = { endpoint, auth: `Basic ${token}`, actor: actor as Record<string, unknown>, registration, activityId };
    try {
      this.launchData = ((await new LrsClient(target).getState('LMS.LaunchData')) ?? {}) as LaunchData;
    } catch {
      return { failed: 'lrs.offline' };
    }
    const mode = this.launchData.launchMode;
    this.mode = mode === 'Browse' ? 'browse' : mode === 'Review' ? 'review' : 'normal';
    const mastery = this.launchData.masteryScore;
    return { target, launch: { mode: this.mode, masteryScore: typeof mastery === 'number' && mastery >= 0 && mastery <= 1 ? mastery : null } };
  }

  /** The fetch URL is one-time: POST it once per launch and keep the token for reloads (§8.2). */
  private async authToken(fetchUrl: string, registration: string): Promise<string | null> {
    const key = `skillpack:cmi5-token:${registration}:${fetchUrl}`;
    try {
      const kept = sessionStorage.getItem(key);
      if (kept) return kept;
    } catch {
      // no sessionStorage: fetch every time
    }
    try {
      const response = await fetch(fetchUrl, { method: 'POST', credentials: 'omit' });
      const body = (await response.json()) as { 'auth-token'?: string; 'error-code'?: string };
      const token = body['auth-token'];
      if (!token) return null;
      try {
        sessionStorage.setItem(key, token);
      } catch {
        // not kept: a reload will need a new launch
      }
      return token;
    } catch {
      return null;
    }
  }

  protected statementContext(course: Course, target: LrsTarget) {
    return { course, actor: target.actor, registration: target.registration, courseActivityId: target.activityId };
  }

  /** Merge the LMS's context template (unaltered) and the categories into a statement. */
  private withTemplate(statement: Statement, categories: Array<{ id: string }>): Statement {
    const context = (statement.context ?? {}) as Record<string, unknown>;
    const template = this.launchData.contextTemplate ?? {};
    const activities: Record<string, unknown[]> = { ...((context.contextActivities as Record<string, unknown[]>) ?? {}) };
    for (const [key, list] of Object.entries(template.contextActivities ?? {})) activities[key] = [...(activities[key] ?? []), ...list];
    if (categories.length) activities.category = [...(activities.category ?? []), ...categories];
    context.contextActivities = activities;
    context.extensions = { ...((context.extensions as Record<string, unknown>) ?? {}), ...(template.extensions ?? {}) };
    statement.context = context;
    return statement;
  }

  /** A cmi5 defined statement, at most once per session. */
  private sendDefined(verb: string, statement: Statement, moveOn: boolean): void {
    if (this.sentInSession.has(verb)) return;
    this.sentInSession.add(verb);
    this.send(this.withTemplate(statement, moveOn ? [CATEGORY_CMI5, CATEGORY_MOVEON] : [CATEGORY_CMI5]));
  }

  private get flags(): { passed?: boolean; completed?: boolean } {
    try {
      return JSON.parse(localStorage.getItem(this.flagsKey) ?? '{}') as { passed?: boolean; completed?: boolean };
    } catch {
      return {};
    }
  }

  private setFlag(flag: 'passed' | 'completed'): void {
    try {
      localStorage.setItem(this.flagsKey, JSON.stringify({ ...this.flags, [flag]: true }));
    } catch {
      // best effort: the LMS also refuses duplicates
    }
  }

  protected onStarted(): void {
    this.sendDefined('initialized', build.initialized(this.ctx!), false);
  }

  protected onLessonViewed(lessonId: string, title: string): void {
    if (this.mode === 'normal') this.send(this.withTemplate(build.experienced(this.ctx!, lessonId, title), []));
  }

  protected onAnswered(record: AnswerRecord): void {
    if (this.mode === 'normal' && record.attempt > 0) this.send(this.withTemplate(build.answered(this.ctx!, record), []));
  }

  protected onExamFinished(result: ExamResult): void {
    if (this.mode !== 'normal' || this.flags.passed || this.sentInSession.has('passed') || this.sentInSession.has('failed')) return;
    if (!result.passed) {
      // Only one of passed/failed per session (§9.3): a failed attempt with retakes left waits for the session's end.
      const lastAttempt = this.attemptsAllowed > 0 && result.attempt >= this.attemptsAllowed;
      if (!lastAttempt) {
        this.deferredFail = result;
        return;
      }
    }
    this.deferredFail = null;
    this.sendJudged(result);
  }

  private sendJudged(result: ExamResult): void {
    const statement = build.passedOrFailed(this.ctx!, result, this.elapsed);
    delete (statement.result as Record<string, unknown>).completion; // completion belongs to `completed` only (§9.5)
    this.withTemplate(statement, [CATEGORY_CMI5, CATEGORY_MOVEON]);
    if (typeof this.launchData.masteryScore === 'number') {
      (statement.context as Record<string, Record<string, unknown>>).extensions![MASTERY_EXTENSION] = this.launchData.masteryScore;
    }
    const verb = result.passed ? 'passed' : 'failed';
    this.sentInSession.add(verb);
    this.send(statement);
    if (result.passed) this.setFlag('passed');
  }

  protected onCompleted(): void {
    if (this.mode !== 'normal' || this.flags.completed) return;
    this.sendDefined('completed', build.completed(this.ctx!, this.elapsed), true);
    this.setFlag('completed');
  }

  protected onFinish(): void {
    if (this.deferredFail && this.mode === 'normal') this.sendJudged(this.deferredFail);
    this.deferredFail = null;
    this.sendDefined('terminated', build.terminated(this.ctx!, this.elapsed), false);
  }

  override async finish(): Promise<void> {
    await super.finish();
    const returnUrl = this.launchData.returnURL;
    if (returnUrl && !this.unloading && typeof window !== 'undefined') window.location.assign(returnUrl);
  }
}
