/**
 * The adapter for the plain web package: no platform, progress kept in this
 * browser's localStorage under one key per course id and version (a new version
 * starts clean rather than misreading old state).
 */
import type { Course } from '../../course/model.js';
import type { AnswerRecord, ExamResult, LaunchInfo, LmsAdapter, Notice, ProgressInfo } from './adapter.js';

/** The localStorage key for a course's state. */
export function storageKey(course: Pick<Course, 'id' | 'version'>): string {
  return `skillpack:${course.id}@${course.version}`;
}

export class StandaloneAdapter implements LmsAdapter {
  readonly name = 'standalone';
  private key: string | null = null;
  private listeners: Array<(notice: Notice) => void> = [];
  /** Notices raised before anyone listens (start-up trouble) are kept for the first listener. */
  private pending: Notice[] = [];
  private warned = false;

  /** @param storage where to keep state; the page's localStorage by default (tests pass their own) */
  constructor(private readonly storage: () => Storage | null = () => globalThis.localStorage ?? null) {}

  private notify(notice: Notice): void {
    if (this.listeners.length === 0) this.pending.push(notice);
    for (const listener of this.listeners) listener(notice);
  }

  /** Storage can be missing or throw (privacy modes, some file:// setups): warn once, carry on. */
  private unavailable(error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    console.warn('[skillpack] local storage unavailable', error);
    this.notify({ level: 'warning', key: 'storage.unavailable' });
  }

  async start(course: Course): Promise<LaunchInfo> {
    this.key = storageKey(course);
    let savedState: string | null = null;
    try {
      // No storage at all throws here too (on null), as storage that refuses does.
      savedState = this.storage()!.getItem(this.key);
    } catch (error) {
      this.unavailable(error);
    }
    return { learnerName: null, savedState, masteryScore: null, mode: 'normal', platform: this.warned ? '' : 'this browser', connected: false };
  }

  saveState(state: string): void {
    if (!this.key) return;
    try {
      this.storage()!.setItem(this.key, state);
    } catch (error) {
      this.unavailable(error);
    }
  }

  // Nothing else goes anywhere: without a platform there is no one to report to.
  progress(_info: ProgressInfo): void {}
  lessonViewed(_lessonId: string, _title: string): void {}
  answered(_record: AnswerRecord): void {}
  examFinished(_result: ExamResult): void {}
  completed(): void {}
  async commit(): Promise<void> {}
  async finish(): Promise<void> {}

  onNotice(listener: (notice: Notice) => void): void {
    this.listeners.push(listener);
    const pending = this.pending;
    this.pending = [];
    for (const notice of pending) listener(notice);
  }
}
