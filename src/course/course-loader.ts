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
import type { Lesson } from './model.js';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import type { CloseRequest, DraftRequest, LoadRequest } from './load-worker.js';
import { restoreOrigins, type KeptOrigins } from './kept-origins.js';

/**
 * Longest a lesson's draft may take (the preview's quick look at a saved lesson): one that takes
 * longer is given up (its thread replaced, as at the load limit) and the course's load that follows
 * shows the lesson, so a slow lesson does not hold that load up for a whole load limit first.
 */
export const DRAFT_LIMIT_MS = 2_000;

/** Longest a course may take to load (SKILLPACK_LOAD_LIMIT_MS, or its older name SKILLPACK_PREVIEW_LOAD_LIMIT_MS, overrides it). */
export const LOAD_LIMIT_MS = 30_000;
const configuredLimit = () => Number(process.env.SKILLPACK_LOAD_LIMIT_MS ?? process.env.SKILLPACK_PREVIEW_LOAD_LIMIT_MS) || LOAD_LIMIT_MS;

type Reply = { id: number; loaded?: LoadedCourse; origins?: KeptOrigins; lesson?: Lesson | null; error?: string };
type Failure = 'file-unprocessable' | 'load-time-limit';

export class CourseLoader {
  private worker: Worker | null = null;
  private next = 1;
  private queue: Promise<unknown> = Promise.resolve();
  /** Loads sent to the thread and not answered yet. */
  private busy = 0;

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

  /**
   * Load one course folder; never rejects (failures and time-outs are diagnostics).
   * @param options how to load this course (default: the loader's)
   */
  load(dir: string, project: Project, options: LoadOptions = this.options): Promise<LoadedCourse> {
    return this.enqueue(() =>
      this.run({ dir, project, options }, this.limitMs, (reply) => (reply.loaded ? withOrigins(reply.loaded, reply.origins) : failed(dir, project, 'file-unprocessable', `the course could not be processed: ${reply.error ?? 'unknown error'}`)), (code, message) => failed(dir, project, code, message)),
    );
  }

  /**
   * One lesson of a course compiled on its own (draftLesson), after the loads asked for before it;
   * null when it has a problem, or took longer than DRAFT_LIMIT_MS (or the load limit, if shorter).
   * Never rejects.
   * @param file absolute path of the lesson file
   */
  draft(dir: string, project: Project, file: string): Promise<Lesson | null> {
    return this.enqueue(() => this.run({ draft: { dir, project, file, options: this.options } }, Math.min(DRAFT_LIMIT_MS, this.limitMs), (reply) => reply.lesson ?? null, () => null));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const job = this.queue.then(task);
    this.queue = job.catch(() => undefined);
    return job;
  }

  /**
   * Stop the thread. An idle one first finishes keeping what it loaded in the cache (it writes
   * just after each reply), or the last course a build parsed would be parsed again next time.
   */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    if (this.busy === 0) await finishWrites(worker);
    await worker.terminate();
  }

  /**
   * Send one request to the thread and wait for its answer.
   * @param limitMs longest to wait: the thread is then stopped (the next request gets a fresh one)
   * @param answer the result from the thread's reply
   * @param failure the result when the thread failed or took too long (a rule and a message)
   */
  private run<T>(request: Omit<LoadRequest, 'id'> | Omit<DraftRequest, 'id'>, limitMs: number, answer: (reply: Reply) => T, failure: (rule: Failure, message: string) => T): Promise<T> {
    const worker = (this.worker ??= startWorker());
    const id = this.next++;
    this.busy++;
    return new Promise((resolve) => {
      const done = (result: T) => {
        this.busy--;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(result);
      };
      const onMessage = (reply: Reply) => {
        if (reply.id === id) done(answer(reply));
      };
      const onError = (error: Error) => {
        this.worker = null;
        done(failure('file-unprocessable', `the course could not be processed: ${error.message}`));
      };
      const timer = setTimeout(() => {
        // The worker is stuck in this course: stop it; the next course gets a fresh one.
        void worker.terminate();
        this.worker = null;
        done(failure('load-time-limit', `loading this course took longer than ${(limitMs / 1000).toFixed(limitMs < 1000 ? 3 : 0)} s, ${this.afterLimit}`));
      }, limitMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, ...request } satisfies LoadRequest | DraftRequest);
    });
  }
}

/** Longest a closing thread may take over its last cache writes (a course's entry is a few megabytes at most). */
const FINISH_WRITES_MS = 5_000;

/** Resolves once the thread has written what it queued for the cache (or is gone, or took too long). */
function finishWrites(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', finish);
      worker.off('error', finish);
      resolve();
    };
    const onMessage = (reply: { closed?: boolean }) => reply.closed && finish();
    const timer = setTimeout(finish, FINISH_WRITES_MS);
    worker.on('message', onMessage);
    worker.once('exit', finish);
    worker.once('error', finish);
    worker.postMessage({ close: true } satisfies CloseRequest);
  });
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
function failed(dir: string, project: Project, rule: Failure, message: string): LoadedCourse {
  const sink = new DiagnosticSink();
  sink.report(path.relative(project.root, path.join(dir, 'course.yml')).split(path.sep).join('/'), { line: 1, column: 1 }, rule, message);
  return { dir, course: null, assets: [], diagnostics: sink.items, sources: [] };
}

/** A course copied from the thread, its questions given the places they were written (for the exports' warnings). */
function withOrigins(loaded: LoadedCourse, origins: KeptOrigins = []): LoadedCourse {
  restoreOrigins(loaded, origins);
  return loaded;
}
