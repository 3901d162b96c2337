/**
 * The player: owns the resume state, decides where the learner is, and is the only
 * part that talks to the LMS adapter. Views render from it and call its actions, so
 * reporting rules (what is recorded, when state is saved, when the course is complete)
 * live in one place.
 */
import type { Course, Question, Response } from '../../course/model.js';
import type { AnswerRecord, ExamResult, LaunchInfo, LmsAdapter } from '../lms/adapter.js';
import { bankQuestions, drawAttempt } from '../draw.js';
import { examResult, scaledOf, scoreResponse } from '../scoring.js';
import { encodeState, type AttemptState, type Place, type ResumeState } from '../state.js';
import { focusHeading, h } from './dom.js';
import type { Translate } from './i18n.js';
import { parseHash, placeHash, samePlace } from './router.js';
import type { Shell } from './shell.js';
import { renderView } from './views.js';

/** What a view renders: its element, the heading that receives focus, and what to stop on leaving. */
export interface View {
  el: HTMLElement;
  heading: HTMLElement;
  cleanup?: () => void;
}

/** Delay before saving while the learner types, so a long essay is not saved per keystroke. */
const SAVE_DELAY_MS = 800;
/** Longest wait for the answers to reach the LMS or LRS before the results show anyway. */
const RESULTS_WAIT_MS = 4000;

export class Player {
  /** Every bank question; attempts refer to them by index. */
  readonly questions: Question[];
  /** Passing score in 0..1: the platform's mastery score wins over the course's. */
  readonly passing: number;
  /** False in review and browse modes: nothing is reported or saved, a recorded pass cannot change. */
  readonly recording: boolean;
  /** Attempts submitted in this session (recording mode): results this session can vouch for. */
  private readonly submittedHere = new Set<number>();
  /** The attempt taken in review/browse mode, kept only in memory. */
  private scratch: AttemptState | null = null;
  private scratchResult: ExamResult | null = null;
  private clock: { since: number; base: number } | null = null;
  private interval: ReturnType<typeof setInterval> | undefined;
  private warned = new Set<number>();
  private shownAt = new Date();
  private answeredAt: Date[] = [];
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private cleanup: (() => void) | undefined;
  private finished = false;
  /** Completion or an exam result was reported: commit once the state is saved too. */
  private commitPending = false;
  /** The attempt the timer submitted, so its results say so. */
  timedOut: AttemptState | null = null;
  /** Listener the exam view sets to show the remaining time. */
  onTick: ((remaining: number) => void) | null = null;

  constructor(
    readonly course: Course,
    readonly t: Translate,
    readonly adapter: LmsAdapter,
    readonly launch: LaunchInfo,
    readonly state: ResumeState,
    readonly shell: Shell,
  ) {
    this.questions = bankQuestions(course);
    const own = (course.exam?.passingScore ?? 0) / 100;
    const mastery = launch.masteryScore;
    this.passing = mastery !== null && mastery >= 0 && mastery <= 1 ? mastery : own;
    this.recording = launch.mode === 'normal';
  }

  /** First render: the hash wins (a bookmarked lesson), else the saved place. */
  begin(): void {
    addEventListener('hashchange', () => {
      const place = parseHash(location.hash, this.course);
      if (place && !samePlace(place, this.state.place) && !this.finished) this.go(place);
    });
    // The preview hands the player a saved lesson's new text. Only script of the package's own
    // origin can dispatch this event into its window (unlike a message), and such script can do
    // anything already. Cancelled when taken, so the preview knows it need not relaunch.
    // Not taken once the session is over (the page then launches the package again).
    addEventListener('skillpack:lesson', (event) => {
      const { id, html } = (event as CustomEvent<{ id: string; html: string }>).detail;
      const place = this.state.place;
      const index = this.course.lessons.findIndex((lesson) => lesson.id === id);
      const lesson = this.course.lessons[index];
      if (!lesson || this.finished) return;
      if (lesson.html !== html) {
        lesson.html = html;
        if (place.view === 'lesson' && place.index === index) this.draw(place);
      }
      event.preventDefault();
    });
    addEventListener('pagehide', () => this.end());
    addEventListener('pageshow', (event) => {
      // Back from the bfcache after the session was finished: start a new one.
      if ((event as PageTransitionEvent).persisted && this.finished) location.reload();
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.saveNow();
    });
    // What earlier sessions reached, for platforms that were not told yet.
    if (this.recording) this.adapter.resumed?.({ completed: this.state.completed, result: this.countingResult() });
    // A resumed state may already meet the rule (e.g. completion was never reported).
    this.checkCompletion();
    this.go(parseHash(location.hash, this.course) ?? this.state.place, false);
    // An attempt in progress counts its time from now wherever the page opened (a reload on a lesson included).
    this.startClock();
  }

