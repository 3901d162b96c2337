/**
 * A lock file one process holds at a time: made exclusively, holding who made it. A lock left by
 * a process that died (its process gone, an empty lock file left by a kill or a full disk) is
 * taken over, by one process at a time. The build lock waits for a live holder; the LRS journal's
 * lock is refused at once: `tryLock` never waits, it says who holds the lock.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { processAlive } from './output.js';

/** Who holds a lock. */
export interface LockOwner {
  pid: number;
  host: string;
  started: string;
  /** Tells this lock from one left by a dead process that had the same id ('' in a lock that holds only its pid). */
  token: string;
}

export interface LockOptions {
  /**
   * A lock with this process's id is held, even one this process did not take: a second holder
   * in this process is refused (the LRS journal: two stores on it would lose data), never let in.
   * Such a lock holds only its process id, since no token is needed to tell whose it is.
   */
  ownPidIsHeld?: boolean;
}

/** Taken (with the function that releases it), or held by another: its owner, or null while it is being written or taken over. */
export type LockAttempt = { release: () => void } | { owner: LockOwner | null };

/** Tokens of the locks this process holds. */
const held = new Set<string>();

/**
 * How old a lock that cannot be read may be before it counts as left by a crash (it is written
 * just after it is made: only a kill or a full disk in between leaves it empty); also how long a
 * takeover may take.
 */
const UNREADABLE_STALE_MS = 10_000;
/** A lock from another machine (on a shared disk) whose process cannot be looked up is stale after this long. */
const OTHER_HOST_STALE_MS = 6 * 60 * 60 * 1000;

/**
 * Take the lock file, or say who holds it; never waits. A lock left by a process that died is
 * taken over, unless another process is taking it over already.
 */
export function tryLock(file: string, options: LockOptions = {}): LockAttempt {
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString(), token: options.ownPidIsHeld ? '' : randomUUID() };
  const text = options.ownPidIsHeld ? `${me.pid}\n` : JSON.stringify(me);
  let owner: LockOwner | null = null;
  // A few turns: the lock may be released, or taken over, between two looks at it.
  for (let turn = 0; turn < 3; turn++) {
    if (createLock(file, text)) {
      if (me.token) held.add(me.token);
      return {
        release: () => {
          held.delete(me.token);
          if (readLock(file)?.text === text) rmSync(file, { force: true });
        },
      };
    }
    const seen = readLock(file);
    if (!seen && !existsSync(file)) continue; // released meanwhile
    owner = seen?.owner ?? null;
    if (!seen || !lockIsStale(seen, options)) break;
    if (!takeOver(file, seen.text)) {
      owner = null; // another process is taking it over
      break;
    }
  }
  return { owner };
}

/** Make the lock file, only if there is none; false when there is one. A lock that cannot be written is not left behind. */
function createLock(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeFileSync(fd, text);
  } catch (error) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw error;
  }
  closeSync(fd);
  return true;
}

/** The lock as it is: its text, its owner (null when it cannot be read) and its age; null when there is none. */
function readLock(file: string): { text: string; owner: LockOwner | null; ageMs: number } | null {
  let text: string;
  let modified: number;
  try {
    text = readFileSync(file, 'utf8');
    modified = statSync(file).mtimeMs;
  } catch {
    return null;
  }
  return { text, owner: ownerOf(text, modified), ageMs: Date.now() - modified };
}

/** The owner a lock's text names: a whole record, or a bare process id (this machine's, since the lock was written); null when it names none. */
function ownerOf(text: string, modified: number): LockOwner | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null; // being written right now, or cut short by a crash
  }
  const owner = typeof value === 'number' ? { pid: value, host: hostname(), started: new Date(modified).toISOString(), token: '' } : (value as LockOwner | null);
  // process.kill takes 0 and negative ids as process groups, which would always look alive.
  return typeof owner === 'object' && owner !== null && Number.isInteger(owner.pid) && owner.pid > 0 ? owner : null;
}

function lockIsStale(lock: { owner: LockOwner | null; ageMs: number }, options: LockOptions): boolean {
  const { owner } = lock;
  if (!owner) return lock.ageMs > UNREADABLE_STALE_MS;
  if (owner.host !== hostname()) return Date.now() - Date.parse(owner.started) > OTHER_HOST_STALE_MS;
  // This process's id: this process's lock only if it holds it (a restarted container's process 1 has the same id).
  if (owner.pid === process.pid) return !options.ownPidIsHeld && !held.has(owner.token);
  return !processAlive(owner.pid);
}

/**
 * Remove a stale lock, unless another process took it over first: those that find it stale take
 * turns (a guard file made exclusively), and each removes the lock only if it is still the one
 * it found stale, never a live one that replaced it meanwhile.
 */
function takeOver(file: string, staleText: string): boolean {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch {
    // Another process is taking over (a guard left by a crash goes after a while).
    try {
      if (Date.now() - statSync(guard).mtimeMs > UNREADABLE_STALE_MS) rmSync(guard, { force: true });
    } catch {
      // gone meanwhile
    }
    return false;
  }
  try {
    if (readLock(file)?.text === staleText) rmSync(file, { force: true });
    return true;
  } finally {
    closeSync(fd);
    rmSync(guard, { force: true });
  }
}
