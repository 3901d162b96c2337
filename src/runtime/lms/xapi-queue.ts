/**
 * The outbox: every statement and state document the player produces is
 * stored in the browser first, then delivered in order, in batches. It can
 * neither lose nor jam:
 *
 * - items carry the session that made them and are only ever sent with that
 *   session's credentials; items of an ended session that can no longer be
 *   delivered are set aside (kept, and the learner told), never retried forever;
 * - a refused batch is split until the refused statement is found; that one is
 *   set aside and the rest delivered;
 * - failures back off exponentially with jitter (and honour Retry-After), one
 *   request at a time, so an LRS that is down sees no storm;
 * - every request is small enough to be a `keepalive` request, so a closing
 *   tab does not cancel it; the end of a session goes out in one more small
 *   keepalive request that starts at once, without waiting for the one in
 *   flight (which completes on its own, so the final batch leaves its items
 *   out: a cmi5 LMS refuses a second passed or completed even with the same
 *   id). Statement ids are fixed when a statement is made, so a retry of a
 *   statement that did arrive is recognised (409, or found stored) rather
 *   than set aside;
 * - two pages of one registration (two tabs) share the stored copy: each page
 *   writes back what the others stored alongside its own items, leaving out
 *   only what it delivered itself, so a tab that closes with items still
 *   waiting leaves them for the next page.
 */
import type { Reply } from './lrs-client.js';
import { ADL_VERB } from './xapi-statements.js';

export type Statement = Record<string, unknown> & { id: string };

export interface OutboxItem {
  /** The session that made it (its credentials deliver it). */
  session: string;
  statement?: Statement;
  state?: { id: string; document: string };
  /** Part of the session's outcome (passed/failed/completed/terminated): always in the final batch. */
  essential?: boolean;
}

export interface SetAside {
  item: OutboxItem;
  reason: string;
}

/** How items reach the LRS: the adapter binds a session to its credentials. */
export interface Delivery {
  /** Can items of `session` still be delivered (its credentials are known)? */
  canDeliver(session: string): boolean;
  statements(session: string, statements: Statement[], keepalive: boolean): Promise<Reply>;
  state(session: string, stateId: string, document: string, keepalive: boolean): Promise<Reply>;
  /** Is this statement already stored? (Checked before setting aside an ended session's statement.) */
  isStored?(id: string): Promise<boolean>;
}

export interface OutboxEvents {
  /** Delivery failed for now: items are waiting (the first sign of an outage). */
  onBacklog(waiting: number): void;
  /** Credentials refused (or a sign-in page in the way): items are kept. */
  onUnauthorized(detail: string): void;
  /** Items were set aside (refused, too large, or their session ended). */
  onSetAside(count: number, detail: string): void;
  /** Everything waiting was delivered after an outage. */
  onRecovered(): void;
}

export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Timers and randomness, injectable so tests control time. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

export interface OutboxOptions {
  /** The session of this page: its items are sent with the current credentials. */
  session: string;
  /** Ended sessions' items are set aside when refused access (cmi5: a new launch ends the old session). */
  endedSessionsExpire?: boolean;
  storage?: QueueStorage | null;
  scheduler?: Scheduler;
}

export const BASE_DELAY_MS = 1000;
export const MAX_DELAY_MS = 60_000;
/** Longest Retry-After honoured (a server asking for more is asked again then). */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;
export const MAX_BATCH = 50;
/**
 * fetch allows 64 KB of keepalive bodies in flight per page. One ordinary batch
 * (24 KB), the final batch (32 KB) and the final state document (8 KB) share it.
 */
export const BATCH_BYTES = 24 * 1024;
export const FINAL_STATEMENTS_BYTES = 32 * 1024;
export const FINAL_STATE_BYTES = 8 * 1024;

/**
 * Delay before retry number `failures` (1-based): exponential, capped, with
 * "equal jitter" (between half and all of the step), so many learners cut off
 * together do not come back together.
 */
