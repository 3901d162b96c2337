/**
 * `skillpack bench`: build speed, package size and runtime speed against the
 * targets of issue 7. The benchmark itself lives in bench/ at the top of the
 * repository (it drives the CLI as a user would, so it is not part of it);
 * this command only maps the flags onto it and prints the table.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packagePath } from '../paths.js';
import { UsageError } from '../errors.js';

export interface BenchOptions {
  root: string;
  runs: number;
  quick: boolean;
}

export async function benchCommand(options: BenchOptions): Promise<number> {
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new UsageError(`--runs must be a whole number of at least 1, not ${options.runs}`);
  const runner = packagePath('bench', 'run.ts');
  if (!existsSync(runner)) throw new UsageError('the benchmark is not part of the installed package: run it from a clone of the repository');
  const { runBench } = await import('../../bench/run.js');
  const color = Boolean(process.stdout.isTTY && !process.env.NO_COLOR);
  const { table, file } = await runBench({ root: options.root, runs: options.runs, quick: options.quick, color });
  process.stdout.write(`${table}\n→ ${path.relative(process.cwd(), file)} (and bench/results/latest.json)\n`);
  return 0;
}
