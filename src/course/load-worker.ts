/**
 * A compiler thread: it loads one course per message (through the content-hash
 * cache), so Markdown work, however slow, never holds up the preview's server
 * thread, and a build parses several courses at once.
 */
import { parentPort } from 'node:worker_threads';
import { loadCourseCached } from './cached-load.js';
import type { Project } from './config.js';
import { draftLesson } from './lesson-draft.js';
import { originsOf } from './kept-origins.js';
import type { LoadOptions } from './load.js';

export interface LoadRequest {
  id: number;
  dir: string;
  project: Project;
  options: LoadOptions;
}

/** One lesson compiled on its own (draftLesson), answered with `lesson`. */
export interface DraftRequest {
  id: number;
  draft: { dir: string; project: Project; file: string; options: LoadOptions };
}

/** Asked before the thread is stopped: answered once the cache writes queued so far are done. */
export interface CloseRequest {
  close: true;
}

parentPort?.on('message', (request: LoadRequest | DraftRequest | CloseRequest) => {
  if ('close' in request) {
    // A load keeps its course with setImmediate, after its reply: immediates run in order, so this one comes after them.
    setImmediate(() => parentPort!.postMessage({ closed: true }));
    return;
  }
  const { id } = request;
  try {
    if ('draft' in request) parentPort!.postMessage({ id, lesson: draftLesson(request.draft.dir, request.draft.project, request.draft.file, request.draft.options) });
    else {
      const loaded = loadCourseCached(request.dir, request.project, request.options);
      // The reply is a copy: where its questions were written goes with it (kept-origins.ts).
      parentPort!.postMessage({ id, loaded, origins: originsOf(loaded) });
    }
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
