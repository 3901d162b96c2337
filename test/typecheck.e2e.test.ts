/**
 * The whole project type-checks (TypeScript strict, `tsc --noEmit`), as `npm run typecheck`:
 * part of `npm test`, in a child process that runs beside the other test files instead of
 * before all of them.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { REPO } from './support/packages.js';

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

it('type-checks with no error', async () => {
  const { status, output } = await new Promise<{ status: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [TSC, '--noEmit', '-p', '.'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code, output }));
  });
  expect(output).toBe('');
  expect(status).toBe(0);
});
