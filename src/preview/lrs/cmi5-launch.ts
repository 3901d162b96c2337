/**
 * The LMS side of a cmi5 launch (cmi5 §8, §10, §11): open a session (and
 * abandon the registration's sessions still open), write LMS.LaunchData and
 * the learner's cmi5LearnerPreferences, issue a one-time fetch token, record
 * `launched`, and return the launch URL's query. The preview uses it to launch
 * cmi5 packages; the tests use it as the LMS.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { CMI5_CATEGORY, SESSION_EXTENSION, VERBS } from './cmi5-rules.js';
import type { Cmi5Session, ContextTemplate, LaunchMode } from './cmi5-sessions.js';
import type { LrsStore } from './store.js';
import { agentKey } from './store.js';

export interface Cmi5LaunchOptions {
  /** Absolute endpoint of the LRS, ending in "/". */
  endpoint: string;
  actor: Record<string, unknown>;
  /** The AU id from cmi5.xml (the publisher id). */
  auId: string;
  masteryScore: number | null;
  moveOn: string;
  launchMode?: LaunchMode;
  returnURL?: string;
  registration?: string;
  /** The learner's languages in order of preference, e.g. "zh-CN,en" (cmi5 §11.1). Default "en". */
  languagePreference?: string;
}

export interface Cmi5Launch {
  registration: string;
  activityId: string;
  sessionId: string;
  /** Query string (without "?") for the AU's launch URL. */
  query: string;
}

export const LAUNCH_DATA = 'LMS.LaunchData';
export const LEARNER_PREFERENCES = 'cmi5LearnerPreferences';
const LAUNCHED = 'http://adlnet.gov/expapi/verbs/launched';
const ABANDONED = 'https://w3id.org/xapi/adl/verbs/abandoned';

/** ISO 8601 duration between two instants, in seconds. */
function since(start: string, end: string): string {
  const seconds = Math.max(0, Date.parse(end) - Date.parse(start)) / 1000;
  return `PT${Math.round(seconds * 100) / 100}S`;
}

/** A statement the LMS itself makes about a session (launched, abandoned). */
function lmsStatement(
  session: Pick<Cmi5Session, 'actor' | 'registration' | 'activityId' | 'template'>,
  verb: string,
  name: string,
  now: string,
  extra: { extensions?: Record<string, unknown>; result?: Record<string, unknown> } = {},
): Record<string, unknown> & { id: string } {
  return {
    id: randomUUID(),
    actor: session.actor,
    verb: { id: verb, display: { 'en-US': name } },
    object: { objectType: 'Activity', id: session.activityId },
    ...(extra.result ? { result: extra.result } : {}),
    context: {
      registration: session.registration,
      contextActivities: { ...session.template.contextActivities, category: [{ id: CMI5_CATEGORY }] },
      extensions: { ...session.template.extensions, ...extra.extensions },
    },
    timestamp: now,
    stored: now,
  };
}

/**
 * Abandon every open session of a registration: those this process launched
 * and did not see end, and those an earlier run launched (known from their
 * `launched` statement with no `terminated` or `abandoned` after it).
 */
function abandonOpenSessions(store: LrsStore, registration: string, now: string): void {
  const open = new Map<string, Record<string, unknown>>();
  for (const { statement } of store.queryStatements({ registration, ascending: true, limit: Number.MAX_SAFE_INTEGER }).statements) {
    const session = (statement.context as { extensions?: Record<string, unknown> } | undefined)?.extensions?.[SESSION_EXTENSION];
    if (typeof session !== 'string') continue;
    const verb = (statement.verb as { id: string }).id;
    if (verb === LAUNCHED) open.set(session, statement);
    else if (verb === ABANDONED || verb === VERBS.terminated) open.delete(session);
  }
  for (const session of store.cmi5.openSessions(registration)) session.abandoned = true;
  const abandoned = [...open].map(([sessionId, launched]) => {
    const context = launched.context as { contextActivities: Record<string, Array<Record<string, unknown>>>; extensions: Record<string, unknown> };
    const { category: _category, ...contextActivities } = context.contextActivities;
    const template: ContextTemplate = { contextActivities, extensions: { [SESSION_EXTENSION]: sessionId } };
    const session = { actor: launched.actor as Record<string, unknown>, registration, activityId: (launched.object as { id: string }).id, template };
    return lmsStatement(session, ABANDONED, 'abandoned', now, { result: { duration: since(launched.timestamp as string, now) } });
  });
  store.insertStatements(abandoned);
}

