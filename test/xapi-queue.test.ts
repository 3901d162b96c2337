/**
 * The outbox on its own, with an injected clock and randomness: batching,
 * order, splitting a refused batch, exponential backoff with jitter bounds,
 * Retry-After, no requests while backing off, session scoping (items of an
 * ended session are never sent as another session's), the final keepalive
 * batch that does not wait for a request in flight, the recovery notice only
 * after an outage, and the reading of LRS replies.
 */
import { describe, expect, it, vi } from 'vitest';
import { launchParameters, readReply, retryAfterMs, type Outcome, type Reply } from '../src/runtime/lms/lrs-client.js';
import { normaliseActor } from '../src/runtime/lms/xapi.js';
import {
  backoffDelay,
  BASE_DELAY_MS,
  chooseFinal,
  FINAL_STATEMENTS_BYTES,
  MAX_DELAY_MS,
  Outbox,
  type Delivery,
  type OutboxItem,
  type QueueStorage,
  type Scheduler,
  type Statement,
} from '../src/runtime/lms/xapi-queue.js';

class MemoryStorage implements QueueStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

/** Timers that run only when the test says so; every delay asked for is recorded. */
class FakeScheduler implements Scheduler {
  delays: number[] = [];
  private timers = new Map<number, () => void>();
  private next = 1;
  constructor(public random: () => number = () => 0.5) {}
  setTimeout(fn: () => void, ms: number): unknown {
    this.delays.push(ms);
    const id = this.next++;
    this.timers.set(id, fn);
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  /** Run every timer due now (all of them: the test decides when time has passed). */
  fire(): void {
    const due = [...this.timers.values()];
    this.timers.clear();
    for (const fn of due) fn();
  }
}

const reply = (outcome: Outcome, extra: Partial<Reply> = {}): Reply => ({ outcome, status: outcome === 'sent' ? 200 : 500, detail: outcome, ...extra });
const st = (id: string, extra: Record<string, unknown> = {}): Statement => ({ id, ...extra });
const events = () => ({ onBacklog: vi.fn(), onUnauthorized: vi.fn(), onSetAside: vi.fn(), onRecovered: vi.fn() });

/** A delivery that records each request and answers with `answer`. */
function recorder(answer: (ids: string[], keepalive: boolean, session: string) => Reply | Promise<Reply> = () => reply('sent'), canDeliver: (s: string) => boolean = () => true) {
  const requests: Array<{ session: string; ids: string[]; keepalive: boolean; state?: string }> = [];
  const delivery: Delivery = {
    canDeliver,
    statements: async (session, statements, keepalive) => {
      const ids = statements.map((s) => s.id);
      requests.push({ session, ids, keepalive });
      return answer(ids, keepalive, session);
    },
    state: async (session, _id, document, keepalive) => {
      requests.push({ session, ids: [], keepalive, state: document });
      return reply('sent');
    },
  };
  return { delivery, requests };
}

async function settle(box: Outbox, clock: FakeScheduler, rounds = 20): Promise<void> {
  for (let i = 0; i < rounds && clock.pending > 0; i++) {
    clock.fire();
    await box.whenIdle();
  }
}

describe('outbox', () => {
  it('sends the statements made in one task as one batch, in order', async () => {
    const clock = new FakeScheduler();
    const { delivery, requests } = recorder();
    const box = new Outbox('k', delivery, events(), { session: 's1', storage: new MemoryStorage(), scheduler: clock });
    for (const id of ['a', 'b', 'c', 'd']) box.push({ statement: st(id) });
    expect(requests).toHaveLength(0); // not one request per statement
    await settle(box, clock);
    expect(requests).toEqual([{ session: 's1', ids: ['a', 'b', 'c', 'd'], keepalive: true }]);
    expect(box.waiting).toBe(0);
  });

  it('splits a refused batch until the refused statement is found, sets it aside and delivers the rest once each', async () => {
    const clock = new FakeScheduler();
    const ev = events();
    const storage = new MemoryStorage();
    const delivered: string[] = [];
    const { delivery, requests } = recorder((ids) => {
      if (ids.includes('c')) return reply('refused', { status: 403, detail: '403 9.3.0.0-2 - Verbs MUST NOT be duplicated' });
      delivered.push(...ids);
      return reply('sent');
    });
    const box = new Outbox('k', delivery, ev, { session: 's1', storage, scheduler: clock });
    for (const id of ['a', 'b', 'c', 'd', 'e']) box.push({ statement: st(id) });
    await settle(box, clock);
    expect(delivered).toEqual(['a', 'b', 'd', 'e']);
    expect(requests.map((r) => r.ids)).toEqual([['a', 'b', 'c', 'd', 'e'], ['a', 'b'], ['c', 'd'], ['c'], ['d', 'e']]);
    expect(box.aside.map((a) => a.item.statement!.id)).toEqual(['c']);
    expect(JSON.parse(storage.getItem('k:set-aside')!)).toHaveLength(1);
    expect(ev.onSetAside).toHaveBeenCalledWith(1, expect.stringContaining('9.3.0.0-2'));
    expect(box.waiting).toBe(0);
  });

  it('splits a batch the LRS finds too large, and sets aside a single statement that is (never "sent")', async () => {
    const clock = new FakeScheduler();
    const ev = events();
    const { delivery } = recorder((ids) => (ids.length > 1 || ids[0] === 'huge' ? reply('too-large', { status: 413 }) : reply('sent')));
    const box = new Outbox('k', delivery, ev, { session: 's1', storage: new MemoryStorage(), scheduler: clock });
    for (const id of ['a', 'huge', 'b']) box.push({ statement: st(id) });
    await settle(box, clock);
    expect(box.aside.map((a) => a.item.statement!.id)).toEqual(['huge']);
    expect(ev.onSetAside).toHaveBeenCalledTimes(1);
    expect(box.waiting).toBe(0);
  });

  it('takes 409 for a single statement as already stored, and narrows a batch with a 409 down', async () => {
    const clock = new FakeScheduler();
    const { delivery, requests } = recorder((ids) => (ids.includes('dup') ? reply('conflict', { status: 409 }) : reply('sent')));
    const box = new Outbox('k', delivery, events(), { session: 's1', storage: new MemoryStorage(), scheduler: clock });
    for (const id of ['dup', 'x']) box.push({ statement: st(id) });
    await settle(box, clock);
    expect(requests.map((r) => r.ids)).toEqual([['dup', 'x'], ['dup'], ['x']]);
    expect(box.waiting).toBe(0);
    expect(box.aside).toHaveLength(0);
    // Once the repeat is found, batches are whole again (not one statement per request for the rest of the page).
    for (const id of ['y', 'z', 'w']) box.push({ statement: st(id) });
    await settle(box, clock);
    expect(requests.slice(3).map((r) => r.ids)).toEqual([['y', 'z', 'w']]);
  });

  it('backs off exponentially with jitter between half and all of each step, capped', () => {
    for (let failures = 1; failures <= 12; failures++) {
      const step = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - 1));
      expect(backoffDelay(failures, () => 0)).toBe(step / 2);
      expect(backoffDelay(failures, () => 0.999999)).toBeCloseTo(step, -1);
      const any = backoffDelay(failures, Math.random);
      expect(any).toBeGreaterThanOrEqual(step / 2);
      expect(any).toBeLessThanOrEqual(step);
    }
    expect(backoffDelay(30, () => 1)).toBe(MAX_DELAY_MS);
  });

