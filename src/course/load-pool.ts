/**
 * Loading many courses on both cores: Markdown parsing is most of a build's
 * CPU time and each course is independent, so a worker thread takes courses
 * from the same queue as the main thread. Any worker trouble falls back to
 * loading in the main thread: the result never depends on the pool.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Project } from './config.js';
import { loadCourse, type LoadedCourse } from './load.js';

/** Below this many courses, starting a worker costs more than it saves. */
const MIN_COURSES_FOR_WORKERS = 6;

/** A worker that loads one course folder per request. */
class CourseWorker {
  private readonly worker: Worker;
  private readonly ready: Promise<boolean>;
  private pending: ((result: LoadedCourse | null) => void) | null = null;

  constructor(project: Project) {
    this.worker = new Worker(new URL('./load-worker.js', import.meta.url), { workerData: project });
    this.ready = new Promise((resolve) => {
      this.worker.once('message', () => resolve(true));
      this.worker.once('error', () => resolve(false));
    });
    this.worker.on('error', () => this.settle(null));
    this.worker.on('exit', () => this.settle(null));
  }

  private settle(result: LoadedCourse | null): void {
    const resolve = this.pending;
    this.pending = null;
    resolve?.(result);
  }

  /** Load a course; null when the worker failed (the caller loads it itself). */
  async load(dir: string): Promise<LoadedCourse | null> {
    if (!(await this.ready)) return null;
    return new Promise((resolve) => {
      this.pending = resolve;
      this.worker.once('message', (result: LoadedCourse) => this.settle(result));
      this.worker.postMessage(dir);
    });
  }

  close(): void {
    void this.worker.terminate();
  }
}

/** Load course folders, in the given order, using every core. */
export async function loadCourses(dirs: string[], project: Project): Promise<LoadedCourse[]> {
  const results: LoadedCourse[] = new Array(dirs.length);
  let next = 0;
  const take = () => (next < dirs.length ? next++ : -1);
  const cores = availableParallelism();
  const workers = dirs.length >= MIN_COURSES_FOR_WORKERS && cores > 1 ? Array.from({ length: Math.min(cores - 1, 3) }, () => new CourseWorker(project)) : [];
  const jobs = workers.map(async (worker) => {
    for (let i = take(); i >= 0; i = take()) {
      const result = await worker.load(dirs[i]!);
      results[i] = result ?? loadCourse(dirs[i]!, project);
      if (!result) break; // the worker is broken: the main thread takes over the queue
    }
    worker.close();
  });
  for (let i = take(); i >= 0; i = take()) {
    results[i] = loadCourse(dirs[i]!, project);
    // Let the workers' replies in between courses.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(jobs);
  return results;
}
