/**
 * xAPI (Tin Can) adapter: the launch convention's query string (endpoint,
 * auth, actor, registration, activity_id), or launch defaults baked in by an
 * explicit build option. Sends initialized, experienced, answered,
 * passed/failed, completed and terminated.
 */
import type { Course } from '../../course/model.js';
import type { AnswerRecord, ExamResult } from './adapter.js';
import { LrsAdapter, type Connection } from './lrs-adapter.js';
import { launchParameters, newUuid, type LrsTarget } from './lrs-client.js';
import * as build from './xapi-statements.js';

/** The legacy Tin Can actor form (`"name": ["…"]`, `"account": [{ accountServiceHomePage, accountName }]`) as an xAPI 1.0 agent. */
export function normaliseActor(actor: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...actor };
  for (const key of ['name', 'mbox', 'mbox_sha1sum', 'openid']) if (Array.isArray(out[key])) out[key] = (out[key] as unknown[])[0];
  if (Array.isArray(out.account)) {
    const legacy = (out.account[0] ?? {}) as Record<string, unknown>;
    out.account = { homePage: legacy.accountServiceHomePage ?? legacy.homePage, name: legacy.accountName ?? legacy.name };
  }
  return out;
}

/** Launch defaults written into the page by `skillpack build --lrs-endpoint` (never by default). */
function bakedDefaults(): { endpoint?: string; auth?: string } {
  try {
    const text = document.getElementById('launch-defaults')?.textContent;
    return text ? (JSON.parse(text) as { endpoint?: string; auth?: string }) : {};
  } catch {
    return {};
  }
}

/** An anonymous, stable actor for this browser (account IFI under the page's origin). */
function browserActor(): Record<string, unknown> {
  const key = 'skillpack:xapi:learner';
  let id: string | null = null;
  try {
    id = localStorage.getItem(key);
    if (!id) localStorage.setItem(key, (id = newUuid()));
  } catch {
    id = newUuid();
  }
  return { objectType: 'Agent', account: { homePage: location.origin.startsWith('http') ? location.origin : 'https://w3id.org/skillpack/anonymous', name: id } };
}

export class XapiAdapter extends LrsAdapter {
  readonly name = 'xapi';
  protected readonly platform = 'xAPI';
  private examStartedAt = Date.now();
  /** A judged attempt waiting for the same task to say whether the course is now complete. */
  private judging: { result: ExamResult; duration: number } | null = null;

  protected async connect(course: Course): Promise<Connection> {
    const params = launchParameters();
    const defaults = bakedDefaults();
    const endpoint = typeof params.endpoint === 'string' ? params.endpoint : defaults.endpoint;
    const launched = params.actor && typeof params.actor === 'object' ? normaliseActor(params.actor as Record<string, unknown>) : null;
    // A standalone build with a baked-in LRS has no launch actor: identify this browser instead.
    const actor = launched ?? (defaults.endpoint ? browserActor() : null);
    if (!endpoint || !actor) return { failed: 'lms.not-found' };
    const target: LrsTarget = {
      endpoint,
      auth: typeof params.auth === 'string' ? params.auth : (defaults.auth ?? ''),
      actor,
      registration: typeof params.registration === 'string' ? params.registration : null,
      activityId: typeof params.activity_id === 'string' ? params.activity_id : course.activityId,
    };
    // xAPI has no sessions at the LRS: each page load is one, and the launch's credentials deliver them all.
    return { target, launch: {}, session: newUuid() };
  }

  protected statementContext(course: Course, target: LrsTarget) {
    return { course, actor: target.actor, registration: target.registration, courseActivityId: target.activityId };
  }

  protected onStarted(): void {
    this.send(build.initialized(this.ctx!));
  }

  protected onLessonViewed(lessonId: string, title: string): void {
    this.send(build.experienced(this.ctx!, lessonId, title));
  }

  /** Exam answers, and practice answers (attempt 0, marked as practice in their context). */
  protected onAnswered(record: AnswerRecord): void {
    this.send(build.answered(this.ctx!, record));
  }

  protected onExamFinished(result: ExamResult): void {
    if (this.prior.passed) return; // a recorded pass is final: never followed by another verdict
    this.flushJudged();
    this.judging = { result, duration: Date.now() - this.examStartedAt };
    this.examStartedAt = Date.now();
    // The player reports completion right after the result when the pass completes the course:
    // wait for the end of this task to know whether the verdict can say "complete".
    queueMicrotask(() => this.flushJudged());
  }

  private flushJudged(complete = this.prior.completed): void {
    const judged = this.judging;
    if (!judged) return;
    this.judging = null;
    this.send(build.passedOrFailed(this.ctx!, judged.result, judged.duration, complete), true);
    if (judged.result.passed) this.noteSent('passed');
  }

  protected onCompleted(): void {
    this.flushJudged(true);
    if (this.prior.completed) return;
    this.send(build.completed(this.ctx!, this.elapsed), true);
    this.noteSent('completed');
  }

  protected onFinish(): void {
    this.flushJudged();
    this.send(build.terminated(this.ctx!, this.elapsed), true);
  }
}
