/**
 * Loads courses on a worker thread, one at a time, with a time limit: a course
 * that takes longer is reported (and its worker replaced) instead of freezing
 * the caller. The preview keeps its server thread free this way; a build runs
 * one loader per core, so the catalogue is parsed on all of them. Structural
 * limits (markdown-limits.ts) keep ordinary pathological input fast; this
 * bounds whatever they miss.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Project } from './config.js';
import type { LoadedCourse, LoadOptions } from './load.js';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import type { LoadRequest } from './load-worker.js';

/** Longest a course may take to load (SKILLPACK_LOAD_LIMIT_MS, or its older name SKILLPACK_PREVIEW_LOAD_LIMIT_MS, overrides it). */
export const LOAD_LIMIT_MS = 30_000;
const configuredLimit = () => Number(process.env.SKILLPACK_LOAD_LIMIT_MS ?? process.env.SKILLPACK_PREVIEW_LOAD_LIMIT_MS) || LOAD_LIMIT_MS;

type Reply = { id: number; loaded?: LoadedCourse; error?: string };

export class CourseLoader {
  private worker: Worker | null = null;
  private next = 1;
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @param limitMs longest a course may take to load
   * @param afterLimit what happens to a course stopped at the limit, as its diagnostic says it
   * @param options how the thread loads (the preview's editing thread reuses unchanged files' results)
   */
  constructor(
    public limitMs = configuredLimit(),
    private readonly afterLimit = 'so the preview stopped it and keeps the last good build',
    private readonly options: LoadOptions = {},
  ) {}

  /** Load one course folder; never rejects (failures and time-outs are diagnostics). */
  load(dir: string, project: Project): Promise<LoadedCourse> {
    const job = this.queue.then(() => this.run(dir, project));
    this.queue = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }

  private run(dir: string, project: Project): Promise<LoadedCourse> {
    const worker = (this.worker ??= startWorker());
    const id = this.next++;
    return new Promise((resolve) => {
      const done = (loaded: LoadedCourse) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(loaded);
      };
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        done(reply.loaded ?? failed(dir, project, 'file-unprocessable', `the course could not be processed: ${reply.error ?? 'unknown error'}`));
      };
      const onError = (error: Error) => {
        this.worker = null;
        done(failed(dir, project, 'file-unprocessable', `the course could not be processed: ${error.message}`));
      };
      const timer = setTimeout(() => {
        // The worker is stuck in this course: stop it; the next course gets a fresh one.
        void worker.terminate();
        this.worker = null;
        done(failed(dir, project, 'load-time-limit', `loading this course took longer than ${(this.limitMs / 1000).toFixed(this.limitMs < 1000 ? 3 : 0)} s, ${this.afterLimit}`));
      }, this.limitMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, dir, project, options: this.options } satisfies LoadRequest);
    });
  }
}

/** The worker script sits beside this module: TypeScript when run from the sources, JavaScript in the bundle. */
function startWorker(): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const script = new URL(fromSources ? './load-worker.ts' : './load-worker.js', import.meta.url);
  // From the sources (tests, or no compiled bundle), the thread first teaches itself TypeScript, as bin.js does.
  const worker = fromSources
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script.href)}); });`, { eval: true })
    : new Worker(script);
  worker.unref();
  return worker;
}

/** A load that produced no course, with one diagnostic on its course.yml. */
function failed(dir: string, project: Project, rule: 'file-unprocessable' | 'load-time-limit', message: string): LoadedCourse {
  const sink = new DiagnosticSink();
  sink.report(path.relative(project.root, path.join(dir, 'course.yml')).split(path.sep).join('/'), { line: 1, column: 1 }, rule, message);
  return { dir, course: null, assets: [], diagnostics: sink.items, sources: [] };
}
