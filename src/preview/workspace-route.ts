/**
 * The workspace page itself: templates/preview/ (plain HTML, CSS and ES
 * modules, read on each request so editing them needs no restart) and
 * scorm-again's browser build, which the page uses as the LMS runtime.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { TEMPLATE_DIR } from '../package/templates.js';
import { contentType, type Route } from './http.js';
import { packagePath } from '../paths.js';

const PAGE_DIR = new URL('preview/', TEMPLATE_DIR);
/** The IIFE build (window.Scorm12API, window.Scorm2004API) is what `require` resolves to. */
const SCORM_AGAIN = createRequire(packagePath('package.json')).resolve('scorm-again');
const PAGE_FILES = /^\/([a-z0-9-]+\.(?:html|css|js|svg))$/;

/** The workspace may only talk to this server and frame its packages. */
const PAGE_CSP = "default-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export const workspaceRoute: Route = async (_req, res, url) => {
  let file: URL | string | null = null;
  let name = '';
  if (url.pathname === '/' || url.pathname === '/index.html') (file = new URL('index.html', PAGE_DIR)), (name = 'index.html');
  else if (url.pathname === '/vendor/scorm-again.js') (file = SCORM_AGAIN), (name = 'scorm-again.js');
  else {
    const match = PAGE_FILES.exec(url.pathname);
    if (match) (file = new URL(match[1]!, PAGE_DIR)), (name = match[1]!);
  }
  if (!file) return false;
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return false;
  }
  res.writeHead(200, { 'content-type': contentType(name), 'cache-control': 'no-store', ...(name.endsWith('.html') ? { 'content-security-policy': PAGE_CSP } : {}) });
  res.end(data);
  return true;
};
