/**
 * SCORM 2004 4th edition adapter (RTE ch. 3: API `API_1484_11`; ch. 4 data
 * model: separate completion_status and success_status, score.scaled in
 * [-1, 1], ISO 8601 durations, suspend_data ≤ 64000).
 */
import type { AnswerRecord, ExamResult, LaunchInfo, ProgressInfo } from './adapter.js';
import { correctPatterns, formatResponse, interactionType, isoDuration, scorm2004Timestamp } from './interaction-formats.js';
import { displayName, ScormAdapter, type Standing } from './scorm-adapter.js';
import { SCORM2004_NAMES, type ScormConnection } from './scorm-api.js';

export class Scorm2004Adapter extends ScormAdapter {
  readonly name = 'scorm2004';
  protected readonly platform = 'SCORM 2004';
  protected readonly apiName = 'API_1484_11';
  protected readonly suspendLimit = 64000;
  protected readonly locationLimit = 1000;
  protected readonly suspendElement = 'cmi.suspend_data';
  protected readonly apiNames = SCORM2004_NAMES;

  protected readLaunch(c: ScormConnection): Omit<LaunchInfo, 'platform' | 'connected'> & { standing: Partial<Standing> } {
    // 403 "value not initialized" is normal here on a first launch; the connection logs it and returns null.
    const passing = Number.parseFloat(c.get('cmi.scaled_passing_score') ?? '');
    const mode = c.get('cmi.mode');
    const success = c.get('cmi.success_status');
    return {
      learnerName: displayName(c.get('cmi.learner_name')),
      savedState: c.get('cmi.suspend_data') || null,
      masteryScore: Number.isFinite(passing) && passing >= 0 && passing <= 1 ? passing : null,
      mode: mode === 'review' || mode === 'browse' ? mode : 'normal',
      standing: {
        completed: c.get('cmi.completion_status') === 'completed',
        passed: success === 'passed' ? true : success === 'failed' ? false : null,
      },
    };
  }

  protected writeLocation(location: string, info: ProgressInfo): void {
    const c = this.connection;
    if (!c) return;
    c.set('cmi.location', location);
    if (info.lessonsTotal > 0) c.set('cmi.progress_measure', (Math.min(info.lessonsViewed, info.lessonsTotal) / info.lessonsTotal).toFixed(4));
  }

  protected writeStatus(): void {
    const c = this.connection;
    if (!c) return;
    const { completed, passed } = this.standing;
    c.set('cmi.completion_status', completed ? 'completed' : 'incomplete');
    c.set('cmi.success_status', passed === null ? 'unknown' : passed ? 'passed' : 'failed');
  }

  protected writeScore(result: ExamResult): void {
    const c = this.connection;
    if (!c) return;
    c.set('cmi.score.scaled', result.scaled.toFixed(4));
    c.set('cmi.score.raw', String(result.raw));
    c.set('cmi.score.min', '0');
    c.set('cmi.score.max', String(result.max));
  }

  protected writeInteraction(n: number, record: AnswerRecord): boolean {
    const c = this.connection;
    if (!c) return false;
    const prefix = `cmi.interactions.${n}`;
    // The id must come first: other fields depend on it (error 408 otherwise).
    if (!c.set(`${prefix}.id`, `urn:skillpack:${this.courseId}:${record.question.id}:${record.attempt}`)) return false;
    c.set(`${prefix}.type`, interactionType(record.question, 'scorm2004'));
    c.set(`${prefix}.description`, record.question.promptText.slice(0, 250));
    correctPatterns(record.question, 'scorm2004').forEach((pattern, i) => c.set(`${prefix}.correct_responses.${i}.pattern`, pattern));
    c.set(`${prefix}.learner_response`, formatResponse(record.response, 'scorm2004'));
    c.set(`${prefix}.result`, record.correct === null ? 'neutral' : record.correct ? 'correct' : 'incorrect');
    c.set(`${prefix}.weighting`, String(record.question.points));
    c.set(`${prefix}.latency`, isoDuration(record.answeredAt.getTime() - record.shownAt.getTime()));
    c.set(`${prefix}.timestamp`, scorm2004Timestamp(record.answeredAt));
    return true;
  }

  protected writeSessionEnd(elapsedMs: number): void {
    const c = this.connection;
    if (!c) return;
    c.set('cmi.session_time', isoDuration(elapsedMs));
    const done = this.standing.completed;
    c.set('cmi.exit', done ? 'normal' : 'suspend');
  }
}
