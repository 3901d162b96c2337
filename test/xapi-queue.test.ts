/**
 * The outbox on its own: order, idempotent retries with backoff, state
 * documents coalesced without ever dropping a statement (even while one is in
 * flight), refused items kept aside, and persistence across page loads.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox, type Outgoing, type QueueStorage, type SendOutcome } from '../src/runtime/lms/xapi-queue.js';

class MemoryStorage implements QueueStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

const statement = (id: string): Outgoing => ({ kind: 'statements', statements: [{ id }] });
const state = (document: string): Outgoing => ({ kind: 'state', stateId: 'resume', document });
const label = (item: Outgoing) => (item.kind === 'statements' ? item.statements[0]!.id : `state:${item.document}`);
const events = () => ({ onBacklog: vi.fn(), onUnauthorized: vi.fn(), onRejected: vi.fn(), onDrained: vi.fn() });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('outbox', () => {
  it('delivers in order', async () => {
    const delivered: string[] = [];
    const box = new Outbox('k', async (item) => (delivered.push(label(item)), { outcome: 'sent' as SendOutcome }), events(), new MemoryStorage());
    for (const id of ['a', 'b', 'c']) box.push(statement(id));
    await box.flush();
    expect(delivered).toEqual(['a', 'b', 'c']);
    expect(box.waiting).toBe(0);
  });

  it('never drops a statement when a newer state replaces one that is in flight', async () => {
    const delivered: string[] = [];
    let release: (() => void) | null = null;
    const send = async (item: Outgoing) => {
      if (item.kind === 'state' && item.document === '1') await new Promise<void>((r) => (release = r));
      delivered.push(label(item));
      return { outcome: 'sent' as SendOutcome };
    };
    const box = new Outbox('k', send, events(), new MemoryStorage());
    box.push(state('1')); // in flight, blocked
    box.push(statement('answer'));
    box.push(state('2')); // replaces unsent state copies, not the in-flight one
    box.push(state('3'));
    release!();
    await box.flush();
    expect(delivered).toEqual(['state:1', 'answer', 'state:3']);
  });

  it('retries with growing delays and keeps the same items (same ids) until the LRS answers', async () => {
    const ev = events();
    let failures = 3;
    const attempts: string[] = [];
    const box = new Outbox('k', async (item) => {
      attempts.push(label(item));
      return failures-- > 0 ? { outcome: 'retry' as SendOutcome } : { outcome: 'sent' as SendOutcome };
    }, ev, new MemoryStorage());
    box.push(statement('x'));
    await vi.advanceTimersByTimeAsync(0);
    expect(ev.onBacklog).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(2000);
    await vi.advanceTimersByTimeAsync(4000);
    expect(attempts).toEqual(['x', 'x', 'x', 'x']);
    expect(box.waiting).toBe(0);
    expect(ev.onDrained).toHaveBeenCalled();
  });

  it('keeps everything when access is refused and tells the learner', async () => {
    const ev = events();
    const box = new Outbox('k', async () => ({ outcome: 'unauthorized' as SendOutcome }), ev, new MemoryStorage());
    box.push(statement('a'));
    box.push(statement('b'));
    await box.flush();
    expect(ev.onUnauthorized).toHaveBeenCalled();
    expect(box.waiting).toBe(2);
  });

  it('sets refused items aside instead of dropping them', async () => {
    const storage = new MemoryStorage();
    const ev = events();
    const box = new Outbox('k', async (item) => ({ outcome: (label(item) === 'bad' ? 'rejected' : 'sent') as SendOutcome, detail: '400' }), ev, storage);
    box.push(statement('bad'));
    box.push(statement('good'));
    await box.flush();
    expect(ev.onRejected).toHaveBeenCalledWith('400');
    expect(JSON.parse(storage.getItem('k:rejected')!)).toHaveLength(1);
    expect(box.waiting).toBe(0);
  });

  it('survives a page reload: a new outbox on the same storage sends what was left', async () => {
    const storage = new MemoryStorage();
    const first = new Outbox('k', async () => ({ outcome: 'retry' as SendOutcome }), events(), storage);
    first.push(statement('a'));
    first.push(statement('b'));
    await first.flush();
    const delivered: string[] = [];
    const second = new Outbox('k', async (item) => (delivered.push(label(item)), { outcome: 'sent' as SendOutcome }), events(), storage);
    expect(second.waiting).toBe(2);
    await second.flush();
    expect(delivered).toEqual(['a', 'b']);
  });
});
