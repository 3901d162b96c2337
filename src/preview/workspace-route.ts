/**
 * The workspace page itself: templates/preview/ (an HTML template, CSS and ES modules, read on
 * each request so editing them needs no restart) and scorm-again's browser build, which the page
 * uses as the LMS runtime. The page is written in the workspace's language; its scripts take
 * their words from it (#preview-words), as the CSP allows no inline script.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { LANGUAGES, type Language } from '../languages/index.js';
import { formatName } from '../package/catalogue-page.js';
import { scriptJson } from '../package/script-json.js';
import { renderFresh, TEMPLATE_DIR } from '../package/templates.js';
import { TARGETS } from '../targets/index.js';
import { TARGET_NAMES } from '../targets/names.js';
import { contentType, type Route } from './http.js';
import { packagePath } from '../paths.js';

const PAGE_DIR = new URL('preview/', TEMPLATE_DIR);
/** The IIFE build (window.Scorm12API, window.Scorm2004API) is what `require` resolves to. */
const SCORM_AGAIN = createRequire(packagePath('package.json')).resolve('scorm-again');
const PAGE_FILES = /^\/([a-z0-9-]+\.(?:css|js|svg))$/;

/** The workspace may only talk to this server and frame its packages. */
const PAGE_CSP = "default-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** The workspace page in `language`: its own words written in, the scripts' words (and each target's name for its tooltip) as JSON. */
export function workspacePage(language: Language): string {
  const { page, ...script } = LANGUAGES[language].preview;
  const formats = Object.fromEntries(TARGET_NAMES.map((target) => [target, formatName(target, TARGETS[target].label, language)]));
  return renderFresh('preview/index.html.hbs', { lang: language, words: page, scriptWords: scriptJson({ ...script, formats }) });
}

/** @param language the workspace's language, asked at each request of the page (the courses and the configuration may change meanwhile) */
export function workspaceRoute(language: () => Language): Route {
  return async (_req, res, url) => {
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { 'content-type': contentType('index.html'), 'cache-control': 'no-store', 'content-security-policy': PAGE_CSP });
      res.end(workspacePage(language()));
      return true;
    }
    let file: URL | string | null = null;
    let name = '';
    if (url.pathname === '/vendor/scorm-again.js') (file = SCORM_AGAIN), (name = 'scorm-again.js');
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
    res.writeHead(200, { 'content-type': contentType(name), 'cache-control': 'no-store' });
    res.end(data);
    return true;
  };
}
