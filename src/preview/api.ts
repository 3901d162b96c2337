/**
 * The workspace page's JSON API (under /api/): the course list, launches,
 * the simulated LMS's saves, the statements of an attempt and what the cmi5
 * LMS refused, new attempts and
 * learners, clearing the LRS, and the export.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TARGET_NAMES, type TargetName } from '../course/schema.js';
import { TARGETS } from '../targets/index.js';
import type { CourseBuilds } from './course-builds.js';
import type { EventHub } from './events.js';
import { BadRequest, readJson, sendError, sendJson, type Route } from './http.js';
import { launchPackage } from './launch.js';
import type { LrsStore } from './lrs/store.js';
import { attemptStatements, exportReport } from './reports.js';
import { deleteCmi, isScorm, saveCmi, type CmiTree } from './scorm-data.js';
import { actorOf, type PreviewSession } from './session.js';

export interface ApiContext {
  builds: CourseBuilds;
  session: PreviewSession;
  store: LrsStore;
  events: EventHub;
  /** Basic credentials of the embedded LRS for xAPI launches. */
  auth: string;
  /** The course to open first (from the command line), if any. */
  initialCourse: string | undefined;
  /** Where the LRS journal is, shown in the page. */
  db: string;
  /** Whether the cmi5 LMS is strict (shown in the page). */
  strictCmi5: boolean;
}

const isTarget = (value: unknown): value is TargetName => typeof value === 'string' && (TARGET_NAMES as readonly string[]).includes(value);

/** The course key and target a request names, or a 400. */
function courseAndTarget(body: Record<string, unknown>, builds: CourseBuilds): { course: string; target: TargetName } {
  const { course, target } = body;
  if (typeof course !== 'string' || !builds.get(course)) throw new BadRequest(`unknown course ${String(course)}`);
  if (!isTarget(target)) throw new BadRequest(`unknown target ${String(target)}`);
  return { course, target };
}

export function apiRoutes(ctx: ApiContext): Route {
  const { builds, session, store, events } = ctx;
  const learnerView = () => ({ ...session.learner, actor: actorOf(session.learner) });

  const handlers: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<true> | true> = {
    'GET /api/state': (_req, res) =>
      sendJson(res, 200, {
        courses: builds.summaries(),
        targets: TARGET_NAMES.map((id) => ({ id, label: TARGETS[id].label })),
        learner: learnerView(),
        initialCourse: ctx.initialCourse ?? null,
        db: ctx.db,
        strictCmi5: ctx.strictCmi5,
      }),

    'POST /api/launch': async (req, res) => {
      const { course, target } = courseAndTarget(await readJson(req), builds);
      const built = builds.get(course)!;
      if (!built.course) return sendError(res, 409, 'the course has not built successfully yet');
      const launch = launchPackage(course, built.course, target, {
        store,
        learner: session.learner,
        registration: session.registration(course, target),
        endpoint: `http://${req.headers.host}/xapi/`,
        auth: ctx.auth,
      });
      // A cmi5 launch records `launched` itself, past the LRS handler's hook.
      if (target === 'cmi5') events.send({ type: 'statements', data: { registrations: [launch.registration] } });
      return sendJson(res, 200, launch);
    },

    'PUT /api/cmi': async (req, res) => {
      const body = await readJson(req);
      const { course, target } = courseAndTarget(body, builds);
      if (!isScorm(target)) throw new BadRequest('CMI data belongs to the SCORM targets');
      if (typeof body.registration !== 'string' || typeof body.learner !== 'string') throw new BadRequest('registration and learner are required');
      if (!body.cmi || typeof body.cmi !== 'object') throw new BadRequest('cmi must be an object');
      saveCmi(store, { learner: body.learner, course, target, registration: body.registration }, body.cmi as CmiTree);
      res.writeHead(204, { 'cache-control': 'no-store' }).end();
      return true as const;
    },

    'GET /api/statements': (_req, res, url) => {
      const registration = url.searchParams.get('registration');
      if (!registration) throw new BadRequest('registration is required');
      return sendJson(res, 200, { statements: attemptStatements(store, registration), rejections: store.cmi5.rejections(registration) });
    },

    'POST /api/attempt': async (req, res) => {
      const { course, target } = courseAndTarget(await readJson(req), builds);
      const previous = session.newAttempt(course, target);
      if (previous && isScorm(target)) deleteCmi(store, { learner: session.learner.id, course, target, registration: previous });
      return sendJson(res, 200, { registration: session.registration(course, target) });
    },

    'POST /api/learner': (_req, res) => {
      session.newLearner();
      events.send({ type: 'session', data: { learner: learnerView() } });
      return sendJson(res, 200, { learner: learnerView() });
    },

    'POST /api/clear': (_req, res) => {
      store.clear();
      session.reset();
      events.send({ type: 'cleared', data: { learner: learnerView() } });
      return sendJson(res, 200, { cleared: true });
    },

    'GET /api/export': (_req, res) => {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      return sendJson(res, 200, exportReport(store, session.learner), { 'content-disposition': `attachment; filename="skillpack-preview-${stamp}.json"` });
    },
  };

  return async (req, res, url) => {
    if (!url.pathname.startsWith('/api/')) return false;
    const handler = handlers[`${req.method} ${url.pathname}`];
    if (!handler) return sendError(res, 404, `no ${req.method} ${url.pathname}`);
    try {
      return await handler(req, res, url);
    } catch (error) {
      if (error instanceof BadRequest) return sendError(res, 400, error.message);
      throw error;
    }
  };
}
