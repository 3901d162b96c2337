/**
 * The output folder's build lock: two builds into one folder never interleave. The second
 * waits, saying who holds the lock; a lock left by a build that died (its process gone, an
 * empty lock file left by a kill or a full disk, a restarted container's process with the same
 * id) is taken over by one waiting build at a time (file-lock.ts).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { tryLock, type LockOwner } from './file-lock.js';
import { WORK_DIR } from './output.js';

const LOCK = 'build.lock';

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
  let told = false;
  for (;;) {
    const attempt = tryLock(file);
    if ('release' in attempt) return attempt.release;
    if (attempt.owner && !told) {
      told = true;
      onWait(attempt.owner);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