  it('waits out each backoff with one request per try, whatever the learner does meanwhile', async () => {
    const clock = new FakeScheduler(() => 0);
    const ev = events();
    let down = 4;
    const { delivery, requests } = recorder(() => (down-- > 0 ? reply('retry') : reply('sent')));
    const box = new Outbox('k', delivery, ev, { session: 's1', storage: new MemoryStorage(), scheduler: clock });
    box.push({ statement: st('a') });
    clock.fire();
    await box.whenIdle();
    expect(requests).toHaveLength(1);
    expect(ev.onBacklog).toHaveBeenCalledTimes(1);
    // The learner keeps answering while the LRS is down: no request of their own.
    for (const id of ['b', 'c', 'd']) box.push({ statement: st(id) });
    expect(requests).toHaveLength(1);
    await settle(box, clock);
    // Delays: the first push (0), then half of 1 s, 2 s, 4 s, 8 s (random = 0).
    expect(clock.delays).toEqual([0, 500, 1000, 2000, 4000]);
    expect(requests).toHaveLength(5);
    expect(requests.at(-1)!.ids).toEqual(['a', 'b', 'c', 'd']);
    expect(ev.onBacklog).toHaveBeenCalledTimes(1);
    expect(ev.onRecovered).toHaveBeenCalledTimes(1);
  });