export function backoffDelay(failures: number, random: () => number, retryAfter?: number): number {
  const step = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, failures - 1));
  const jittered = step / 2 + random() * (step / 2);
  return retryAfter === undefined ? jittered : Math.max(Math.min(retryAfter, MAX_RETRY_AFTER_MS), jittered);
}

const encoder = new TextEncoder();
/** Bytes on the wire (the keepalive quota counts bytes: a Chinese character is three). */
const size = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

const browserScheduler: Scheduler = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
};

export class Outbox {
  private items: OutboxItem[];
  private setAside: SetAside[];
  /** Items in a request right now (not persisted: after a reload nothing is in flight). */
  private readonly busy = new Set<OutboxItem>();
  /**
   * Items whose request failed without an answer: the LRS may have them (a keepalive
   * request aborted on the page's side, as a navigation does, still reaches it).
   */
  private readonly uncertain = new Set<OutboxItem>();
  /** Items this page delivered, set aside or replaced (by key): what it removes from the stored copy other pages share. */
  private readonly finished = new Set<string>();
  /** The page is being left: a request the browser aborts on the page's side is still on its way. */
  private departing = false;
  private readonly held = new Set<OutboxItem>();
  private running: Promise<void> | null = null;
  private timer: unknown = null;
  private failures = 0;
  /** Largest batch to try next: halved while a refused batch is being narrowed down. */
  private limit = MAX_BATCH;
  private outage = false;
  private readonly session: string;
  private readonly storage: QueueStorage | null;
  private readonly scheduler: Scheduler;

  constructor(
    private readonly key: string,
    private readonly delivery: Delivery,
    private readonly events: OutboxEvents,
    private readonly options: OutboxOptions,
  ) {
    this.session = options.session;
    this.storage = options.storage === undefined ? safeLocalStorage() : options.storage;
    this.scheduler = options.scheduler ?? browserScheduler;
    this.items = this.load(key);
    this.setAside = this.load(`${key}:set-aside`);
  }

  /** Items not yet delivered (including those left by an earlier page). */
  get waiting(): number {
    return this.items.length;
  }

  /** Items set aside, kept for the administrator. */
  get aside(): readonly SetAside[] {
    return this.setAside;
  }

  /** Add an item; it is sent with the next batch. A state document replaces any older unsent copy. */
  push(item: Omit<OutboxItem, 'session'>): void {
    const entry: OutboxItem = { session: this.session, ...item };
    if (entry.state) {
      const stateId = entry.state.id;
      this.items = this.items.filter((i) => {
        const replaced = !this.busy.has(i) && i.state?.id === stateId;
        if (replaced) this.finished.add(itemKey(i));
        return !replaced;
      });
    }
    this.items.push(entry);
    this.persist();
    // Waiting out a backoff: the new item goes with the next try, not a request of its own.
    if (this.timer === null && !this.running) this.later(0);
  }

  /** Deliver what can be delivered now; resolves when the queue is empty or delivery has stalled. */
  flush(): Promise<void> {
    if (this.running) return this.running;
    if (this.timer !== null) {
      this.scheduler.clearTimeout(this.timer);
      this.timer = null;
    }
    this.running = this.run().finally(() => (this.running = null));
    return this.running;
  }

  /**
   * The page is about to be left (beforeunload). If it is still here a little later
   * (the navigation was cancelled), what was held back is sent again as usual.
   */
  leaving(graceMs = 5000): void {
    this.departing = true;
    this.scheduler.setTimeout(() => {
      this.departing = false;
      for (const item of this.held) this.busy.delete(item);
      this.held.clear();
      if (this.items.length && this.timer === null && !this.running) this.later(0);
    }, graceMs);
  }

  /** Resolves when no delivery pass is running (a scheduled retry may follow). */
  whenIdle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Try again at once (the browser is back online). */
  retryNow(): void {
    this.failures = 0;
    void this.flush();
  }

