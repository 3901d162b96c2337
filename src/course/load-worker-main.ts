/** The worker side of load-pool.ts: load each course folder it is sent, reply with the result. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Project } from './config.js';
import { loadCourse } from './load.js';

const project = workerData as Project;
parentPort!.on('message', (dir: string) => {
  parentPort!.postMessage(loadCourse(dir, project));
});
parentPort!.postMessage('ready');