  it('honours Retry-After on 429 and 503', async () => {
    const clock = new FakeScheduler(() => 0);
    let first = true;
    const { delivery } = recorder(() => (first ? ((first = false), reply('retry', { status: 429, retryAfterMs: 30_000 })) : reply('sent')));
    const box = new Outbox('k', delivery, events(), { session: 's1', storage: new MemoryStorage(), scheduler: clock });
    box.push({ statement: st('a') });
    await settle(box, clock);
    expect(clock.delays).toEqual([0, 30_000]);
    expect(backoffDelay(1, () => 0, 2_000)).toBe(2_000);
    expect(backoffDelay(6, () => 0, 2_000)).toBe(32_000 / 2); // never sooner than the backoff either
    expect(backoffDelay(1, () => 0, 24 * 3600_000)).toBe(10 * 60_000); // capped: asked again then
  });

  it('says the queued results were sent only after an outage, not after every delivery', async () => {
    const clock = new FakeScheduler();
    const ev = events();
    const { delivery } = recorder();
    const box = new Outbox('k', delivery, ev, { session: 's1', storage: new MemoryStorage(), scheduler: clock });
    box.push({ statement: st('a') });
    await settle(box, clock);
    box.push({ statement: st('b') });
    await settle(box, clock);
    expect(ev.onRecovered).not.toHaveBeenCalled();
    expect(ev.onBacklog).not.toHaveBeenCalled();
  });

  it('keeps everything when access is refused, tells the learner, and delivers once access returns', async () => {
    const clock = new FakeScheduler();
    const ev = events();
    let refused = 2;
    const { delivery } = recorder(() => (refused-- > 0 ? reply('unauthorized', { status: 401 }) : reply('sent')));
    const box = new Outbox('k', delivery, ev, { session: 's1', storage: new MemoryStorage(), scheduler: clock });
    box.push({ statement: st('a') });
    box.push({ statement: st('b') });
    clock.fire();
    await box.whenIdle();
    expect(ev.onUnauthorized).toHaveBeenCalled();
    expect(box.waiting).toBe(2);
    await settle(box, clock);
    expect(box.waiting).toBe(0);
    expect(box.aside).toHaveLength(0);
  });

  it('coalesces state documents without ever dropping a statement, even one in flight', async () => {
    const clock = new FakeScheduler();
    let release: (() => void) | null = null;
    const sent: string[] = [];
    const delivery: Delivery = {
      canDeliver: () => true,
      statements: async (_s, statements) => (sent.push(...statements.map((s) => s.id)), reply('sent')),
      state: async (_s, _id, document) => {
        if (document === '1') await new Promise<void>((r) => (release = r));
        sent.push(`state:${document}`);
        return reply('sent');
      },
    };
    const box = new Outbox('k', delivery, events(), { session: 's1', storage: new MemoryStorage(), scheduler: clock });
    box.push({ state: { id: 'resume', document: '1' } });
    clock.fire(); // state 1 in flight
    box.push({ statement: st('answer') });
    box.push({ state: { id: 'resume', document: '2' } });
    box.push({ state: { id: 'resume', document: '3' } });
    release!();
    await box.whenIdle();
    await settle(box, clock);
    expect(sent).toEqual(['state:1', 'answer', 'state:3']);
  });

