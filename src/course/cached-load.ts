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
  if (cache.hit) return cache.hit;
  const loaded = loadCourse(dir, project, options);
  cache.store(loaded);
  return loaded;
}
