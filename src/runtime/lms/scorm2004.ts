/**
 * SCORM 2004 4th edition adapter (RTE ch. 3: API `API_1484_11`; ch. 4 data
 * model: separate completion_status and success_status, score.scaled in
 * [-1, 1], ISO 8601 durations, suspend_data ≤ 64000).
 *
 * Gradebooks read cmi.score.raw (Moodle grades it against a maximum of 100), so
 * raw is a percentage like 1.2's, with scaled beside it. Success, score and a
 * completed status are written once the outcome is final by the course rule:
 * Moodle opens an attempt whose completion_status is completed in review mode,
 * where an exam still to pass could never be recorded. The attempt stays suspended
 * (exit=suspend, adl.nav.request=suspendAll), final or not: LMSs hand a SCO's data
 * back only after a suspend (Moodle included), so the course always finds its
 * record (no exam attempts granted afresh) and a review visit its total time.
 */
import type { AnswerRecord, LaunchMode, ProgressInfo, RecordedOutcome } from './adapter.js';
import { isoDuration, scorm2004Interaction } from './interaction-formats.js';
import { displayName, percentScore, scaledScore, ScormAdapter, type ScormLaunch } from './scorm-adapter.js';
import { SCORM2004_NAMES, type ScormConnection } from './scorm-api.js';

export class Scorm2004Adapter extends ScormAdapter {
  readonly name = 'scorm2004';
  protected readonly platform = 'SCORM 2004';
  protected readonly apiName = 'API_1484_11';
  protected readonly suspendLimit = 64000;
  protected readonly locationLimit = 1000;
  protected readonly suspendElement = 'cmi.suspend_data';
  protected readonly apiNames = SCORM2004_NAMES;
  /** Lessons viewed and in all, as the player last said. */
  private lessonsRead: [number, number] = [0, 0];

  protected readLaunch(c: ScormConnection): ScormLaunch {
    // 403 "value not initialized" is normal here on a first launch; the connection logs it and returns null.
    const passing = Number.parseFloat(c.get('cmi.scaled_passing_score') ?? '');
    const mode = c.get('cmi.mode');
    const success = c.get('cmi.success_status');
    const completion = c.get('cmi.completion_status');
    this.recordedComplete = completion === 'completed';
    const scaled = Number.parseFloat(c.get('cmi.score.scaled') ?? '');
    const recorded: RecordedOutcome | null =
      completion === 'completed' || success === 'passed' || success === 'failed'
        ? { completed: completion === 'completed', passed: success === 'passed' ? true : success === 'failed' ? false : null, scaled: Number.isFinite(scaled) && scaled >= 0 && scaled <= 1 ? scaled : null }
        : null;
    return {
      learnerName: displayName(c.get('cmi.learner_name')),
      learnerId: c.get('cmi.learner_id') ?? '',
      entry: c.get('cmi.entry') ?? '',
      savedState: c.get('cmi.suspend_data') || null,
      masteryScore: Number.isFinite(passing) && passing >= 0 && passing <= 1 ? passing : null,
      mode: (mode === 'review' || mode === 'browse' ? mode : 'normal') as LaunchMode,
      recorded,
      // After a normal exit (packages before this one closed the attempt so) Moodle hands back
      // nothing, total time included, and would store the zero it adds at Terminate over the record
      // in a review or browse visit.
      keepTerminate: mode === 'normal' || /[1-9]/.test(c.get('cmi.total_time') ?? ''),
      standing: {
        completed: completion === 'completed',
        passed: success === 'passed' ? true : success === 'failed' ? false : null,
        // This package reports failed only when no attempt is left.
        exhausted: success === 'failed',
      },
    };
  }

  protected writeLocation(location: string, info: ProgressInfo): void {
    const c = this.connection;
    if (!c) return;
    c.set('cmi.location', location);
    if (info.lessonsTotal > 0) {
      this.lessonsRead = [Math.min(info.lessonsViewed, info.lessonsTotal), info.lessonsTotal];
      this.writeProgress();
    }
  }

  /**
   * Completed as the LMS is told it: the rule is met and the exam can no longer change the
   * outcome (under the rule `lessons`, an exam still to pass keeps the course incomplete).
   */
  private get reportedComplete(): boolean {
    // Never below what the LMS holds: a record an earlier version of the package left completed stays so.
    return (this.standing.completed && this.final) || this.recordedComplete;
  }

  /** The LMS's record was completed at launch. */
  private recordedComplete = false;

  /** progress_measure agrees with completion_status: 1 when completed, below 1 otherwise. */
  private writeProgress(): void {
    const [viewed, total] = this.lessonsRead;
    // The exam is one more step when the rule needs it: all lessons viewed is not yet complete.
    const steps = total + (this.standing.hasExam && !this.standing.completed ? 1 : 0);
    const share = this.reportedComplete ? 1 : Math.min(steps ? viewed / steps : 0, 0.99);
    this.connection?.set('cmi.progress_measure', share.toFixed(4));
  }

  protected writeOutcome(): void {
    const c = this.connection;
    if (!c) return;
    const { passed, hasExam } = this.standing;
    const final = this.final;
    if (final && hasExam && this.result) {
      c.set('cmi.score.scaled', scaledScore(this.result));
      c.set('cmi.score.raw', percentScore(this.result));
      c.set('cmi.score.min', '0');
      c.set('cmi.score.max', '100');
    }
    c.set('cmi.completion_status', this.reportedComplete ? 'completed' : 'incomplete');
    c.set('cmi.success_status', final && hasExam ? (passed ? 'passed' : 'failed') : 'unknown');
    this.writeProgress();
  }

  protected writeExit(): void {
    this.connection?.set('cmi.exit', 'suspend');
    this.connection?.set('adl.nav.request', 'suspendAll');
  }

  protected writeInteraction(n: number, record: AnswerRecord): boolean {
    const c = this.connection;
    if (!c) return false;
    const prefix = `cmi.interactions.${n}`;
    // The id must come first: other fields depend on it (error 408 otherwise). Only what reports
    // show (Moodle's interactions report: id, response, correct pattern, result): Moodle re-posts
    // every field of every interaction with each Commit and Terminate, and sends those made while
    // the page is hidden or closing as one beacon of at most 64 KB. So no description, weighting,
    // latency or timestamp (all optional): the id names the question, whose text and points are
    // in the package.
    if (!c.set(`${prefix}.id`, `urn:skillpack:${this.courseId}:${record.question.id}:${record.attempt}`)) return false;
    const { type, patterns, response } = scorm2004Interaction(record.question, record.response);
    c.set(`${prefix}.type`, type);
    patterns.forEach((pattern, i) => c.set(`${prefix}.correct_responses.${i}.pattern`, pattern));
    c.set(`${prefix}.learner_response`, response);
    c.set(`${prefix}.result`, record.correct === null ? 'neutral' : record.correct ? 'correct' : 'incorrect');
    return true;
  }

  protected writeSessionTime(elapsedMs: number): void {
    this.connection?.set('cmi.session_time', isoDuration(elapsedMs));
  }
}