  it('survives a reload: a new outbox on the same storage delivers what was left, with its own session', async () => {
    const storage = new MemoryStorage();
    const clock = new FakeScheduler();
    const first = new Outbox('k', recorder(() => reply('retry')).delivery, events(), { session: 'old', storage, scheduler: clock });
    first.push({ statement: st('a') });
    first.push({ statement: st('b') });
    clock.fire();
    await first.whenIdle();
    const clock2 = new FakeScheduler();
    const { delivery, requests } = recorder();
    const second = new Outbox('k', delivery, events(), { session: 'new', storage, scheduler: clock2 });
    expect(second.waiting).toBe(2);
    second.push({ statement: st('c') });
    await settle(second, clock2);
    // Never one batch across sessions: the old items go as the old session's.
    expect(requests).toEqual([
      { session: 'old', ids: ['a', 'b'], keepalive: true },
      { session: 'new', ids: ['c'], keepalive: true },
    ]);
  });

  it('shares the stored copy between two tabs of a registration: neither overwrites what the other stored, each removes only what it delivered', async () => {
    const storage = new MemoryStorage();
    const stored = () => (JSON.parse(storage.getItem('k') ?? '[]') as OutboxItem[]).map((i) => i.statement?.id ?? `state ${i.state!.document}`);
    // Tab A's LRS is down; tab B's delivers. Both were opened before either stored anything.
    const clockA = new FakeScheduler();
    const clockB = new FakeScheduler();
    const a = new Outbox('k', recorder(() => reply('retry')).delivery, events(), { session: 'tab-a', storage, scheduler: clockA });
    const { delivery, requests } = recorder();
    const b = new Outbox('k', delivery, events(), { session: 'tab-b', storage, scheduler: clockB });
    a.push({ statement: st('a1') });
    b.push({ statement: st('b1') });
    a.push({ statement: st('a2') });
    b.push({ state: { id: 'resume', document: 'b-state-1' } });
    b.push({ state: { id: 'resume', document: 'b-state-2' } }); // replaces B's first copy, in storage too
    expect(stored().sort()).toEqual(['a1', 'a2', 'b1', 'state b-state-2']);
    await settle(a, clockA, 1);
    await settle(b, clockB);
    expect(requests.map((r) => r.ids.length ? r.ids : r.state)).toEqual([['b1'], 'b-state-2']);
    // B delivered its own items and left A's, which A still waits to deliver.
    expect(stored()).toEqual(['a1', 'a2']);
    expect(a.waiting).toBe(2);
    // A closes with them undelivered: the next page finds them.
    const next = new Outbox('k', recorder().delivery, events(), { session: 'later', storage, scheduler: new FakeScheduler() });
    expect(next.waiting).toBe(2);
  });

  it('drops what is not an item from a damaged stored copy instead of failing to store its own', () => {
    const storage = new MemoryStorage();
    const box = new Outbox('k', recorder().delivery, events(), { session: 's1', storage, scheduler: new FakeScheduler() });
    storage.setItem('k', JSON.stringify([null, 5, { x: 1 }, { session: 's0', statement: st('kept') }]));
    storage.setItem('k:set-aside', JSON.stringify([null, { reason: 'no item' }]));
    box.push({ statement: st('mine') });
    expect((JSON.parse(storage.getItem('k')!) as OutboxItem[]).map((i) => i.statement!.id)).toEqual(['kept', 'mine']);
    expect(JSON.parse(storage.getItem('k:set-aside')!)).toEqual([]);
  });

