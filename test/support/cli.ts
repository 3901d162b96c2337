/**
 * Running the `skillpack` command as a user would, in a child process, without
 * blocking the test worker while it runs.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO } from './packages.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `skillpack <args>`; resolves when the process exits. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return runNode(path.join(REPO, 'src/bin.js'), args, { ...options, env: { NO_COLOR: '1', ...options.env } });
}

/** Run a Node script in a child process; resolves with its exit status and output when it exits. */
export function runNode(script: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
