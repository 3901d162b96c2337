/**
 * Launching a package the way each platform would: a SCORM LMS puts an API
 * object in the parent window (the page does that with scorm-again, from the
 * seed given here), an xAPI launcher adds the Tin Can query (endpoint, auth,
 * actor, registration, activity_id), a cmi5 LMS writes LMS.LaunchData and
 * hands out a one-time fetch URL, and the web build just opens.
 */
import type { Course } from '../course/model.js';
import type { TargetName } from '../course/schema.js';
import { cmi5Au } from '../targets/cmi5.js';
import { createCmi5Launch } from './lrs/cmi5-launch.js';
import type { LrsStore } from './lrs/store.js';
import { loadCmi, scormSeed, type CmiTree, type ScormTarget } from './scorm-data.js';
import { actorOf, type PreviewLearner } from './session.js';

export interface LaunchContext {
  store: LrsStore;
  learner: PreviewLearner;
  /** The current attempt at this course and target. */
  registration: string;
  /** Absolute URL of the embedded LRS, ending in "/". */
  endpoint: string;
  /** The preview's Basic credentials (generated at start, never written into a package). */
  auth: string;
}

export interface Launch {
  course: string;
  target: TargetName;
  /** The package frame's URL, relative to the preview. */
  src: string;
  registration: string;
  learner: PreviewLearner & { actor: Record<string, unknown> };
  /** SCORM targets: what scorm-again loads before the frame starts. */
  scorm?: { version: '1.2' | '2004'; seed: CmiTree; resumed: boolean };
  /** xAPI and cmi5: the activity the statements are about. */
  activityId?: string;
}

type Launcher = (key: string, course: Course, context: LaunchContext, base: Omit<Launch, 'src'>, src: string) => Launch;

const scorm = (version: '1.2' | '2004'): Launcher => (key, course, context, base, src) => {
  const target = base.target as ScormTarget;
  const saved = loadCmi(context.store, { learner: context.learner.id, course: key, target, registration: context.registration });
  return { ...base, src, scorm: { version, seed: scormSeed(target, course, context.learner, saved), resumed: saved !== null } };
};

/** How each target is launched: a target without a launcher does not compile. */
const LAUNCHERS = {
  scorm12: scorm('1.2'),
  scorm2004: scorm('2004'),
  xapi: (_key, course, context, base, src) => {
    const query = new URLSearchParams({
      endpoint: context.endpoint,
      auth: context.auth,
      actor: JSON.stringify(base.learner.actor),
      registration: context.registration,
      activity_id: course.activityId,
    });
    return { ...base, src: `${src}?${query}`, activityId: course.activityId };
  },
  cmi5: (_key, course, context, base, src) => {
    const au = cmi5Au(course);
    // The learner prefers the course's language, then English (cmi5LearnerPreferences).
    const languagePreference = course.language === 'en' ? 'en' : `${course.language},en`;
    const launch = createCmi5Launch(context.store, { endpoint: context.endpoint, actor: base.learner.actor, auId: au.auId, masteryScore: au.masteryScore, moveOn: au.moveOn, registration: context.registration, languagePreference });
    return { ...base, src: `${src}?${launch.query}`, activityId: launch.activityId };
  },
  web: (_key, _course, _context, base, src) => ({ ...base, src }),
} satisfies Record<TargetName, Launcher>;

/**
 * Prepare one launch of a course's package.
 * @param key the course's key (its URL segment)
 * @param course the course of the last good build
 * @param target which package
 * @param context learner, attempt and LRS
 */
export function launchPackage(key: string, course: Course, target: TargetName, context: LaunchContext): Launch {
  const src = `/pkg/${encodeURIComponent(key)}/${target}/index.html`;
  const base = { course: key, target, registration: context.registration, learner: { ...context.learner, actor: actorOf(context.learner) } };
  return LAUNCHERS[target](key, course, context, base, src);
}