  it('keeps what other tabs set aside beside what this one sets aside', async () => {
    const storage = new MemoryStorage();
    const refuse = () => reply('refused', { status: 400, detail: 'bad statement' });
    const clockA = new FakeScheduler();
    const clockB = new FakeScheduler();
    const a = new Outbox('k', recorder(refuse).delivery, events(), { session: 'tab-a', storage, scheduler: clockA });
    const b = new Outbox('k', recorder(refuse).delivery, events(), { session: 'tab-b', storage, scheduler: clockB });
    a.push({ statement: st('a1') });
    b.push({ statement: st('b1') });
    await settle(a, clockA);
    await settle(b, clockB);
    const aside = (JSON.parse(storage.getItem('k:set-aside')!) as Array<{ item: OutboxItem }>).map((x) => x.item.statement!.id);
    expect(aside.sort()).toEqual(['a1', 'b1']);
    expect(JSON.parse(storage.getItem('k')!)).toEqual([]);
  });

  it("sets aside an ended session's items it cannot deliver (dropping those the LRS already holds), never replaying them into this session", async () => {
    const storage = new MemoryStorage();
    const left: OutboxItem[] = [
      { session: 'ended', statement: st('stored') },
      { session: 'ended', statement: st('lost') },
      { session: 'ended', state: { id: 'resume', document: 'x' } },
    ];
    storage.setItem('k', JSON.stringify(left));
    const clock = new FakeScheduler();
    const ev = events();
    const { delivery, requests } = recorder(undefined, (s) => s === 'now');
    delivery.isStored = async (id) => id === 'stored';
    const box = new Outbox('k', delivery, ev, { session: 'now', endedSessionsExpire: true, storage, scheduler: clock });
    box.push({ statement: st('initialized') });
    await settle(box, clock);
    expect(requests).toEqual([{ session: 'now', ids: ['initialized'], keepalive: true }]);
    expect(box.aside.map((a) => a.item.statement?.id)).toEqual(['lost']);
    expect(ev.onSetAside).toHaveBeenCalledWith(1, expect.any(String));
  });

  it("sets aside an ended session's items its LMS refuses (cmi5), instead of retrying them forever", async () => {
    const storage = new MemoryStorage();
    storage.setItem('k', JSON.stringify([{ session: 'ended', statement: st('late') }]));
    const clock = new FakeScheduler();
    const { delivery, requests } = recorder((_ids, _k, session) => (session === 'ended' ? reply('unauthorized', { status: 401 }) : reply('sent')));
    delivery.isStored = async () => false;
    const box = new Outbox('k', delivery, events(), { session: 'now', endedSessionsExpire: true, storage, scheduler: clock });
    box.push({ statement: st('initialized') });
    await settle(box, clock);
    expect(requests.map((r) => [r.session, r.ids])).toEqual([
      ['ended', ['late']],
      ['now', ['initialized']],
    ]);
    expect(box.aside.map((a) => a.item.statement?.id)).toEqual(['late']);
    expect(box.waiting).toBe(0);
  });

