/**
 * A compiler thread: it loads one course per message (through the content-hash
 * cache), so Markdown work, however slow, never holds up the preview's server
 * thread, and a build parses several courses at once.
 */
import { parentPort } from 'node:worker_threads';
import { loadCourseCached } from './cached-load.js';
import type { Project } from './config.js';
import type { LoadOptions } from './load.js';

export interface LoadRequest {
  id: number;
  dir: string;
  project: Project;
  options: LoadOptions;
}

/** Asked before the thread is stopped: answered once the cache writes queued so far are done. */
export interface CloseRequest {
  close: true;
}

parentPort?.on('message', (request: LoadRequest | CloseRequest) => {
  if ('close' in request) {
    // A load keeps its course with setImmediate, after its reply: immediates run in order, so this one comes after them.
    setImmediate(() => parentPort!.postMessage({ closed: true }));
    return;
  }
  const { id, dir, project, options } = request;
  try {
    parentPort!.postMessage({ id, loaded: loadCourseCached(dir, project, options) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
