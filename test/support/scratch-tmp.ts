/**
 * Every test run gets its own temporary folder, removed when the run ends: the tests (and
 * the processes and browsers they start, which inherit TMPDIR) make about a hundred scratch
 * projects, outputs and profiles per run, and a suite people run all day must not fill the
 * disk with them. Folders left by runs that were killed are removed by the next run.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PREFIX = 'skillpack-tests-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export default function scratchTmp(): () => void {
  const parent = tmpdir();
  // The projects inherit the root's global setup: the first call made the folder.
  if (path.basename(parent) === `${PREFIX}${process.pid}`) return () => {};
  for (const name of readdirSync(parent)) {
    const pid = name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length)) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(path.join(parent, name), { recursive: true, force: true });
  }
  const own = path.join(parent, `${PREFIX}${process.pid}`);
  mkdirSync(own, { recursive: true });
  const before = process.env.TMPDIR;
  // os.tmpdir() reads TMPDIR on every call; the workers are started after this, with this environment.
  process.env.TMPDIR = own;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(own, { recursive: true, force: true });
  };
}