  it('sends the end of the session at once in one keepalive request, without waiting for the request in flight nor repeating its statements (terminated aside: see below)', async () => {
    const clock = new FakeScheduler();
    const hung: Array<() => void> = [];
    let calls = 0;
    const { delivery, requests } = recorder(() => (calls++ === 0 ? new Promise<Reply>((resolve) => hung.push(() => resolve(reply('sent')))) : reply('sent')));
    const box = new Outbox('k', delivery, events(), { session: 's1', storage: new MemoryStorage(), scheduler: clock });
    box.push({ statement: st('answered') });
    box.push({ statement: st('passed'), essential: true });
    clock.fire(); // a request is now in flight and does not answer
    expect(requests).toEqual([{ session: 's1', ids: ['answered', 'passed'], keepalive: true }]); // small: it outlives the page
    box.push({ statement: st('completed'), essential: true });
    box.push({ state: { id: 'resume', document: 'final' } });
    box.push({ statement: st('progressed'), essential: true });
    const done = box.finalFlush();
    // Started synchronously (a closing page gives no second chance), without the statements in flight:
    // a cmi5 LMS would refuse a second passed, and the request in flight completes on its own. The
    // resume state is started first (ADL's cmi5 player refuses whatever a session sends after its
    // terminated); this checks the order the requests start in, not the order they arrive in.
    expect(requests.slice(1)).toEqual([
      { session: 's1', ids: [], keepalive: true, state: 'final' },
      { session: 's1', ids: ['completed', 'progressed'], keepalive: true },
    ]);
    await done;
    expect(box.waiting).toBe(2);
    hung.forEach((resolve) => resolve());
    await box.whenIdle();
    expect(box.waiting).toBe(0);
    expect(requests).toHaveLength(3);
  });

  it('holds terminated back from the final batch while a statement is on its way, and drops it quietly once its session has ended', async () => {
    const clock = new FakeScheduler();
    const hung: Array<() => void> = [];
    let calls = 0;
    const { delivery, requests } = recorder(() => (calls++ === 0 ? new Promise<Reply>((resolve) => hung.push(() => resolve(reply('sent')))) : reply('sent')));
    const storage = new MemoryStorage();
    const ev = events();
    const box = new Outbox('k', delivery, ev, { session: 's1', storage, scheduler: clock });
    const terminated = st('terminated', { verb: { id: 'http://adlnet.gov/expapi/verbs/terminated' } });
    box.push({ statement: st('answered') });
    clock.fire(); // the answer is in flight and does not answer yet
    box.push({ statement: st('completed'), essential: true });
    box.push({ statement: terminated, essential: true });
    await box.finalFlush();
    // A strict cmi5 LMS would refuse the answer if terminated arrived first.
    expect(requests.map((r) => r.ids)).toEqual([['answered'], ['completed']]);
    expect(box.waiting).toBe(2);
    // The page closes with terminated still queued; the answer in flight arrives on its own. The next
    // launch is a new session: the answer is found stored, and the old session's terminated is
    // dropped without troubling the learner.
    const next = new Outbox('k', { ...delivery, canDeliver: (s) => s === 's2', isStored: async (id) => id === 'answered' }, ev, { session: 's2', storage, scheduler: clock, endedSessionsExpire: true });
    expect(next.waiting).toBe(2);
    await next.flush();
    expect(next.waiting).toBe(0);
    expect(next.aside).toEqual([]);
    expect(ev.onSetAside).not.toHaveBeenCalled();
    expect(requests.flatMap((r) => r.ids)).not.toContain('terminated');
    hung.forEach((resolve) => resolve());
  });

  it('keeps a request the page aborts while being left out of the final batch (the browser still delivers it)', async () => {
    const clock = new FakeScheduler();
    let rejectInFlight: (() => void) | null = null;
    let calls = 0;
    const { delivery, requests } = recorder(() =>
      calls++ === 0 ? new Promise<Reply>((resolve) => (rejectInFlight = () => resolve({ outcome: 'retry', status: 0, detail: 'TypeError: Failed to fetch' }))) : reply('sent'),
    );
    const box = new Outbox('k', delivery, events(), { session: 's1', storage: new MemoryStorage(), scheduler: clock });
    box.push({ statement: st('passed'), essential: true });
    clock.fire();
    box.leaving(); // beforeunload
    rejectInFlight!(); // navigation aborts the fetch on the page's side
    await box.whenIdle();
    box.push({ statement: st('terminated'), essential: true });
    await box.finalFlush();
    expect(requests.map((r) => r.ids)).toEqual([['passed'], ['terminated']]);
  });

