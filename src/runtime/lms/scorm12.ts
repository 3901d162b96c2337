/**
 * SCORM 1.2 adapter (RTE ch. 3: API `API`, LMSInitialize … LMSFinish; data
 * model §3.4 cmi.core.*, cmi.interactions.*, cmi.suspend_data ≤ 4096).
 *
 * 1.2 has one status for completion and success, and LMSs act on it: Moodle
 * relaunches an attempt whose status is passed, failed or completed in review
 * mode (no retake), and at LMSFinish turns any status into passed or failed by
 * comparing cmi.core.score.raw with the mastery score. So the status stays
 * `incomplete`, with no raw score, until the outcome is final by the course rule.
 */
import type { Course } from '../../course/model.js';
import { decimal } from '../question-types/numeric.js';
import type { AnswerRecord, LaunchInfo, LaunchMode, RecordedOutcome } from './adapter.js';
import { correctPatterns, formatResponse, interactionType, scorm12Time, scorm12Timespan } from './interaction-formats.js';
import { displayName, percentScore, ScormAdapter, type ScormLaunch } from './scorm-adapter.js';
import { SCORM12_NAMES, type ScormConnection } from './scorm-api.js';

/** SCORM 1.2's largest weighting as LMSs check it (Moodle's scorm_12.js weighting_range, scorm-again). */
const WEIGHTING_LIMIT = 100;

/**
 * The power of ten a course's points are divided by so that every weighting fits −100…100: 1, or
 * 10 when a question is worth more than 100 points (points go up to 1000).
 */
export function weightingScale(course: Course): number {
  const most = Math.max(0, ...course.banks.flatMap((bank) => bank.questions.map((question) => question.points)));
  return 10 ** Math.max(0, Math.ceil(Math.log10(most / WEIGHTING_LIMIT)));
}

/**
 * A question's SCORM 1.2 weighting, its weight relative to the other interactions (RTE §3.4
 * cmi.interactions.n.weighting): its points over the course's scale, so every ratio stays as
 * authored. Written without binary noise (0.7 / 10 is 0.06999999999999999).
 */
export const scorm12Weighting = (points: number, scale: number): string => decimal(Number((points / scale).toPrecision(15)));

export class Scorm12Adapter extends ScormAdapter {
  readonly name = 'scorm12';
  protected readonly platform = 'SCORM 1.2';
  protected readonly apiName = 'API';
  protected readonly suspendLimit = 4096;
  protected readonly locationLimit = 255;
  protected readonly suspendElement = 'cmi.suspend_data';

  protected readonly apiNames = SCORM12_NAMES;
  private launchStatus = '';
  /** What every question's points are divided by to give its weighting (see {@link scorm12Weighting}). */
  private weightingScale = 1;

  override start(course: Course): Promise<LaunchInfo> {
    this.weightingScale = weightingScale(course);
    return super.start(course);
  }

  protected readLaunch(c: ScormConnection): ScormLaunch {
    const mastery = Number.parseFloat(c.get('cmi.student_data.mastery_score') ?? '');
    const lessonMode = c.get('cmi.core.lesson_mode');
    const status = c.get('cmi.core.lesson_status') ?? '';
    this.launchStatus = status;
    const raw = Number.parseFloat(c.get('cmi.core.score.raw') ?? '');
    const scaled = Number.isFinite(raw) && raw >= 0 && raw <= 100 ? raw / 100 : null;
    const known = status === 'passed' || status === 'failed' || status === 'completed';
    const recorded: RecordedOutcome | null = known ? { completed: true, passed: status === 'passed' ? true : status === 'failed' ? false : null, scaled } : null;
    return {
      learnerName: displayName(c.get('cmi.core.student_name')),
      learnerId: c.get('cmi.core.student_id') ?? '',
      entry: c.get('cmi.core.entry') ?? '',
      savedState: c.get('cmi.suspend_data') || null,
      masteryScore: Number.isFinite(mastery) && mastery >= 0 && mastery <= 100 ? mastery / 100 : null,
      mode: (lessonMode === 'review' || lessonMode === 'browse' ? lessonMode : 'normal') as LaunchMode,
      recorded,
      standing: {
        completed: known,
        passed: status === 'passed' ? true : status === 'failed' ? false : null,
        // This package writes failed only when no attempt is left.
        exhausted: status === 'failed',
      },
    };
  }

  /**
   * A first look in browse mode is `browsed` (RTE §3.4 lesson_status). Left `not attempted`,
   * Moodle records it as completed at LMSFinish, in any mode, and then opens the course in
   * review mode for good.
   */
  protected override markBrowsed(): void {
    if (this.launchStatus === '' || this.launchStatus === 'not attempted') this.connection?.set('cmi.core.lesson_status', 'browsed');
  }

  protected writeLocation(location: string): void {
    this.connection?.set('cmi.core.lesson_location', location);
  }

  /** Score before status, and both only once final: LMSs compare raw with mastery_score when the status is set. */
  protected writeOutcome(): void {
    const c = this.connection;
    if (!c) return;
    const { passed, hasExam } = this.standing;
    if (!this.final) {
      c.set('cmi.core.lesson_status', 'incomplete');
      return;
    }
    if (hasExam && this.result) {
      c.set('cmi.core.score.min', '0');
      c.set('cmi.core.score.max', '100');
      c.set('cmi.core.score.raw', percentScore(this.result));
    }
    c.set('cmi.core.lesson_status', !hasExam ? 'completed' : passed ? 'passed' : 'failed');
  }

  /** Suspend (resume next time, keep the attempt open) until final; then "" (1.2 has no `normal`). */
  protected writeExit(): void {
    this.connection?.set('cmi.core.exit', this.final ? '' : 'suspend');
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
    c.set(`${prefix}.weighting`, scorm12Weighting(record.question.points, this.weightingScale));
    if (record.answeredAt) {
      c.set(`${prefix}.latency`, scorm12Timespan(record.answeredAt.getTime() - record.shownAt.getTime()));
      c.set(`${prefix}.time`, scorm12Time(record.answeredAt));
    }
    return true;
  }

  protected writeSessionTime(elapsedMs: number): void {
    this.connection?.set('cmi.core.session_time', scorm12Timespan(elapsedMs));
  }
}