/**
 * Launch an AU as a cmi5 LMS would.
 * @param store the LRS (and its cmi5 sessions)
 * @param options who, what and how
 */
export function createCmi5Launch(store: LrsStore, options: Cmi5LaunchOptions): Cmi5Launch {
  const registration = options.registration ?? randomUUID();
  // The LMS gives the AU an activity id of its own, distinct from the AU id (§8.1.5).
  const activityId = `${options.auId}?lms-registration=${registration}`;
  const sessionId = randomUUID();
  const agent = agentKey(options.actor) ?? '';
  const now = new Date().toISOString();
  abandonOpenSessions(store, registration, now);

  const template: ContextTemplate = {
    contextActivities: { grouping: [{ objectType: 'Activity', id: options.auId }] },
    extensions: { [SESSION_EXTENSION]: sessionId },
  };
  const launchMode = options.launchMode ?? 'Normal';
  const launchData = {
    contextTemplate: template,
    launchMode,
    moveOn: options.moveOn,
    ...(options.masteryScore !== null ? { masteryScore: options.masteryScore } : {}),
    ...(options.returnURL ? { returnURL: options.returnURL } : {}),
  };
  store.putDocument('state', activityId, agent, registration, LAUNCH_DATA, 'application/json', Buffer.from(JSON.stringify(launchData)));
  const preferences = { languagePreference: options.languagePreference ?? 'en', audioPreference: 'on' };
  store.putDocument('agent-profile', '', agent, '', LEARNER_PREFERENCES, 'application/json', Buffer.from(JSON.stringify(preferences)));

  const session: Cmi5Session = {
    id: sessionId,
    registration,
    actor: options.actor,
    actorKey: agent,
    activityId,
    launchMode,
    masteryScore: options.masteryScore,
    moveOn: options.moveOn,
    template,
    authToken: randomBytes(24).toString('base64url'),
    launchedAt: now,
    prefsRead: false,
    verbs: new Set(),
    initializedAt: null,
    latestAt: null,
    terminated: false,
    abandoned: false,
  };
  // What the registration achieved in earlier runs still counts (at most one completed and one passed).
  const progress = store.cmi5.progressOf(registration);
  for (const { statement } of store.queryStatements({ registration, ascending: true, limit: Number.MAX_SAFE_INTEGER }).statements) {
    const verb = (statement.verb as { id: string }).id;
    const cmi5 = ((statement.context as { contextActivities?: { category?: Array<{ id: string }> } } | undefined)?.contextActivities?.category ?? []).some((c) => c.id === CMI5_CATEGORY);
    if (cmi5 && verb === VERBS.completed) progress.completed = true;
    if (cmi5 && verb === VERBS.passed) progress.passed = true;
  }
  const fetchToken = randomBytes(24).toString('base64url');
  store.cmi5.add(session, fetchToken);
  store.insertStatements([
    lmsStatement(session, LAUNCHED, 'launched', now, {
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/launchmode': launchMode, 'https://w3id.org/xapi/cmi5/context/extensions/moveon': options.moveOn },
    }),
  ]);
  const query = new URLSearchParams({
    endpoint: options.endpoint,
    fetch: `${options.endpoint}cmi5/fetch/${fetchToken}`,
    actor: JSON.stringify(options.actor),
    registration,
    activityId,
  }).toString();
  return { registration, activityId, sessionId, query };
}
