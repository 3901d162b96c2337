/**
 * cmi5 adapter (cmi5 Quartz, AU side), written to what the reference LMS
 * accepts: launch parameters (§8.1); one POST to the fetch URL for the token
 * (§8.2, kept in sessionStorage so a reload of the launch can use it);
 * LMS.LaunchData (§10) and the learner preferences agent profile (§11, read
 * before any statement, its language used for the player); and statements
 * that follow §9:
 *
 * - every context is built on the contextTemplate: its contextActivities
 *   entries first and unaltered in each list, its extensions unaltered;
 * - `initialized` first, `terminated` last, nothing after it;
 * - passed and completed at most once per registration (the LRS is asked what
 *   it already holds), failed never after passed, at most one of passed and
 *   failed per session: a failed attempt with retakes left waits for the end of
 *   the session, and a pass in the same session replaces it;
 * - passed/failed judged on the masteryScore with the masteryscore extension,
 *   no `completion` on them, no score or success on completed (§9.5);
 * - only initialized and terminated in Browse and Review modes (§10.2.2).
 *
 * A session belongs to one launch: when it has ended (terminated was sent,
 * or the page is reloaded after it was), the course says so and records
 * nothing more; the LMS must launch it again.
 */
import type { Course, Language } from '../../course/model.js';
import { languageOfTag } from '../../languages/tags.js';
import { passes } from '../scoring.js';
import type { AnswerRecord, ExamResult, LaunchMode } from './adapter.js';
import { LrsAdapter, type Connection } from './lrs-adapter.js';
import { LrsClient, LrsError, launchParameters, type LrsTarget } from './lrs-client.js';
import * as build from './xapi-statements.js';
import type { Statement } from './xapi-statements.js';

