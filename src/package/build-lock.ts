/**
 * The output folder's build lock: two builds into one folder never interleave. The second
 * waits, saying who holds the lock; a lock left by a build that died (its process gone, an
 * empty lock file left by a kill or a full disk, a restarted container's process with the same
 * id) is taken over by one waiting build at a time.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { processAlive, WORK_DIR } from './output.js';

const LOCK = 'build.lock';

/** Who holds a build lock. */
interface LockOwner {
  pid: number;
  host: string;
  started: string;
  /** Tells this lock from one left by a dead build whose process had the same id. */
  token: string;
}

/** Tokens of the locks this process holds. */
const held = new Set<string>();

/**
 * How old a lock that cannot be read may be before it counts as left by a crash (it is written
 * just after it is made: only a kill or a full disk in between leaves it empty); also how long a
 * takeover may take.
 */
const UNREADABLE_STALE_MS = 10_000;

/**
 * Take the output folder's build lock, waiting while another live build holds it.
 * A lock left by a build that died is taken over.
 * @param out the real output folder
 * @param onWait told once, with the holder, when this build has to wait
 * @returns a function that releases the lock
 */
export async function lockOutput(out: string, onWait: (owner: LockOwner) => void = () => {}): Promise<() => void> {
  const work = path.join(out, WORK_DIR);
  mkdirSync(work, { recursive: true });
  const file = path.join(work, LOCK);
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString(), token: randomUUID() };
  let told = false;
  for (;;) {
    if (createLock(file, me)) {
      held.add(me.token);
      return () => {
        held.delete(me.token);
        if (readLock(file)?.owner?.token === me.token) rmSync(file, { force: true });
      };
    }
    const seen = readLock(file);
    if (!seen && !existsSync(file)) continue; // released meanwhile
    if (seen && lockIsStale(seen, me) && takeOver(file, seen.text)) continue;
    if (seen?.owner && !told) {
      told = true;
      onWait(seen.owner);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Make the lock file, only if there is none; false when there is one. A lock that cannot be written is not left behind. */
function createLock(file: string, me: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeFileSync(fd, JSON.stringify(me));
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
  let ageMs: number;
  try {
    text = readFileSync(file, 'utf8');
    ageMs = Date.now() - statSync(file).mtimeMs;
  } catch {
    return null;
  }
  let owner: LockOwner | null = null;
  try {
    owner = JSON.parse(text) as LockOwner;
  } catch {
    // being written right now, or cut short by a crash
  }
  return { text, owner, ageMs };
}

function lockIsStale(lock: { owner: LockOwner | null; ageMs: number }, me: LockOwner): boolean {
  const { owner } = lock;
  if (!owner) return lock.ageMs > UNREADABLE_STALE_MS;
  if (owner.host !== me.host) return Date.now() - Date.parse(owner.started) > 6 * 60 * 60 * 1000;
  // This process's id: this process's lock only if it holds it (a restarted container's process 1 has the same id).
  if (owner.pid === process.pid) return !held.has(owner.token);
  return !processAlive(owner.pid);
}

/**
 * Remove a stale lock, unless another build took it over first: builds that find it stale take
 * turns (a guard file made exclusively), and each removes the lock only if it is still the one
 * it found stale, never a live one that replaced it meanwhile.
 */
function takeOver(file: string, staleText: string): boolean {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch {
    // Another build is taking over (a guard left by a crash goes after a while).
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
