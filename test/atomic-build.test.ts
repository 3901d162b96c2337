/**
 * Builds are atomic: a real `skillpack build` process killed (SIGKILL) at
 * several moments leaves every package in the output either as it was
 * before or as the new build makes it, never partial, and no stray files.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/packages.js';

const COURSES = ['hr-manager', 'electrician', 'elderly-care-worker'];

/** Every file under `dir` (following the web links) with its SHA-256. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(dir, name);
    if (name.split(path.sep).some((part) => part.startsWith('.web-'))) continue; // reached through the `web` link
    if (statSync(full).isFile()) files.set(name.split(path.sep).join('/'), createHash('sha256').update(readFileSync(full)).digest('hex'));
  }
  return files;
}

/**
 * Run `skillpack build` as a real process and SIGKILL it once `killAfter`
 * packages of the new build have appeared in the output (never, when 0).
 */
function runAndKill(root: string, out: string, killAfter = 0): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [path.join(REPO, 'src/bin.js'), '-C', root, 'build', '--out', out], { stdio: 'ignore' });
    const poll = setInterval(() => {
      if (!killAfter || !existsSync(out)) return;
      const fresh = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.zip') && statSync(path.join(out, f)).mtimeMs >= started);
      if (fresh.length >= killAfter) child.kill('SIGKILL');
    }, 2);
    child.on('exit', () => {
      clearInterval(poll);
      resolve();
    });
  });
}

describe('atomic builds', () => {
  it('a killed build leaves each package old or new, never partial', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-kill-'));
    for (const id of COURSES) cpSync(path.join(REPO, 'courses', id), path.join(root, 'courses', id), { recursive: true });
    const out = path.join(root, 'dist');
    await runAndKill(root, out);
    const before = snapshot(out);
    const previous = path.join(root, 'previous');
    cpSync(out, previous, { recursive: true, verbatimSymlinks: true });
    // The next version of every course differs, so old and new packages can be told apart.
    for (const id of COURSES) {
      const dir = path.join(root, 'courses', id, 'lessons');
      const first = path.join(dir, readdirSync(dir).sort()[0]!);
      writeFileSync(first, readFileSync(first, 'utf8').replace(/^# .*$/m, (h1) => `${h1}\n\nRevised edition.`));
    }
    const expectedOut = path.join(root, 'expected');
    await runAndKill(root, expectedOut);
    const after = snapshot(expectedOut);

    const changed = [...after.keys()].filter((f) => after.get(f) !== before.get(f));
    let caughtMidway = 0;
    for (const written of [1, 3, 6]) {
      rmSync(out, { recursive: true, force: true });
      cpSync(previous, out, { recursive: true, verbatimSymlinks: true });
      await runAndKill(root, out, written);
      const delay = `${written} new packages`;
      const now = snapshot(out);
      const renewed = changed.filter((f) => now.get(f) === after.get(f)).length;
      if (renewed > 0 && renewed < changed.length) caughtMidway++;
      for (const [file, hash] of now) {
        expect([before.get(file), after.get(file)], `${file} after a kill at ${delay}`).toContain(hash);
      }
      expect([...now.keys()].sort(), `files after a kill at ${delay}`).toEqual([...before.keys()].sort());
      expect(readdirSync(out).filter((f) => /partial|staging|\.tmp/.test(f))).toEqual([]);
    }
    // The kills did land in the middle of writing packages (otherwise this test proves nothing).
    expect(caughtMidway).toBeGreaterThan(0);
    // Left alone, the build completes with exactly the new packages, and cleans its staging folder.
    await runAndKill(root, out);
    expect(snapshot(out)).toEqual(after);
    expect(existsSync(path.join(root, '.dist.staging'))).toBe(false);
  }, 120_000);
});
