/**
 * The outbox: every statement and state document the player produces is
 * stored in the browser first, then sent in order. Slow, failing or
 * unreachable LRSs only delay delivery: the queue survives closing the page,
 * retries with backoff, and never resends a statement under a new id (ids are
 * fixed when the statement is made, so a retry is idempotent).
 */

export type Outgoing =
  | { kind: 'statements'; statements: Array<Record<string, unknown> & { id: string }> }
  | { kind: 'state'; stateId: string; document: string };

/** What a send attempt learned about the LRS. */
export type SendOutcome = 'sent' | 'retry' | 'unauthorized' | 'rejected';

export interface QueueEvents {
  /** The LRS could not be reached or failed: items are waiting. */
  onBacklog(waiting: number): void;
  /** Credentials refused (401/403): items are kept, the learner is told. */
  onUnauthorized(): void;
  /** The LRS refused an item as invalid (400): it is kept aside, not dropped. */
  onRejected(detail: string): void;
  /** Everything was delivered. */
  onDrained(): void;
}

export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 60_000;

export class Outbox {
  private items: Outgoing[];
  private rejected: Outgoing[];
  private sending = false;
  private delay = MIN_DELAY_MS;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly key: string,
    private readonly send: (item: Outgoing, keepalive: boolean) => Promise<{ outcome: SendOutcome; detail?: string }>,
    private readonly events: QueueEvents,
    private readonly storage: QueueStorage | null = safeLocalStorage(),
  ) {
    this.items = this.load(key) ?? [];
    this.rejected = this.load(`${key}:rejected`) ?? [];
  }

  /** Items not yet delivered (including those left by an earlier page). */
  get waiting(): number {
    return this.items.length;
  }

  /** Add an item and try to deliver. State documents replace any older unsent copy of the same document. */
  push(item: Outgoing): void {
    if (item.kind === 'state') {
      // Replace an older unsent copy, but never the one being sent right now.
      const inFlight = this.sending ? this.items[0] : undefined;
      this.items = this.items.filter((i) => i === inFlight || !(i.kind === 'state' && i.stateId === item.stateId));
    }
    this.items.push(item);
    this.persist();
    void this.flush();
  }

  /** Try to deliver everything now; resolves when the queue is empty or delivery has stalled. */
  async flush(keepalive = false): Promise<void> {
    if (this.sending) return new Promise((resolve) => this.waiters.push(resolve));
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.sending = true;
    try {
      while (this.items.length > 0) {
        const item = this.items[0]!;
        let result: { outcome: SendOutcome; detail?: string };
        try {
          result = await this.send(item, keepalive);
        } catch (error) {
          result = { outcome: 'retry', detail: String(error) };
        }
        if (result.outcome === 'sent') {
          this.remove(item);
          this.persist();
          this.delay = MIN_DELAY_MS;
          continue;
        }
        if (result.outcome === 'rejected') {
          this.remove(item);
          this.rejected.push(item);
          this.persist();
          this.events.onRejected(result.detail ?? '');
          continue;
        }
        if (result.outcome === 'unauthorized') this.events.onUnauthorized();
        else this.events.onBacklog(this.items.length);
        this.schedule(result.outcome === 'unauthorized' ? MAX_DELAY_MS : this.delay);
        this.delay = Math.min(MAX_DELAY_MS, this.delay * 2);
        return;
      }
      this.events.onDrained();
    } finally {
      this.sending = false;
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Drop a delivered item by identity (the list may have been rewritten while it was in flight). */
  private remove(item: Outgoing): void {
    const index = this.items.indexOf(item);
    if (index >= 0) this.items.splice(index, 1);
  }

  /** Retry at once (e.g. when the browser comes back online). */
  retryNow(): void {
    this.delay = MIN_DELAY_MS;
    void this.flush();
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private load(key: string): Outgoing[] | null {
    try {
      const text = this.storage?.getItem(key);
      const value: unknown = text ? JSON.parse(text) : null;
      return Array.isArray(value) ? (value as Outgoing[]) : null;
    } catch {
      return null;
    }
  }

  private persist(): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.items));
      this.storage?.setItem(`${this.key}:rejected`, JSON.stringify(this.rejected));
    } catch {
      // storage full or disabled: the in-memory queue still delivers while the page is open
    }
  }
}

function safeLocalStorage(): QueueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
