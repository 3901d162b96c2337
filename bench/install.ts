/**
 * What a contributor waits for before and after a change: `npm ci` in a fresh
 * copy of the repository (the working tree without node_modules and dist, as a
 * clone has it), then the first `skillpack --help` there (a fresh clone must work
 * right after install); and `npm test` in the repository.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from './measure.js';

export interface TimedCommand {
  command: string;
  wallMs: number;
  exitCode: number | null;
  /** The last lines of its output, kept when it failed. */
  tail?: string;
}

/** Folders a clone does not have, or that only this working tree's runs wrote. */
const NOT_IN_A_CLONE = new Set(['node_modules', 'dist', '.git', '.skillpack', 'coverage']);

/**
 * Run a command to its end and time it (its output is kept, not shown).
 * @param command program
 * @param args its arguments
 * @param cwd working folder
 */
export function timed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<TimedCommand> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('close', (exitCode) => {
      const wallMs = performance.now() - started;
      resolve({ command: [command, ...args].join(' '), wallMs, exitCode, tail: exitCode === 0 ? undefined : output.trim().split('\n').slice(-20).join('\n') });
    });
  });
}

export interface FreshInstallFigures {
  ci: TimedCommand;
  /** `node src/bin.js --help` in the fresh copy right after `npm ci`. */
  firstHelp: TimedCommand;
}

/**
 * Copy the working tree (minus node_modules and dist) to a scratch folder and time
 * `npm ci --no-audit --no-fund --prefer-offline` there (npm's cache answers what it holds).
 */
export async function freshInstall(): Promise<FreshInstallFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'skillpack-bench-clone-'));
  try {
    cpSync(REPO, dir, {
      recursive: true,
      filter: (source) => {
        const relative = path.relative(REPO, source);
        const top = relative.split(path.sep)[0]!;
        return !NOT_IN_A_CLONE.has(top) && !relative.startsWith(path.join('bench', 'results')) && !relative.startsWith(path.join('test', '.tmp'));
      },
    });
    const ci = await timed('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], dir);
    const firstHelp = ci.exitCode === 0 ? await timed(process.execPath, [path.join(dir, 'src', 'bin.js'), '--help'], dir) : { command: 'node src/bin.js --help', wallMs: Number.NaN, exitCode: null, tail: 'not run: npm ci failed' };
    return { ci, firstHelp };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm test` in the repository (type check and every test project). */
export function npmTest(): Promise<TimedCommand> {
  return timed('npm', ['test', '--silent'], REPO);
}
