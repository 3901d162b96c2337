/**
 * Measuring: summaries of repeated samples (median, min, max), and cold runs of
 * the CLI in a fresh Node process measured from outside (wall time here, CPU
 * time and peak memory reported by the child itself on exit).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../src/paths.js';

/** The repository (bench/ sits at its top): found from the package root, since the bench also runs from the compiled bundle. */
export const REPO = PACKAGE_ROOT;
/** The CLI entry a user runs. */
export const BIN = path.join(REPO, 'src', 'bin.js');
const CHILD_USAGE = path.join(REPO, 'bench', 'child-usage.mjs');

/** Repeated measurements of one figure. */
export interface Stat {
  median: number;
  min: number;
  max: number;
  n: number;
  samples: number[];
}

/**
 * Median, min and max of samples (the median of an even count is the mean of the middle two).
 * @param samples measurements, in any order
 */
export function stat(samples: number[]): Stat {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, n: samples.length, samples };
}

/** One cold run of the CLI. */
export interface ColdRun {
  wallMs: number;
  /** User plus system CPU time of every thread of the child. */
  cpuMs: number;
  userMs: number;
  systemMs: number;
  /** Peak resident set size of the child, in MiB. */
  maxRssMB: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** A cold build parses every course: the content-hash cache of course models is turned off. */
export const COLD_ENV: Record<string, string> = { SKILLPACK_NO_CACHE: '1' };
/** A warm build may use the content-hash cache filled by an earlier build. */
export const WARM_ENV: Record<string, string> = {};

/** A running `node src/bin.js …` whose output is collected and whose exit is measured. */
export interface CliProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** performance.now() just before the spawn: every figure counts Node's own start-up. */
  started: number;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited, with its wall time, CPU time and peak memory. */
  exited: Promise<ColdRun>;
}

/**
 * Start `node src/bin.js <args>` in a fresh process, as a user's shell would, with
 * bench/child-usage.mjs preloaded so the process reports its CPU time and peak RSS on exit.
 * @param args CLI arguments
 * @param cwd working folder of the child
 * @param env extra environment (COLD_ENV or WARM_ENV)
 */
export function spawnCli(args: string[], cwd = REPO, env: Record<string, string> = COLD_ENV): CliProcess {
  return spawnNode([BIN, ...args], cwd, env);
}

/** Start `node <nodeArgs>` as spawnCli starts the CLI (the same preload reports its usage). */
function spawnNode(nodeArgs: string[], cwd: string, env: Record<string, string>): CliProcess {
  const dir = mkdtempSync(path.join(tmpdir(), 'skillpack-usage-'));
  const usageFile = path.join(dir, 'usage.json');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', pathToFileURL(CHILD_USAGE).href, ...nodeArgs], {
    cwd,
    env: { ...process.env, ...env, SKILLPACK_BENCH_USAGE: usageFile, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = (async (): Promise<ColdRun> => {
    try {
      const exitCode = await new Promise<number | null>((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code) => resolve(code));
      });
      const wallMs = performance.now() - started;
      // stdio may still be draining after exit.
      if (child.stdout.readable || child.stderr.readable) await new Promise((resolve) => child.once('close', resolve));
      let usage: NodeJS.ResourceUsage;
      try {
        usage = (JSON.parse(readFileSync(usageFile, 'utf8')) as { usage: NodeJS.ResourceUsage }).usage;
      } catch {
        throw new Error(`the child \`node ${nodeArgs.join(' ')}\` exited (${exitCode}) without reporting its resource usage:\n${stderr || stdout}`);
      }
      const userMs = usage.userCPUTime / 1000;
      const systemMs = usage.systemCPUTime / 1000;
      // maxRSS is in kilobytes (KiB).
      return { wallMs, cpuMs: userMs + systemMs, userMs, systemMs, maxRssMB: usage.maxRSS / 1024, exitCode, stdout, stderr };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return { child, started, stdout: () => stdout, stderr: () => stderr, exited };
}

/**
 * Run `node src/bin.js <args>` in a fresh process to its end and measure it.
 * @param args CLI arguments
 * @param cwd working folder of the child
 * @param env extra environment
 */
export function runCold(args: string[], cwd = REPO, env: Record<string, string> = COLD_ENV): Promise<ColdRun> {
  return spawnCli(args, cwd, env).exited;
}

/**
 * Node alone (`node -e 0`), started as the CLI is: what every command pays before skillpack's
 * first line runs (on this machine NODE_EXTRA_CA_CERTS, when set, makes Node read a CA bundle first).
 */
export function runNodeAlone(): Promise<ColdRun> {
  return spawnNode(['-e', '0'], REPO, {}).exited;
}

/**
 * What the CLI compiles on demand: the bundle of src/ (src/bin.js) and the player bundles
 * (Vite). When someone edits src/ while the bench runs, the next process compiles again
 * and is slower and larger for a reason that is not the command's: such runs are repeated.
 */
const TOOLCHAIN_CACHES = [path.join(REPO, 'node_modules', '.cache', 'skillpack'), path.join(REPO, 'node_modules', '.cache', 'skillpack', 'runtime')];

/** Names in the compile caches: changes when a process compiled something. */
export function toolchainState(): string {
  return TOOLCHAIN_CACHES.map((dir) => {
    try {
      return readdirSync(dir).filter((name) => !name.endsWith('.tmp')).sort().join(',');
    } catch {
      return '';
    }
  }).join('|');
}

/** Runs thrown away because the process compiled the CLI or the players first. */
export const discarded = { count: 0 };

/**
 * A cold run that must succeed: a failed build is a broken benchmark, not a slow one.
 * A run during which the CLI or the players were compiled again is repeated (up to 3 times).
 * @param args CLI arguments
 * @param what what is being built, for the error message
 */
export async function runColdOk(args: string[], what: string, env: Record<string, string> = COLD_ENV): Promise<ColdRun> {
  for (let attempt = 0; ; attempt++) {
    const before = toolchainState();
    const run = await runCold(args, REPO, env);
    if (run.exitCode !== 0) {
      throw new Error(`${what}: \`skillpack ${args.join(' ')}\` exited with ${run.exitCode}\n${(run.stdout + run.stderr).trim().split('\n').slice(-30).join('\n')}`);
    }
    if (toolchainState() === before || attempt >= 3) return run;
    discarded.count++;
  }
}

/** Wait `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Human units. */
export const fmt = {
  ms: (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`),
  mb: (mb: number) => `${mb.toFixed(0)} MB`,
  kb: (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`,
  rate: (perSecond: number) => `${perSecond.toFixed(1)} /s`,
  ratio: (r: number) => `${r.toFixed(2)}×`,
};

/** Wall time, CPU time and peak memory of repeated runs of one command. */
export interface ProcessFigures {
  wallMs: Stat;
  cpuMs: Stat;
  maxRssMB: Stat;
}

/**
 * Summarise measured runs.
 * @param runs one per fresh process
 */
export function processFigures(runs: ColdRun[]): ProcessFigures {
  return { wallMs: stat(runs.map((r) => r.wallMs)), cpuMs: stat(runs.map((r) => r.cpuMs)), maxRssMB: stat(runs.map((r) => r.maxRssMB)) };
}