  it('sends verdicts that may already have arrived in a request of their own at the end, so a refused repeat takes nothing else down', async () => {
    const clock = new FakeScheduler(() => 0);
    let reachable = false;
    const { delivery, requests } = recorder(() => (reachable ? reply('sent') : { outcome: 'retry', status: 0, detail: 'TypeError: Failed to fetch' }));
    const box = new Outbox('k', delivery, events(), { session: 's1', storage: new MemoryStorage(), scheduler: clock });
    box.push({ statement: st('answered') });
    box.push({ statement: st('passed'), essential: true });
    clock.fire();
    await box.whenIdle();
    reachable = true;
    box.push({ statement: st('terminated'), essential: true });
    await box.finalFlush();
    expect(requests.slice(1)).toEqual([
      { session: 's1', ids: ['passed'], keepalive: true },
      { session: 's1', ids: ['answered', 'terminated'], keepalive: true },
    ]);
    expect(box.waiting).toBe(0);
  });

  it('recognises a refused statement that had in fact arrived, instead of setting it aside', async () => {
    const clock = new FakeScheduler();
    const ev = events();
    const { delivery } = recorder(() => reply('refused', { status: 403, detail: '403 9.3.0.0-2 - A registration has at most one passed statement.' }));
    delivery.isStored = async (id) => id === 'passed';
    const box = new Outbox('k', delivery, ev, { session: 's1', storage: new MemoryStorage(), scheduler: clock });
    box.push({ statement: st('passed') });
    await settle(box, clock);
    expect(box.waiting).toBe(0);
    expect(box.aside).toHaveLength(0);
    expect(ev.onSetAside).not.toHaveBeenCalled();
  });

  it('asks the LRS about a statement refused with a bare 403: set aside when the credentials read, kept while they do not', async () => {
    const clock = new FakeScheduler();
    const ev = events();
    const delivered: string[] = [];
    const { delivery } = recorder((ids) => {
      if (ids.includes('b')) return reply('forbidden', { status: 403, detail: '403 {"error":"Statement rejected by cmi5 rules"}' });
      delivered.push(...ids);
      return reply('sent');
    });
    let readable = false;
    delivery.isStored = async () => {
      if (!readable) throw new Error('403');
      return false;
    };
    const box = new Outbox('k', delivery, ev, { session: 's1', storage: new MemoryStorage(), scheduler: clock });
    for (const id of ['a', 'b', 'c']) box.push({ statement: st(id) });
    clock.fire();
    await box.whenIdle();
    clock.fire();
    await box.whenIdle();
    // The read failed too: it may be access, so nothing is set aside and the learner is told.
    expect(ev.onUnauthorized).toHaveBeenCalled();
    expect(box.aside).toHaveLength(0);
    expect(box.waiting).toBe(2);
    readable = true;
    await settle(box, clock);
    // The read works: it was this statement. It is set aside and the queue behind it moves on.
    expect(box.aside.map((a) => a.item.statement!.id)).toEqual(['b']);
    expect(delivered).toEqual(['a', 'c']);
    expect(box.waiting).toBe(0);
  });

  it("keeps the final batch small: the session's outcome always, other statements as room allows", () => {
    const big = 'x'.repeat(6000);
    const items: OutboxItem[] = [
      ...Array.from({ length: 20 }, (_, i) => ({ session: 's', statement: st(`answer-${i}`, { padding: big }) })),
      { session: 's', statement: st('passed'), essential: true },
      { session: 's', statement: st('terminated'), essential: true },
    ];
    const chosen = chooseFinal(items);
    const ids = chosen.map((i) => i.statement!.id);
    expect(ids).toContain('passed');
    expect(ids.at(-1)).toBe('terminated');
    expect(JSON.stringify(chosen.map((i) => i.statement)).length).toBeLessThanOrEqual(FINAL_STATEMENTS_BYTES);
    expect(ids.slice(0, -2)).toEqual(items.slice(0, ids.length - 2).map((i) => i.statement!.id)); // the oldest, in order
    expect(chooseFinal(items.slice(-2))).toHaveLength(2);
  });
});

