/**
 * Before the first test: every catalogue course checked once, in two `skillpack check`
 * processes side by side (one per core), so that the course cache holds the catalogue
 * when the files that build it whole start. On a fresh clone those files would otherwise
 * each parse all of it at once, one per worker; with the cache warm this takes well under
 * a second. A course with errors is not this step's business: the tests report it.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { courseFolders } from '../../src/catalogue.js';
import { loadProject } from '../../src/course/config.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');

/** The size of a course's files, to share the catalogue between the processes evenly. */
function size(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).reduce((sum, name) => {
    const stat = statSync(path.join(dir, name));
    return sum + (stat.isFile() ? stat.size : 0);
  }, 0);
}

function check(folders: string[]): Promise<void> {
  return new Promise((resolve) => {
    if (folders.length === 0) return resolve();
    const child = spawn(process.execPath, [path.join(REPO, 'src', 'bin.js'), '-C', REPO, 'check', ...folders], { stdio: 'ignore' });
    child.on('exit', () => resolve());
    child.on('error', () => resolve());
  });
}

export default async function warmCatalogue(): Promise<void> {
  // The folders `skillpack check` itself would take (none when there is no courses folder).
  const folders = courseFolders(loadProject(REPO))
    .map((dir) => ({ dir, bytes: size(dir) }))
    .sort((a, b) => b.bytes - a.bytes);
  // Largest first, each to the lighter half.
  const halves: Array<{ dirs: string[]; bytes: number }> = [{ dirs: [], bytes: 0 }, { dirs: [], bytes: 0 }];
  for (const folder of folders) {
    const lighter = halves[0]!.bytes <= halves[1]!.bytes ? halves[0]! : halves[1]!;
    lighter.dirs.push(folder.dir);
    lighter.bytes += folder.bytes;
  }
  await Promise.all(halves.map((half) => check(half.dirs)));
}