  private later(ms: number): void {
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private async run(): Promise<void> {
    for (;;) {
      const batch = this.nextBatch();
      if (!batch) break;
      const head = batch[0]!;
      if (!this.delivery.canDeliver(head.session)) {
        // A message key: the learner is told in the interface's words (i18n.ts).
        await this.expire(batch, 'lrs.expired');
        continue;
      }
      for (const item of batch) this.busy.add(item);
      // Small enough to outlive the page (a single oversized statement goes as an ordinary request).
      const keepalive = size(batch.map((i) => i.statement ?? i.state)) <= BATCH_BYTES;
      let reply: Reply;
      try {
        reply = head.state
          ? await this.delivery.state(head.session, head.state.id, head.state.document, keepalive)
          : await this.delivery.statements(head.session, batch.map((i) => i.statement!), keepalive);
      } catch (error) {
        reply = { outcome: 'retry', status: 0, detail: String(error) };
      }
      if (reply.status === 0 && keepalive && this.departing) {
        // Leaving the page aborts the request here, not in the browser: it still arrives. Keep its items out of the final batch.
        for (const item of batch) this.held.add(item);
        return;
      }
      for (const item of batch) this.busy.delete(item);
      if (reply.status === 0 && reply.outcome === 'retry' && head.statement) for (const item of batch) this.uncertain.add(item);
      if (!(await this.settle(batch, reply))) return;
    }
    if (this.outage && this.items.length === 0) {
      this.outage = false;
      this.events.onRecovered();
    }
  }

  /** The next batch: the head item, and the statements of the same session after it. Null when nothing can go now. */
  private nextBatch(): OutboxItem[] | null {
    const head = this.items[0];
    if (!head || this.busy.has(head)) return null;
    if (head.state) return [head];
    const batch = [head];
    let bytes = size(head.statement);
    for (const item of this.items.slice(1)) {
      if (batch.length >= this.limit || !item.statement || item.session !== head.session || this.busy.has(item)) break;
      bytes += size(item.statement) + 1;
      if (bytes > BATCH_BYTES) break;
      batch.push(item);
    }
    return batch;
  }

  /** Act on a reply; false when delivery stalls (a retry is scheduled). */
  private async settle(batch: OutboxItem[], reply: Reply): Promise<boolean> {
    const ended = batch[0]!.session !== this.session;
    if (ended && this.options.endedSessionsExpire && ['refused', 'too-large', 'forbidden', 'unauthorized'].includes(reply.outcome)) {
      // The LMS closed that session (a new launch, or it terminated): its items can never go now.
      await this.expire(batch, reply.detail);
      return true;
    }
    switch (reply.outcome) {
      case 'sent':
        this.remove(batch);
        this.failures = 0;
        return true;
      case 'conflict':
        // One statement is already there: alone, that is a retry of one that arrived (found: batches are whole again).
        if (batch.length === 1) {
          this.remove(batch);
          this.limit = MAX_BATCH;
          return true;
        }
        this.limit = Math.max(1, Math.floor(batch.length / 2));
        return true;
      case 'refused':
      case 'too-large':
      case 'forbidden': {
        if (batch.length > 1) {
          this.limit = Math.max(1, Math.floor(batch.length / 2));
          return true;
        }
        // A statement the LMS refuses as a repeat may simply have arrived already (a request the page did not see answered).
        const stored = batch[0]!.statement ? await this.stored(batch[0]!.statement.id) : false;
        // A bare 403 is "not this statement" or "not you": a read that works says the credentials do.
        if (stored === null && reply.outcome === 'forbidden') return this.refusedAccess(reply);
        if (stored) this.remove(batch);
        else this.aside1(batch, reply.detail);
        this.limit = MAX_BATCH;
        return true;
      }
      case 'unauthorized':
        return this.refusedAccess(reply);
      default:
        this.stall(reply);
        return false;
    }
  }

  private refusedAccess(reply: Reply): false {
    this.events.onUnauthorized(reply.detail);
    this.stall(reply);
    return false;
  }

  private stall(reply: Reply): void {
    this.failures++;
    if (!this.outage) {
      this.outage = true;
      if (reply.outcome === 'retry') this.events.onBacklog(this.items.length);
    }
    this.later(backoffDelay(this.failures, () => this.scheduler.random(), reply.retryAfterMs));
  }

  /** Whether the LRS holds this statement; null when it could not be asked. */
  private async stored(id: string): Promise<boolean | null> {
    try {
      return (await this.delivery.isStored?.(id)) ?? false;
    } catch {
      return null;
    }
  }

  /** Items of an ended session that cannot be delivered: drop those already stored, set the rest aside. */
  private async expire(batch: OutboxItem[], reason: string): Promise<void> {
    const kept: OutboxItem[] = [];
    for (const item of batch) {
      // An ended session's resume state is superseded by this session's, and a `terminated` that
      // never left changes nothing the LMS keeps (it has recorded that session as abandoned).
      if (item.statement && !endsSession(item) && !(await this.stored(item.statement.id))) kept.push(item);
    }
    this.remove(batch);
    if (kept.length) this.aside1(kept, reason, false);
  }

  private aside1(items: OutboxItem[], reason: string, remove = true): void {
    if (remove) this.remove(items);
    else for (const item of items) this.finished.add(itemKey(item));
    for (const item of items) this.setAside.push({ item, reason });
    this.persist();
    this.events.onSetAside(items.length, reason);
  }

  private remove(batch: OutboxItem[]): void {
    const gone = new Set(batch);
    for (const item of batch) {
      this.uncertain.delete(item);
      this.finished.add(itemKey(item));
    }
    this.items = this.items.filter((i) => !gone.has(i));
    this.persist();
  }

  /**
   * The session is ending (the learner left, or the page is closing): send this
   * session's waiting statements and its resume state now, with `keepalive`,
   * without waiting for the request in flight (itself a keepalive request that
   * completes on its own, so its items are not sent twice). The requests start
   * before this returns (a closing page gives no second chance); the promise
   * says how they went.
   */
  finalFlush(): Promise<void> {
    if (this.timer !== null) {
      this.scheduler.clearTimeout(this.timer);
      this.timer = null;
    }
    const mine = this.items.filter((i) => i.session === this.session && !this.busy.has(i));
    // A verdict the LRS may already hold goes in a request of its own: refused as a repeat, it takes nothing else down.
    const doubtful = mine.filter((i) => i.statement && i.essential && this.uncertain.has(i));
    // `terminated` never overtakes a statement still on its way (in flight, or in the request beside
    // it): a strict cmi5 LMS refuses whatever arrives after it (9.3.0.0-5). Held back, it leaves the
    // session abandoned instead, and the answers count.
    const overtakes = doubtful.length > 0 || this.items.some((i) => i.session === this.session && i.statement && this.busy.has(i));
    const sendable = mine.filter((i) => i.statement && !doubtful.includes(i) && !(overtakes && endsSession(i)));
    const statements = chooseFinal(sendable, FINAL_STATEMENTS_BYTES - size(doubtful.map((i) => i.statement)));
    const state = mine.filter((i) => i.state).at(-1);
    const requests: Array<Promise<void>> = [];
    // The resume state is started first: ADL's cmi5 player refuses anything a session sends after its
    // `terminated`. (Started, not delivered, first: the two keepalive requests travel side by side.)
    if (state && size(state.state) <= FINAL_STATE_BYTES) {
      this.busy.add(state);
      requests.push(this.finalRequest([state], () => this.delivery.state(this.session, state.state!.id, state.state!.document, true)));
    }
    if (doubtful.length) {
      for (const item of doubtful) this.busy.add(item);
      requests.push(this.finalRequest(doubtful, () => this.delivery.statements(this.session, doubtful.map((i) => i.statement!), true)));
    }
    if (statements.length) {
      for (const item of statements) this.busy.add(item);
      requests.push(this.finalRequest(statements, () => this.delivery.statements(this.session, statements.map((i) => i.statement!), true)));
    }
    return Promise.all(requests).then(() => {
      // Whatever did not go (the page stayed open) is delivered as usual.
      if (this.items.length && this.timer === null && !this.running) this.later(0);
    });
  }

  private finalRequest(batch: OutboxItem[], send: () => Promise<Reply>): Promise<void> {
    let pending: Promise<Reply>;
    try {
      pending = send();
    } catch (error) {
      pending = Promise.resolve({ outcome: 'retry', status: 0, detail: String(error) });
    }
    return pending
      .catch((error: unknown): Reply => ({ outcome: 'retry', status: 0, detail: String(error) }))
      .then((reply) => {
        for (const item of batch) this.busy.delete(item);
        if (reply.outcome === 'sent' || (reply.outcome === 'conflict' && batch.length === 1)) this.remove(batch);
        else if (reply.outcome === 'retry' || reply.outcome === 'unauthorized') {
          this.failures++;
          if (!this.outage) {
            this.outage = true;
            this.events.onBacklog(this.items.length);
          }
        }
        // refused / too large / conflict in a batch: the normal loop narrows it down.
      });
  }

  private load(key: string): never[] {
    try {
      const text = this.storage?.getItem(key);
      const value: unknown = text ? JSON.parse(text) : null;
      return (Array.isArray(value) ? value : []) as never[];
    } catch {
      return [];
    }
  }

  /**
   * Write this page's items back, with what other pages (another tab of the registration)
   * stored alongside them since, less what this page finished with.
   */
  private persist(): void {
    try {
      const mine = new Set(this.items.map(itemKey));
      const others = (this.load(this.key) as unknown[]).filter(isItem).filter((i) => !mine.has(itemKey(i)) && !this.finished.has(itemKey(i)));
      this.storage?.setItem(this.key, JSON.stringify([...others, ...this.items]));
      const asideKey = `${this.key}:set-aside`;
      const kept = new Set(this.setAside.map((a) => itemKey(a.item)));
      const othersAside = (this.load(asideKey) as Array<Partial<SetAside> | null>).filter((a): a is SetAside => isItem(a?.item) && !kept.has(itemKey(a.item)));
      this.storage?.setItem(asideKey, JSON.stringify([...othersAside, ...this.setAside]));
    } catch {
      // storage full or disabled: the in-memory queue still delivers while the page is open
    }
  }
}

const TERMINATED = `${ADL_VERB}terminated`;

/** Is a stored value an item (another page's copy may be damaged: what is not an item is dropped)? */
function isItem(value: unknown): value is OutboxItem {
  const item = value as Partial<OutboxItem> | null;
  return typeof item === 'object' && item !== null && typeof item.session === 'string' && (typeof item.statement?.id === 'string' || typeof item.state?.id === 'string');
}

/** An item's identity across pages: its statement's id, or its state document's session, id and text. */
function itemKey(item: OutboxItem): string {
  return item.statement ? `s ${item.statement.id}` : `d ${item.session} ${item.state?.id} ${item.state?.document}`;
}

/** Is this the statement that ends its session? */
function endsSession(item: OutboxItem): boolean {
  return (item.statement?.verb as { id?: unknown } | undefined)?.id === TERMINATED;
}

/**
 * The statements of the final keepalive batch: all of them when they fit, else
 * the session's outcome (essential items) and as many of the others, oldest
 * first, as the budget allows; in their original order.
 */
export function chooseFinal(items: OutboxItem[], budget = FINAL_STATEMENTS_BYTES): OutboxItem[] {
  let bytes = items.reduce((n, i) => n + size(i.statement) + 1, 2);
  if (bytes <= budget) return items;
  const chosen = new Set(items.filter((i) => i.essential));
  bytes = [...chosen].reduce((n, i) => n + size(i.statement) + 1, 2);
  for (const item of items) {
    if (chosen.has(item)) continue;
    const more = size(item.statement) + 1;
    if (bytes + more > budget) break;
    chosen.add(item);
    bytes += more;
  }
  return items.filter((i) => chosen.has(i));
}

function safeLocalStorage(): QueueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
