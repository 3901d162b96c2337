/**
 * The preview's compiler thread: it loads one course per message (through the
 * content-hash cache), so Markdown work, however slow, never holds up the
 * server thread that answers the page, the LMS and the LRS.
 */
import { parentPort } from 'node:worker_threads';
import { loadCourseCached } from '../course/cached-load.js';
import type { Project } from '../course/config.js';

export interface LoadRequest {
  id: number;
  dir: string;
  project: Project;
}

parentPort?.on('message', ({ id, dir, project }: LoadRequest) => {
  try {
    parentPort!.postMessage({ id, loaded: loadCourseCached(dir, project) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
