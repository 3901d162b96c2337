/**
 * The preview server: one HTTP server on 127.0.0.1 that serves the workspace
 * page, the courses' packages from memory, the embedded LRS, the page's API
 * and its event stream, and rebuilds a course when its sources change.
 *
 *   /              the workspace (templates/preview/)
 *   /pkg/<c>/<t>/  course c's package for target t, last good build
 *   /xapi/         the embedded LRS (a journal file) and the cmi5 LMS
 *   /api/          the page's JSON API
 *   /events        Server-Sent Events: builds, statements, clears
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { courseFolders, namedCourseFolder } from '../catalogue.js';
import { CONFIG_FILE, loadProject } from '../course/config.js';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { formatReport } from '../diagnostics/reporter.js';
import { UsageError } from '../errors.js';
import type { Language } from '../languages/index.js';
import { apiRoutes } from './api.js';
import { CourseBuilds, type CourseLoaders } from './course-builds.js';
import { EventHub } from './events.js';
import { sendError, type Route } from './http.js';
import { applyChanges, lessonDrafts, rebuildCourse, type RebuildContext } from './live-rebuild.js';
import { createLrsHandler } from './lrs/handler.js';
import { LrsStore } from './lrs/store.js';
import { packageRoute } from './package-route.js';
import { PreviewSession } from './session.js';
import { watchSources, type SourceWatcher } from './watcher.js';
import { workspaceLanguage } from './workspace-language.js';
import { workspaceRoute } from './workspace-route.js';

export interface PreviewServerOptions {
  /** Project folder (holds courses/ and maybe skillpack.config.yml). */
  root: string;
  /** A course folder to open first; added to the list when it is outside courses/. */
  course?: string;
  /** Port to try first; a free one is used when it is taken. 0: any free port. */
  port: number;
  /** Journal file of the embedded LRS (":memory:" for none). */
  db: string;
  /** Refuse cmi5 statements a strict LMS would refuse, and show why in the panel (default true). */
  strictCmi5?: boolean;
  /** The workspace's language (default: the catalogue page's, see workspace-language.ts). */
  language?: Language;
  /** Where log lines go (default: standard output). */
  log?: (line: string) => void;
  color?: boolean;
  /** What loads the courses (default: two threads; a test passes its own, to hold a build back). */
  loaders?: CourseLoaders;
}

export interface PreviewServer {
  url: string;
  port: number;
  builds: CourseBuilds;
  store: LrsStore;
  close(): Promise<void>;
}

/** Listen on 127.0.0.1 only; when the port is taken, on any free one. */
async function listen(server: Server, port: number): Promise<number> {
  const attempt = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const failed = (error: Error) => reject(error);
      server.once('error', failed);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', failed);
        resolve((server.address() as AddressInfo).port);
      });
    });
  try {
    return await attempt(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    return attempt(0);
  }
}

