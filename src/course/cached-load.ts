/**
 * Loading a course through the content-hash cache (see cache.ts), for callers that load
 * synchronously (the preview's rebuilds).
 */
import { lookupCourse } from './cache.js';
import type { Project } from './config.js';
import { loadCourse, type LoadedCourse, type LoadOptions } from './load.js';

/** Load a course, from the cache when nothing it depends on changed. */
export function loadCourseCached(dir: string, project: Project, options: LoadOptions = {}): LoadedCourse {
  const cache = lookupCourse(dir, project);
  if (cache.hit) {
    // Nothing of a course from the cache is kept for reuse: compile it once, just after the
    // caller's reply is on its way, so that the first save compiles only the saved file.
    if (options.reuseFiles) setImmediate(() => guardedWarmUp(dir, project, options));
    return { ...cache.hit.full(), cacheKey: cache.key };
  }
  const loaded = loadCourse(dir, project, options);
  return { ...loaded, cacheKey: cache.store(loaded) };
}

function guardedWarmUp(dir: string, project: Project, options: LoadOptions): void {
  try {
    loadCourse(dir, project, options);
  } catch {
    // The next real load reports whatever is wrong.
  }
}
