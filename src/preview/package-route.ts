/**
 * /pkg/<course>/<target>/<file>: the files of a course's last good build,
 * straight from memory. Never cached, so a reload always shows the latest build.
 */
import { TARGET_NAMES, type TargetName } from '../course/schema.js';
import type { CourseBuilds } from './course-builds.js';
import { contentType, type Route } from './http.js';

export function packageRoute(builds: CourseBuilds): Route {
  return (req, res, url) => {
    const match = /^\/pkg\/([^/]+)\/([^/]+)\/(.*)$/.exec(url.pathname);
    if (!match) return false;
    const [, course, target, rest] = match as unknown as [string, string, string, string];
    let file: string;
    try {
      file = decodeURIComponent(rest) || 'index.html';
    } catch {
      file = '';
    }
    const data = (TARGET_NAMES as readonly string[]).includes(target) ? builds.file(decodeURIComponent(course), target as TargetName, file) : undefined;
    if (!data) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`not in the preview build: ${url.pathname}`);
      return true;
    }
    res.writeHead(200, { 'content-type': contentType(file), 'content-length': data.length, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : data);
    return true;
  };
}