const CATEGORY_CMI5 = { id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' };
const CATEGORY_MOVEON = { id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' };
const MASTERY_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
const SESSION_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';

type ActivityList = Array<Record<string, unknown>>;

interface ContextTemplate {
  contextActivities?: Record<string, ActivityList | Record<string, unknown>>;
  extensions?: Record<string, unknown>;
  [property: string]: unknown;
}

interface LaunchData {
  contextTemplate?: ContextTemplate;
  launchMode?: 'Normal' | 'Browse' | 'Review';
  masteryScore?: number;
  moveOn?: string;
  returnURL?: string;
}

/** The player language for a cmi5 languagePreference ("zh-CN,en-US"): the first one the player speaks. */
export function preferredLanguage(preference: unknown): Language | undefined {
  if (typeof preference !== 'string') return undefined;
  for (const tag of preference.split(',')) {
    const language = languageOfTag(tag);
    if (language) return language;
  }
  return undefined;
}

const asList = (value: unknown): ActivityList => (Array.isArray(value) ? (value as ActivityList) : value && typeof value === 'object' ? [value as Record<string, unknown>] : []);

/**
 * A statement's context built on the LMS's context template (§10.2.1): the
 * template's activities come first in each list, unaltered (the LMS compares
 * them by position), then the statement's own; the template's extensions and
 * other properties are kept as they are.
 */
export function onTemplate(statement: Statement, template: ContextTemplate, categories: ActivityList = []): Statement {
  const own = (statement.context ?? {}) as Record<string, unknown>;
  const ownActivities = (own.contextActivities ?? {}) as Record<string, unknown>;
  const templateActivities = template.contextActivities ?? {};
  const activities: Record<string, ActivityList> = {};
  for (const key of new Set([...Object.keys(templateActivities), ...Object.keys(ownActivities), ...(categories.length ? ['category'] : [])])) {
    activities[key] = [...asList(templateActivities[key]), ...asList(ownActivities[key]), ...(key === 'category' ? categories : [])];
  }
  const context: Record<string, unknown> = { ...own, contextActivities: activities };
  for (const [property, value] of Object.entries(template)) {
    if (property === 'contextActivities') continue;
    context[property] = value && typeof value === 'object' && !Array.isArray(value) ? { ...((own[property] as object) ?? {}), ...(value as object) } : value;
  }
  statement.context = context;
  return statement;
}

/** sessionStorage, which may be missing or refuse. */
const session = {
  get(key: string): string | null {
    try {
      return sessionStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      sessionStorage.setItem(key, value);
    } catch {
      // not kept: a reload will need a new launch
    }
  },
};

export class Cmi5Adapter extends LrsAdapter {
  readonly name = 'cmi5';
  protected readonly platform = 'cmi5';
  protected override readonly endedSessionsExpire = true;
  private launchData: LaunchData = {};
  private mode: LaunchMode = 'normal';
  private attemptsAllowed = 0;
  private sessionId = '';
  /** Verdicts sent in this session (at most one of passed/failed, §9.3). */
  private judged: 'passed' | 'failed' | null = null;
  private deferredFail: ExamResult | null = null;
  private unloading = false;

  protected async connect(course: Course): Promise<Connection> {
    const params = launchParameters();
    const { endpoint, fetch: fetchUrl, actor, registration, activityId } = params;
    if (typeof endpoint !== 'string' || typeof fetchUrl !== 'string' || !actor || typeof actor !== 'object' || typeof registration !== 'string' || typeof activityId !== 'string') {
      return { failed: 'lms.not-found' };
    }
    this.attemptsAllowed = course.exam?.attempts ?? 0;
    if (typeof window !== 'undefined') window.addEventListener('pagehide', () => (this.unloading = true));
    const token = await this.authToken(fetchUrl);
    if (!token) return { failed: 'lrs.unauthorized' };
    const target: LrsTarget = { endpoint, auth: `Basic ${token}`, actor: actor as Record<string, unknown>, registration, activityId };
    const client = new LrsClient(target);
    let preferences: unknown;
    try {
      this.launchData = ((await client.getState('LMS.LaunchData')) ?? {}) as LaunchData;
      // The LMS refuses statements until the AU has read the learner preferences (§11.0.0.0-3); 404 is an answer.
      // One more try: a passing network fault must not cost the launch.
      preferences = await client.getAgentProfile('cmi5LearnerPreferences').catch(() => client.getAgentProfile('cmi5LearnerPreferences'));
    } catch (error) {
      return { failed: error instanceof LrsError && (error.status === 401 || error.status === 403) ? 'lrs.unauthorized' : 'lrs.offline' };
    }
    const template = this.launchData.contextTemplate ?? {};
    const sessionId = template.extensions?.[SESSION_EXTENSION];
    this.sessionId = typeof sessionId === 'string' ? sessionId : token;
    if (session.get(`skillpack:cmi5-ended:${this.sessionId}`)) return { failed: 'lrs.session-ended' };
    const mode = this.launchData.launchMode;
    this.mode = mode === 'Browse' ? 'browse' : mode === 'Review' ? 'review' : 'normal';
    const mastery = this.launchData.masteryScore;
    const language = preferredLanguage((preferences as { languagePreference?: unknown } | null)?.languagePreference);
    return {
      target,
      session: this.sessionId,
      launch: { mode: this.mode, masteryScore: typeof mastery === 'number' && mastery >= 0 && mastery <= 1 ? mastery : null, ...(language ? { language } : {}) },
    };
  }

  /** The fetch URL is one-time: POST it once per launch and keep the token for reloads (§8.2). */
  private async authToken(fetchUrl: string): Promise<string | null> {
    const key = `skillpack:cmi5-token:${fetchUrl}`;
    const kept = session.get(key);
    if (kept) return kept;
    try {
      const response = await fetch(fetchUrl, { method: 'POST', credentials: 'omit', redirect: 'manual' });
      const body = (await response.json()) as { 'auth-token'?: string; 'error-code'?: string };
      const token = body['auth-token'];
      if (!token) return null;
      session.set(key, token);
      return token;
    } catch {
      return null;
    }
  }

  protected statementContext(course: Course, target: LrsTarget) {
    return { course, actor: target.actor, registration: target.registration, courseActivityId: target.activityId };
  }

  private defined(statement: Statement, moveOn: boolean): Statement {
    return onTemplate(statement, this.launchData.contextTemplate ?? {}, moveOn ? [CATEGORY_CMI5, CATEGORY_MOVEON] : [CATEGORY_CMI5]);
  }

  private allowed(statement: Statement): Statement {
    return onTemplate(statement, this.launchData.contextTemplate ?? {});
  }

  protected onStarted(): void {
    // A reload within the session (the page crashed, nothing was terminated) must not initialize twice.
    const key = `skillpack:cmi5-initialized:${this.sessionId}`;
    if (session.get(key)) return;
    this.send(this.defined(build.initialized(this.ctx!), false));
    session.set(key, '1');
  }

  protected onLessonViewed(lessonId: string, title: string): void {
    if (this.mode === 'normal') this.send(this.allowed(build.experienced(this.ctx!, lessonId, title)));
  }

  /** Exam answers, and practice answers (attempt 0: the lesson as parent, the practice category). */
  protected onAnswered(record: AnswerRecord): void {
    if (this.mode === 'normal') this.send(this.allowed(build.answered(this.ctx!, record)));
  }

  protected onExamFinished(result: ExamResult): void {
    if (this.mode !== 'normal' || this.prior.passed || this.judged) return;
    if (!result.passed) {
      const lastAttempt = this.attemptsAllowed > 0 && result.attempt >= this.attemptsAllowed;
      if (!lastAttempt) {
        // One of passed/failed per session (§9.3.0.0-3): a retake may still pass, so the fail waits.
        this.deferredFail = result;
        return;
      }
    }
    this.deferredFail = null;
    this.sendJudged(result);
  }

  private sendJudged(result: ExamResult): void {
    const mastery = this.launchData.masteryScore;
    // A pass is judged again on this launch's masteryScore (§9.3.4.0-2), as the player judges: one caught up
    // from an earlier launch may have met a lower one. Its score, to 4 places, then meets it too (a
    // masteryScore has at most 4, §10).
    if (result.passed && typeof mastery === 'number' && !passes(result.scaled, mastery)) return;
    // completion belongs to `completed` alone (§9.5.3.0-2)
    const statement = this.defined(build.passedOrFailed(this.ctx!, result, this.elapsed, false), true);
    if (typeof mastery === 'number') (statement.context as { extensions: Record<string, unknown> }).extensions[MASTERY_EXTENSION] = mastery;
    this.judged = result.passed ? 'passed' : 'failed';
    this.send(statement, true);
    if (result.passed) this.noteSent('passed');
  }

  protected onCompleted(): void {
    if (this.mode !== 'normal' || this.prior.completed) return;
    this.send(this.defined(build.completed(this.ctx!, this.elapsed), true), true);
    this.noteSent('completed');
  }

  protected onFinish(): void {
    if (this.deferredFail && this.mode === 'normal' && !this.prior.passed && !this.judged) this.sendJudged(this.deferredFail);
    this.deferredFail = null;
    this.send(this.defined(build.terminated(this.ctx!, this.elapsed), false), true);
    session.set(`skillpack:cmi5-ended:${this.sessionId}`, '1');
  }

  override async finish(): Promise<void> {
    await super.finish();
    const returnUrl = this.launchData.returnURL;
    if (returnUrl && !this.unloading && typeof window !== 'undefined') window.location.assign(returnUrl);
  }
}