/** Start the preview; resolves once it listens and watches. */
export async function startPreview(options: PreviewServerOptions): Promise<PreviewServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const color = options.color ?? false;
  const sink = new DiagnosticSink();
  let project = loadProject(options.root, sink);
  if (sink.items.length) log(formatReport(sink.items, { color, root: project.root }));

  const courseDir = options.course ? namedCourseFolder(project, options.course) : null;
  if (options.course && !courseDir) throw new UsageError(`${options.course} is not a course folder (it has no course.yml) nor the id of a course in ${project.config.courses}/`);
  // Before any thread starts: a journal another preview holds stops this one here.
  const store = new LrsStore(options.db);
  const started = performance.now();
  const builds = await CourseBuilds.create(project, options.loaders);
  for (const dir of courseFolders(project)) builds.add(dir);
  const initialCourse = courseDir ? builds.add(courseDir) : undefined;
  if (builds.keys().length === 0) {
    // Made now if missing, so that the course the reviewer adds there is watched (a missing folder cannot be).
    mkdirSync(path.join(project.root, project.config.courses), { recursive: true });
    log(`no courses in ${path.join(project.root, project.config.courses)} yet: add a folder with a course.yml`);
  }

  const strictCmi5 = options.strictCmi5 ?? true;
  const session = new PreviewSession(store);
  // Preview-only credentials, new at every start and never written into a package on disk.
  const key = randomBytes(9).toString('base64url');
  const secret = randomBytes(18).toString('base64url');
  const auth = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  const events = new EventHub();
  const lrs = createLrsHandler({
    store,
    key,
    secret,
    base: '/xapi/',
    onStatements: (statements) => {
      const registrations = [...new Set(statements.map((s) => (s.context as { registration?: string } | undefined)?.registration).filter((r): r is string => Boolean(r)))];
      events.send({ type: 'statements', data: { registrations } });
    },
    strictCmi5,
    onRejection: (rejection) => {
      log(`cmi5: refused ${rejection.verb ?? 'a request'} (${rejection.requirement}): ${rejection.message}`);
      events.send({ type: 'rejections', data: { registrations: rejection.registration ? [rejection.registration] : [] } });
    },
  });
  const routes: Route[] = [
    events.route,
    apiRoutes({ builds, session, store, events, auth, initialCourse, db: options.db, strictCmi5 }),
    (req, res, url) => lrs(req, res, url),
    packageRoute(builds),
    workspaceRoute(() => workspaceLanguage(options.language, project, builds.keys().map((k) => builds.get(k)!.dir))),
  ];

  let allowedHosts = new Set<string>();
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // A page on another site must not reach the preview by rebinding a name to 127.0.0.1,
    // nor change its data with a cross-site request (browsers name the page's origin).
    const host = req.headers.host ?? '';
    if (!allowedHosts.has(host)) return void sendError(res, 403, 'unknown host: open the preview at the address it printed');
    // The request target is a path (origin-form): read as a URL, `//other/api/…` would name a host and route as `/api/…`.
    const target = req.url ?? '';
    const url = target.startsWith('/') ? URL.parse(`http://${host}${target}`) : null;
    if (!url) return void sendError(res, 400, 'the request target is not a path');
    const origin = req.headers.origin;
    if (origin && req.method !== 'GET' && req.method !== 'HEAD' && url.pathname.startsWith('/api/') && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      return void sendError(res, 403, 'the preview API answers its own page only');
    }
    try {
      for (const route of routes) if (await route(req, res, url)) return;
      sendError(res, 404, `nothing at ${url.pathname}`);
    } catch (error) {
      log(`error answering ${req.method} ${url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendError(res, 500, 'the preview failed to answer; see its log');
      else res.end();
    }
  };
  // Whatever one request does, the preview stays up for the next.
  const server = createServer((req, res) => void answer(req, res).catch((error: unknown) => {
    log(`error answering ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
    res.destroy();
  }));
  const port = await listen(server, options.port);
  if (options.port && port !== options.port) log(`port ${options.port} is in use; using ${port}`);
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const context: RebuildContext = {
    builds,
    events,
    project: () => project,
    setProject: (next) => {
      project = next;
      builds.setProject(next);
    },
    log,
    color,
  };
  // The course to open first is built now; the others follow without holding up the page.
  const first = initialCourse ?? builds.keys().sort()[0];
  if (first) await rebuildCourse(context, first, true);

  const coursesDir = path.resolve(project.root, project.config.courses);
  // courses/ covers its own folders; a course opened from elsewhere is watched by itself.
  const outside = builds.keys().map((k) => builds.get(k)!.dir).filter((dir) => !dir.startsWith(coursesDir + path.sep));
  const watched = [coursesDir, ...outside];
  if (existsSync(path.join(project.root, CONFIG_FILE))) watched.push(path.join(project.root, CONFIG_FILE));
  const draftLesson = lessonDrafts(context);
  const watcher: SourceWatcher = await watchSources(
    [...new Set(watched)].filter((p) => existsSync(p)),
    (changes) => void applyChanges(context, changes).catch((error: unknown) => log(`rebuild failed: ${error instanceof Error ? error.message : String(error)}`)),
    undefined,
    (change) => void draftLesson(change).catch((error: unknown) => log(`${path.relative(project.root, change.file)}: not drafted: ${error instanceof Error ? error.message : String(error)}`)),
  );

  // The rest are built after start-up on the loading thread, so requests are answered meanwhile.
  let closing = false;
  const rest = builds.keys().filter((k) => k !== first);
  const background = (async () => {
    for (const k of rest) {
      // A save (or a course the reviewer opens) goes first.
      await builds.editsSettled();
      if (closing) break;
      // A course that fails to build (a file removed while it was read) must not end the preview.
      if (builds.get(k) && !builds.get(k)!.builtAt) await rebuildCourse(context, k, true, true).catch((error: unknown) => log(`${k}: not built: ${error instanceof Error ? error.message : String(error)}`));
    }
    const failed = builds.summaries().filter((c) => !c.ok);
    const count = builds.keys().length;
    log(`${count} course${count === 1 ? '' : 's'} built in ${((performance.now() - started) / 1000).toFixed(2)} s${failed.length ? ` (${failed.length} with errors: ${failed.map((c) => c.key).join(', ')})` : ''}`);
  })();

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    builds,
    store,
    close: async () => {
      closing = true;
      await watcher.close();
      await background;
      await builds.close();
      events.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
