/**
 * Running xmllint (WebAssembly) off the main thread: a small pool of
 * long-lived workers (xmllint-worker.cjs) that compile the module once, one
 * run at a time each. Idle workers do not keep the process alive.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface XmllintFile {
  fileName: string;
  contents: Uint8Array;
}

/** The worker could not be started or died: callers may fall back to another way. */
export class WorkerUnavailable extends Error {}

export interface XmllintResult {
  exitCode: number;
  stderr: string;
}

interface Job {
  id: number;
  files: XmllintFile[];
  args: string[];
  maxMemoryPages: number;
  resolve: (result: XmllintResult) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  job?: Job;
}

const POOL_SIZE = 2;
const queue: Job[] = [];
const pool: PoolWorker[] = [];
let nextId = 0;

/**
 * Run xmllint with these in-memory files and arguments.
 * @param script the worker script (xmllint-worker.cjs)
 */
export function runXmllint(script: string, files: XmllintFile[], args: string[], maxMemoryPages: number): Promise<XmllintResult> {
  if (!existsSync(script)) return Promise.reject(new WorkerUnavailable(`${script} is missing`));
  return new Promise((resolve, reject) => {
    queue.push({ id: nextId++, files, args, maxMemoryPages, resolve, reject });
    void dispatch(script);
  });
}

let compiled: Promise<WebAssembly.Module | undefined> | undefined;

/** The xmllint WebAssembly module, compiled once per process (off the main thread). */
function xmllintModule(): Promise<WebAssembly.Module | undefined> {
  compiled ??= (async () => {
    try {
      const entry = createRequire(import.meta.url).resolve('xmllint-wasm/xmllint-node.js');
      return await WebAssembly.compile(await readFile(path.join(path.dirname(entry), 'xmllint.wasm')));
    } catch {
      return undefined; // each worker then compiles its own
    }
  })();
  return compiled;
}

async function dispatch(script: string): Promise<void> {
  const module = await xmllintModule();
  while (queue.length) {
    let idle = pool.find((p) => !p.job);
    if (!idle && pool.length < POOL_SIZE) idle = start(script, module);
    if (!idle) return;
    const job = queue.shift()!;
    idle.job = job;
    idle.worker.ref();
    idle.worker.postMessage({ type: 'skillpack-xmllint', id: job.id, files: job.files, args: job.args, maxMemoryPages: job.maxMemoryPages });
  }
}

function start(script: string, module: WebAssembly.Module | undefined): PoolWorker {
  const entry: PoolWorker = { worker: new Worker(path.resolve(script), { workerData: { module } }) };
  entry.worker.unref();
  entry.worker.on('message', (message: { id?: number; exitCode: number; stderr: string }) => {
    const job = entry.job;
    if (!job || message.id !== job.id) return;
    entry.job = undefined;
    entry.worker.unref();
    job.resolve({ exitCode: message.exitCode, stderr: message.stderr });
    void dispatch(script);
  });
  const fail = (error: Error) => {
    pool.splice(pool.indexOf(entry), 1);
    entry.job?.reject(new WorkerUnavailable(error.message));
    entry.job = undefined;
    if (queue.length) void dispatch(script);
  };
  entry.worker.on('error', fail);
  entry.worker.on('exit', (code) => {
    if (pool.includes(entry)) fail(new WorkerUnavailable(`the xmllint worker stopped (exit code ${code})`));
  });
  pool.push(entry);
  return entry;
}