describe('LRS replies', () => {
  const ids = ['0b9c1a4e-0000-4000-8000-000000000001'];
  it('count as stored only when they are what xAPI says', () => {
    expect(readReply(200, 'application/json; charset=utf-8', JSON.stringify(ids), ids).outcome).toBe('sent');
    expect(readReply(200, 'application/json', JSON.stringify(ids.map((i) => i.toUpperCase())), ids).outcome).toBe('sent');
    expect(readReply(200, 'application/json', '[]', ids).outcome).toBe('retry'); // ids missing
    expect(readReply(200, 'application/json', '{"ok":true}', ids).outcome).toBe('retry');
    expect(readReply(200, 'text/html', '<html>Sign in</html>', ids).outcome).toBe('unauthorized'); // a proxy's sign-in page
    expect(readReply(302, '', '', ids).outcome).toBe('unauthorized');
    expect(readReply(0, '', '', ids, null, true).outcome).toBe('unauthorized'); // fetch with redirect: 'manual'
    expect(readReply(204, '', '', null).outcome).toBe('sent'); // state PUT
    expect(readReply(200, 'text/html', '<html/>', null).outcome).toBe('unauthorized');
  });

  it('tell refusals, retries and access problems apart', () => {
    expect(readReply(403, 'application/json', '{"message":"9.3.0.0-2 - Verbs MUST NOT be duplicated"}', ids).outcome).toBe('refused');
    expect(readReply(401, 'application/json', '{"message":"10.2.1.0-6 - The AU MUST use the contextTemplate"}', ids).outcome).toBe('refused');
    expect(readReply(401, 'application/json', '{"error":"missing or wrong credentials"}', ids).outcome).toBe('unauthorized');
    expect(readReply(403, 'application/json', '{"error":"Statement rejected"}', ids).outcome).toBe('forbidden'); // the outbox asks which
    expect(readReply(403, 'application/json', '{"error":"forbidden"}', null).outcome).toBe('unauthorized'); // a state document
    expect(readReply(400, 'application/json', '{"error":"bad"}', ids).outcome).toBe('refused');
    expect(readReply(409, 'application/json', '{}', ids).outcome).toBe('conflict');
    expect(readReply(413, 'text/plain', 'too large', ids).outcome).toBe('too-large');
    expect(readReply(500, 'text/plain', 'oops', ids).outcome).toBe('retry');
    expect(readReply(0, '', 'Failed to fetch', ids).outcome).toBe('retry');
    expect(readReply(429, 'text/plain', '', ids, '7')).toMatchObject({ outcome: 'retry', retryAfterMs: 7000 });
    expect(readReply(503, 'text/plain', '', ids, 'soon').retryAfterMs).toBeUndefined();
    expect(retryAfterMs('Thu, 01 Jan 2026 00:01:00 GMT', Date.parse('Thu, 01 Jan 2026 00:00:00 GMT'))).toBe(60_000);
  });
});

describe('launch parameters', () => {
  it('parse the actor, and a legacy Tin Can actor becomes an xAPI 1.0 agent', () => {
    const actor = { objectType: 'Agent', name: ['Li Na'], account: [{ accountServiceHomePage: 'https://lms.example.edu.cn', accountName: 'lina' }] };
    const params = launchParameters(`?endpoint=${encodeURIComponent('https://lrs.example/xapi/')}&actor=${encodeURIComponent(JSON.stringify(actor))}&registration=r-1`);
    expect(params.endpoint).toBe('https://lrs.example/xapi/');
    expect(params.registration).toBe('r-1');
    expect(normaliseActor(params.actor as Record<string, unknown>)).toEqual({ objectType: 'Agent', name: 'Li Na', account: { homePage: 'https://lms.example.edu.cn', name: 'lina' } });
    expect(launchParameters('?actor=not-json').actor).toBeNull();
  });
});