  /**
   * The attempt shown in the exam: the recorded one; in review/browse mode the unrecorded
   * one, or else the last recorded attempt if it was submitted (its results stay visible).
   */
  get attempt(): AttemptState | null {
    if (this.recording) return this.state.current;
    return this.scratch ?? (this.state.current?.submitted ? this.state.current : null);
  }

  /** Attempts still allowed (Infinity when unlimited). */
  attemptsLeft(): number {
    const allowed = this.course.exam?.attempts ?? 0;
    return allowed === 0 ? Infinity : Math.max(0, allowed - this.state.attemptsUsed);
  }

  /** Can a new attempt start now? Never after a recorded pass: the pass is final. */
  canStart(): boolean {
    const attempt = this.attempt;
    if (!this.course.exam || (attempt && !attempt.submitted)) return false;
    return !this.recording || (!this.state.passed && this.attemptsLeft() > 0);
  }

  private validPlace(place: Place): Place {
    if (place.view === 'lesson' && this.course.lessons[place.index]) return place;
    if (place.view === 'exam' && this.course.exam) return place;
    if (place.view === 'results' && this.attempt?.submitted) return place;
    if (place.view === 'results' && this.course.exam) return { view: 'exam' };
    return { view: 'welcome' };
  }

  /**
   * Show a place: render its view, update the shell, report progress, save.
   * @param target where to go
   * @param focus move focus to the new view's heading (not on first load)
   */
  go(target: Place, focus = true): void {
    const place = this.validPlace(target);
    this.cleanup?.();
    this.cleanup = undefined;
    this.onTick = null;
    this.state.place = place;
    const hash = placeHash(place, this.course);
    if (location.hash !== hash) {
      try {
        history[focus ? 'pushState' : 'replaceState'](null, '', hash);
      } catch {
        // Sandboxed frames may refuse the history API; the hash is only a convenience.
      }
    }
    if (place.view === 'lesson') this.markViewed(place.index);
    const view = this.draw(place);
    this.updateShell();
    if (this.recording) {
      const lessonsViewed = this.state.viewed.filter(Boolean).length;
      const location = place.view === 'lesson' ? `lesson:${this.course.lessons[place.index]?.id}` : place.view;
      this.adapter.progress({ lessonsViewed, lessonsTotal: this.course.lessons.length, location });
    }
    this.saveNow();
    if (this.commitPending && this.recording) void this.adapter.commit();
    this.commitPending = false;
    if (focus) {
      scrollTo(0, 0);
      focusHeading(view.heading);
    }
  }

  /** Render a place's view in place of the one shown. */
  private draw(place: Place): View {
    this.cleanup?.();
    const view = renderView(this, place);
    this.shell.view.replaceChildren(view.el);
    this.cleanup = view.cleanup;
    return view;
  }

  updateShell(): void {
    this.shell.update({ viewed: this.state.viewed, place: this.state.place, passed: this.state.passed });
  }

  private markViewed(index: number): void {
    if (this.state.viewed[index]) return;
    this.state.viewed[index] = true;
    const lesson = this.course.lessons[index];
    if (this.recording && lesson) this.adapter.lessonViewed(lesson.id, lesson.title);
    // Committed once the state is saved too, so little is left for the page's last moment.
    this.commitPending = true;
    this.checkCompletion();
  }

