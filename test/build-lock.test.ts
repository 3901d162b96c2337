/**
 * The output folder's build lock: a second build waits while a live one holds it; a lock left by
 * a build that died is taken over: its process gone, an empty lock left by a kill or a full disk
 * (once it is old enough not to be one being written), or a lock with this process's own id that
 * this process does not hold (a restarted container's process 1). A takeover under way is left
 * to finish.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockOutput } from '../src/package/build-lock.js';
import { WORK_DIR } from '../src/package/output.js';

function folder(): { out: string; lock: string } {
  const out = mkdtempSync(path.join(tmpdir(), 'skillpack-lock-'));
  mkdirSync(path.join(out, WORK_DIR));
  return { out, lock: path.join(out, WORK_DIR, 'build.lock') };
}

/** Whether `promise` is still pending after the event loop has had `ms` to run. */
async function pending(promise: Promise<unknown>, ms = 300): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, ms));
  return !settled;
}

const aged = (file: string, seconds: number) => {
  const when = new Date(Date.now() - seconds * 1000);
  utimesSync(file, when, when);
};

describe('build lock', () => {
  it('makes a second build wait until the first releases it', async () => {
    const { out, lock } = folder();
    const release = await lockOutput(out);
    const owner = JSON.parse(readFileSync(lock, 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
    const waits: unknown[] = [];
    const second = lockOutput(out, (holder) => waits.push(holder));
    expect(await pending(second)).toBe(true);
    expect(waits).toEqual([owner]);
    release();
    const releaseSecond = await second;
    releaseSecond();
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over the lock of a build whose process is gone', async () => {
    const { out, lock } = folder();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(lock, JSON.stringify({ pid: gone, host: hostname(), started: new Date().toISOString(), token: 'dead' }));
    (await lockOutput(out))();
  });

  it('takes over a lock with this process\'s id that this process does not hold (a restarted container\'s process 1)', async () => {
    const { out, lock } = folder();
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString(), token: 'an earlier run' }));
    (await lockOutput(out))();
  });

  it('waits on an empty lock while it may be one being written, and takes it over once it is old', async () => {
    const { out, lock } = folder();
    writeFileSync(lock, '');
    const taking = lockOutput(out);
    expect(await pending(taking)).toBe(true);
    aged(lock, 60);
    (await taking)();
  });

  it('leaves a stale lock to a takeover under way, and takes it over once that one is gone', async () => {
    const { out, lock } = folder();
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString(), token: 'an earlier run' }));
    const guard = `${lock}.takeover`;
    writeFileSync(guard, '');
    const taking = lockOutput(out);
    expect(await pending(taking)).toBe(true);
    expect(existsSync(lock)).toBe(true);
    // A guard left by a build killed while taking over goes after a while.
    aged(guard, 60);
    (await taking)();
    expect(existsSync(guard)).toBe(false);
  });
});
