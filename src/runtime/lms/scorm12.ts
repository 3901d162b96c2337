/**
 * SCORM 1.2 adapter (RTE ch. 3: API `API`, LMSInitialize … LMSFinish; data
 * model §3.4 cmi.core.*, cmi.interactions.*, cmi.suspend_data ≤ 4096).
 */
import type { AnswerRecord, ExamResult, LaunchInfo } from './adapter.js';
import { correctPatterns, formatResponse, interactionType, scorm12Time, scorm12Timespan } from './interaction-formats.js';
import { displayName, ScormAdapter, type Standing } from './scorm-adapter.js';
import { SCORM12_NAMES, type ScormConnection } from './scorm-api.js';

export class Scorm12Adapter extends ScormAdapter {
  readonly name = 'scorm12';
  protected readonly platform = 'SCORM 1.2';
  protected readonly apiName = 'API';
  protected readonly suspendLimit = 4096;
  protected readonly locationLimit = 255;
  protected readonly suspendElement = 'cmi.suspend_data';

  protected readonly apiNames = SCORM12_NAMES;

  protected readLaunch(c: ScormConnection): Omit<LaunchInfo, 'platform' | 'connected'> & { standing: Partial<Standing> } {
    const mastery = Number.parseFloat(c.get('cmi.student_data.mastery_score') ?? '');
    const lessonMode = c.get('cmi.core.lesson_mode');
    const status = c.get('cmi.core.lesson_status') ?? '';
    return {
      learnerName: displayName(c.get('cmi.core.student_name')),
      savedState: c.get('cmi.suspend_data') || null,
      masteryScore: Number.isFinite(mastery) && mastery >= 0 && mastery <= 100 ? mastery / 100 : null,
      mode: lessonMode === 'review' || lessonMode === 'browse' ? lessonMode : 'normal',
      standing: {
        completed: status === 'completed' || status === 'passed',
        passed: status === 'passed' ? true : status === 'failed' ? false : null,
      },
    };
  }

  protected writeLocation(location: string): void {
    this.connection?.set('cmi.core.lesson_location', location);
  }

  /** 1.2 has one status for both completion and success. */
  protected writeStatus(): void {
    const { completed, passed, hasExam } = this.standing;
    const status = passed === false ? 'failed' : completed ? (hasExam && passed ? 'passed' : 'completed') : 'incomplete';
    this.connection?.set('cmi.core.lesson_status', status);
  }

  /** Score is set before the status, as mastery_score checks compare them. */
  protected writeScore(result: ExamResult): void {
    const c = this.connection;
    if (!c) return;
    c.set('cmi.core.score.min', '0');
    c.set('cmi.core.score.max', '100');
    c.set('cmi.core.score.raw', String(Math.round(result.scaled * 10000) / 100));
  }

  protected writeInteraction(n: number, record: AnswerRecord): boolean {
    const c = this.connection;
    if (!c) return false;
    const prefix = `cmi.interactions.${n}`;
    if (!c.set(`${prefix}.id`, `${record.question.id}_a${record.attempt}`.slice(0, 255))) return false;
    c.set(`${prefix}.type`, interactionType(record.question, 'scorm12'));
    correctPatterns(record.question, 'scorm12').forEach((pattern, i) => c.set(`${prefix}.correct_responses.${i}.pattern`, pattern));
    c.set(`${prefix}.student_response`, formatResponse(record.response, 'scorm12'));
    c.set(`${prefix}.result`, record.correct === null ? 'neutral' : record.correct ? 'correct' : 'wrong');
    c.set(`${prefix}.weighting`, String(record.question.points));
    c.set(`${prefix}.latency`, scorm12Timespan(record.answeredAt.getTime() - record.shownAt.getTime()));
    c.set(`${prefix}.time`, scorm12Time(record.answeredAt));
    return true;
  }

  protected writeSessionEnd(elapsedMs: number): void {
    const c = this.connection;
    if (!c) return;
    c.set('cmi.core.session_time', scorm12Timespan(elapsedMs));
    // Suspend until the course is complete, so a failed attempt can be resumed and retaken.
    c.set('cmi.core.exit', this.standing.completed ? '' : 'suspend');
  }
}