  /** Apply `course.completion` and report completion once. */
  private checkCompletion(): void {
    if (this.state.completed || !this.recording) return;
    const lessons = this.state.viewed.every(Boolean);
    const exam = !this.course.exam || this.state.passed;
    const rule = this.course.completion;
    const done = rule === 'lessons' ? lessons : rule === 'exam' ? exam : lessons && exam;
    if (!done) return;
    this.state.completed = true;
    this.adapter.completed(this.countingResult());
    this.commitPending = true;
    this.shell.announce(this.t('completed'));
  }

  /** Save state now (recording mode only); the time used in a running attempt is included. */
  saveNow(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.recording || this.finished) return;
    const current = this.state.current;
    if (current && !current.submitted && this.clock) current.elapsed = this.elapsed();
    this.adapter.saveState(encodeState(this.course, this.state));
  }

  private saveSoon(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
  }

  /** The exam result that counts for the course: the passed attempt, else the last one submitted. */
  countingResult(): ExamResult | null {
    const history = this.state.history;
    const entry = history.find((h) => h.passed) ?? history.at(-1);
    if (!entry) return null;
    return { attempt: entry.attempt, raw: entry.raw, max: entry.max, scaled: scaledOf(entry), passed: entry.passed, passingScore: this.passing };
  }

  /** Passing score and results for a submitted attempt, from the recorded history when there is one. */
  resultOf(attempt: AttemptState): ExamResult {
    if (attempt === this.scratch && this.scratchResult) return this.scratchResult;
    const questions = attempt.questions.map((i) => this.questions[i] as Question);
    const computed = examResult(attempt.attempt, questions, attempt.answers, this.passing);
    const recorded = this.state.history.find((entry) => entry.attempt === attempt.attempt);
    if (!recorded) return computed;
    return { ...computed, raw: recorded.raw, max: recorded.max, scaled: scaledOf(recorded), passed: recorded.passed };
  }

  /**
   * Can the player show this submitted attempt's pass as a pass? Only one this session
   * produced, or one the platform's record confirms: resume data comes back through the
   * learner's browser, where it can be edited.
   * @param attempt a submitted attempt, or an attempt's number
   */
  vouchesFor(attempt: AttemptState | number): boolean {
    if (typeof attempt !== 'number' && attempt === this.scratch) return true;
    return this.submittedHere.has(typeof attempt === 'number' ? attempt : attempt.attempt) || this.launch.recorded?.passed === true;
  }

  /** Draw a new attempt and show it. */
  startAttempt(): void {
    if (!this.canStart()) return;
    const draw = drawAttempt(this.course);
    const number = this.recording ? this.state.attemptsUsed + 1 : (this.scratch?.attempt ?? 0) + 1;
    const attempt: AttemptState = { attempt: number, ...draw, answers: draw.questions.map(() => null), elapsed: 0, submitted: false };
    if (this.recording) {
      this.state.attemptsUsed = number;
      this.state.current = attempt;
    } else {
      this.scratch = attempt;
      this.scratchResult = null;
    }
    this.shownAt = new Date();
    this.answeredAt = [];
    this.clock = null;
    this.warned.clear();
    // Committed at once: the attempt counts even if the window is closed before it is submitted.
    this.commitPending = true;
    this.go({ view: 'exam' });
  }

  /**
   * Record a response to a question of the running attempt and save it.
   * @param index position in the attempt
   * @param response the response, null when cleared
   * @param typing a keystroke in a text field: saved after a pause rather than at once
   */
  answer(index: number, response: Response | null, typing = false): void {
    const attempt = this.attempt;
    if (!attempt || attempt.submitted) return;
    attempt.answers[index] = response;
    this.answeredAt[index] = new Date();
    if (typing) this.saveSoon();
    else this.saveNow();
  }

  /** Seconds used in the running attempt. */
  private elapsed(): number {
    const clock = this.clock;
    return clock ? clock.base + (performance.now() - clock.since) / 1000 : (this.attempt?.elapsed ?? 0);
  }

  /** Seconds left, or null without a time limit. */
  remaining(): number | null {
    const limit = this.course.exam?.timeLimitMinutes;
    return limit ? Math.max(0, limit * 60 - this.elapsed()) : null;
  }

  /**
   * Start counting the running attempt's time (once the exam is on screen). It keeps
   * counting if the learner leaves the exam for a lesson; only closing the course pauses it.
   */
  startClock(): void {
    const attempt = this.attempt;
    if (!attempt || attempt.submitted || this.clock) return;
    // A monotonic clock: setting the computer's clock back must not add time to the exam.
    this.clock = { since: performance.now(), base: attempt.elapsed };
    if (!this.course.exam?.timeLimitMinutes) return;
    clearInterval(this.interval);
    this.interval = setInterval(() => this.tick(), 1000);
    // Not synchronously: a resumed attempt whose time is up submits, which must not happen mid-render.
    setTimeout(() => this.tick(), 0);
  }

  private tick(): void {
    const left = this.remaining();
    if (left === null) return;
    this.onTick?.(left);
    for (const minutes of [5, 1]) {
      if (left <= minutes * 60 && left > 0 && !this.warned.has(minutes) && (this.course.exam?.timeLimitMinutes ?? 0) > minutes) {
        this.warned.add(minutes);
        // Shown, not only announced: a learner without a screen reader must see it too.
        this.shell.notice({ level: 'warning', key: minutes === 1 ? 'exam.time-warning-1' : 'exam.time-warning-5' });
      }
    }
    if (left <= 0) this.submit(true);
  }

  /**
   * Score and record the running attempt, then show the results.
   * @param timeUp submitted by the timer rather than the learner
   */
  submit(timeUp = false): void {
    const attempt = this.attempt;
    if (!attempt || attempt.submitted) return;
    clearInterval(this.interval);
    attempt.elapsed = this.elapsed();
    this.clock = null;
    attempt.submitted = true;
    const questions = attempt.questions.map((i) => this.questions[i] as Question);
    const result = examResult(attempt.attempt, questions, attempt.answers, this.passing);
    if (this.recording) {
      questions.forEach((question, i) => {
        const response = attempt.answers[i];
        if (!response) return;
        // An answer given before this page loaded (a resumed attempt) has no time: none is reported rather than a false one.
        this.adapter.answered({ question, response, ...scoreResponse(question, response), attempt: attempt.attempt, shownAt: this.shownAt, answeredAt: this.answeredAt[i] ?? null });
      });
      this.adapter.examFinished(result);
      this.submittedHere.add(result.attempt);
      this.state.history.push({ attempt: result.attempt, raw: result.raw, max: result.max, passed: result.passed });
      if (result.passed) this.state.passed = true;
      this.checkCompletion();
      this.commitPending = true;
    } else {
      this.scratchResult = result;
    }
    this.timedOut = timeUp ? attempt : null;
    if (!this.recording) return this.go({ view: 'results' });
    // The results appear once the answers have reached the LMS or LRS (or after a bound, when
    // it is slow or away): a learner who closes the tab on seeing the score loses none of them,
    // where a closing tab could only send what fits in its last keepalive request.
    this.saveNow();
    this.commitPending = false;
    void Promise.race([this.adapter.commit(), new Promise((resolve) => setTimeout(resolve, RESULTS_WAIT_MS))]).then(() => {
      // Unless the learner has gone elsewhere (or left) meanwhile.
      if (this.state.place.view === 'exam' && !this.finished) this.go({ view: 'results' });
    });
  }

  /**
   * Report a checked practice answer (attempt 0; never part of any score).
   * @param record the answer
   */
  reportPractice(record: AnswerRecord): void {
    if (this.recording) this.adapter.answered(record);
  }

  /** Save and finish the session (pagehide). Safe to call twice. */
  end(): void {
    if (this.finished) return;
    this.saveNow();
    this.finished = true;
    clearInterval(this.interval);
    void this.adapter.finish();
  }

  /** The Exit button: end the session and say so. */
  exit(): void {
    this.cleanup?.();
    this.end();
    this.shell.ended();
    const heading = h('h1', null, this.t('exit.title'));
    this.shell.view.replaceChildren(
      h(
        'section',
        { class: 'sp-card sp-ended' },
        heading,
        h('p', null, this.t('exit.text')),
        this.launch.connected ? null : h('button', { type: 'button', class: 'sp-btn', onclick: () => location.reload() }, this.t('exit.reopen')),
      ),
    );
    focusHeading(heading);
  }
}
