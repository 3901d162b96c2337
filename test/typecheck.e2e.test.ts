/**
 * The whole project type-checks (TypeScript strict, `tsc --noEmit`), as `npm run typecheck`:
 * part of `npm test`, in a child process that runs beside the other test files instead of
 * before all of them.
 */
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { runNode } from './support/cli.js';
import { REPO } from './support/packages.js';

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

it('type-checks with no error', async () => {
  const { status, stdout, stderr } = await runNode(TSC, ['--noEmit', '-p', '.'], { cwd: REPO });
  expect(stdout + stderr).toBe('');
  expect(status).toBe(0);
});
