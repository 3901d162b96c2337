/**
 * The LMS side of a cmi5 launch (cmi5 §8, §10): write LMS.LaunchData, issue a
 * one-time fetch token, record `launched`, and return the launch URL's query.
 * The preview uses it to launch cmi5 packages; the tests use it as the LMS.
 */
import { randomUUID } from 'node:crypto';
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
  launchMode?: 'Normal' | 'Browse' | 'Review';
  returnURL?: string;
  registration?: string;
}

export interface Cmi5Launch {
  registration: string;
  activityId: string;
  sessionId: string;
  /** Query string (without "?") for the AU's launch URL. */
  query: string;
}

export function createCmi5Launch(store: LrsStore, options: Cmi5LaunchOptions): Cmi5Launch {
  const registration = options.registration ?? randomUUID();
  // The LMS gives the AU an activity id of its own, distinct from the AU id (§8.1.5).
  const activityId = `${options.auId}?lms-registration=${registration}`;
  const sessionId = randomUUID();
  const agent = agentKey(options.actor) ?? '';
  const launchData = {
    contextTemplate: {
      contextActivities: { grouping: [{ objectType: 'Activity', id: options.auId }] },
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId },
    },
    launchMode: options.launchMode ?? 'Normal',
    moveOn: options.moveOn,
    ...(options.masteryScore !== null ? { masteryScore: options.masteryScore } : {}),
    ...(options.returnURL ? { returnURL: options.returnURL } : {}),
  };
  store.putDocument('state', activityId, agent, registration, 'LMS.LaunchData', 'application/json', Buffer.from(JSON.stringify(launchData)));
  const token = randomUUID();
  store.addToken(token, Buffer.from(`cmi5:${randomUUID()}`).toString('base64'));
  const now = new Date().toISOString();
  store.insertStatements([
    {
      id: randomUUID(),
      actor: options.actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched' } },
      object: { objectType: 'Activity', id: activityId },
      context: {
        registration,
        contextActivities: { ...launchData.contextTemplate.contextActivities, category: [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }] },
        extensions: { ...launchData.contextTemplate.extensions, 'https://w3id.org/xapi/cmi5/context/extensions/launchmode': launchData.launchMode, 'https://w3id.org/xapi/cmi5/context/extensions/moveon': options.moveOn },
      },
      timestamp: now,
      stored: now,
    },
  ]);
  const query = new URLSearchParams({
    endpoint: options.endpoint,
    fetch: `${options.endpoint}cmi5/fetch/${token}`,
    actor: JSON.stringify(options.actor),
    registration,
    activityId,
  }).toString();
  return { registration, activityId, sessionId, query };
}
