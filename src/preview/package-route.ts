/**
 * /pkg/<course>/<target>/<file>: the files of a course's last good build,
 * straight from memory. Never cached, so a reload always shows the latest build.
 */
import { TARGET_NAMES, type TargetName } from '../course/schema.js';
import type { CourseBuilds } from './course-builds.js';
import { contentType, type Route } from './http.js';

/**
 * A course file opened on its own (an SVG or a text file a lesson links to) runs no
 * script and gets an origin of its own, so even content that slipped past the checks
 * could not read the preview's stored statements or LRS credentials. PDFs are left
 * out: Chrome shows no PDF in a sandboxed document.
 */
const ASSET_CSP = "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'";

function assetHeaders(file: string): Record<string, string> {
  if (!file.startsWith('content/')) return {};
  return file.toLowerCase().endsWith('.pdf') ? {} : { 'content-security-policy': ASSET_CSP };
}

export function packageRoute(builds: CourseBuilds): Route {
  return (req, res, url) => {
    const match = /^\/pkg\/([^/]+)\/([^/]+)\/(.*)$/.exec(url.pathname);
    if (!match) return false;
    const [, course, target, rest] = match as unknown as [string, string, string, string];
    let data: Buffer | undefined;
    let file = '';
    try {
      file = decodeURIComponent(rest) || 'index.html';
      if ((TARGET_NAMES as readonly string[]).includes(target)) data = builds.file(decodeURIComponent(course), target as TargetName, file);
    } catch (error) {
      if (!(error instanceof URIError)) throw error;
      // a malformed escape names no file of the build
    }
    if (!data) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`not in the preview build: ${url.pathname}`);
      return true;
    }
    res.writeHead(200, { 'content-type': contentType(file), 'content-length': data.length, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...assetHeaders(file) });
    res.end(req.method === 'HEAD' ? undefined : data);
    return true;
  };
}
