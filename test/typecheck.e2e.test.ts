/**
 * The whole project type-checks (TypeScript strict, `tsc --noEmit`), as `npm run typecheck`:
 * part of `npm test`, in a child process that runs beside the other test files instead of
 * before all of them. Incremental: TypeScript keeps what it learnt in node_modules/.cache, so a
 * run after a small change checks only what the change affects.
 */
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { runNode } from './support/cli.js';
import { REPO } from './support/packages.js';

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const BUILD_INFO = 'node_modules/.cache/skillpack/tsconfig.tsbuildinfo';

it('type-checks with no error', async () => {
  const { status, stdout, stderr } = await runNode(TSC, ['--noEmit', '--incremental', '--tsBuildInfoFile', BUILD_INFO, '-p', '.'], { cwd: REPO });
  expect(stdout + stderr).toBe('');
  expect(status).toBe(0);
});
