/**
 * What a cmi5 auth token may do, whatever the LMS's strictness: write
 * statements and state only for its own learner and registration, read only
 * its own learner's profile, and leave the LMS's own documents
 * (LMS.LaunchData, cmi5LearnerPreferences) alone. Each denial names the cmi5
 * requirement it enforces, or the LMS's own rule ("lms:…").
 */
import { LAUNCH_DATA, LEARNER_PREFERENCES } from './cmi5-launch.js';
import type { Cmi5Session } from './cmi5-sessions.js';
import { agentKey } from './store.js';

/** Why a token may not do what it asked: a cmi5 requirement id (or the LMS's own rule) and a sentence. */
export interface Denial {
  requirement: string;
  error: string;
}

/**
 * Why a token may not write this statement (another learner's or another registration's), or null.
 * @param statement a statement sent with the token
 * @param session the token's session
 */
export function outsideSession(statement: Record<string, unknown>, session: Cmi5Session): Denial | null {
  if (agentKey(statement.actor as Record<string, unknown>) !== session.actorKey) return { requirement: '8.1.3.0-3', error: 'The actor must be exactly the actor of the launch.' };
  if ((statement.context as { registration?: unknown } | undefined)?.registration !== session.registration) {
    return { requirement: '9.6.1.0-1', error: "The context's registration must be the registration of the launch." };
  }
  return null;
}

/**
 * Why a token may not make this document request, or null.
 * @param method the HTTP method
 * @param kind "state", "agent-profile" or "activity-profile"
 * @param activity the request's activityId ("" when it has none)
 * @param agent the request's agent, as its identifier (see agentKey)
 * @param registration the request's registration parameter, if any
 * @param docId the stateId or profileId, if any
 * @param session the token's session
 */
export function documentDenial(method: string, kind: string, activity: string, agent: string, registration: string | null, docId: string | null, session: Cmi5Session): Denial | null {
  const writes = method !== 'GET' && method !== 'HEAD';
  if (kind === 'agent-profile') {
    if (agent !== session.actorKey) return { requirement: '11.0.0.0-1', error: 'The agent of a profile request must be the actor of the launch.' };
    if (writes && docId === LEARNER_PREFERENCES) return { requirement: 'lms:learner-preferences', error: 'The learner preferences are set by the LMS; the AU may only read them.' };
    return null;
  }
  if (kind !== 'state') return null;
  if (agent !== session.actorKey) return { requirement: '8.1.3.0-3', error: 'State requests must be for the actor of the launch.' };
  if ((registration !== null || writes) && registration !== session.registration) return { requirement: '8.1.4.0-3', error: 'State requests must be for the registration of the launch.' };
  if (writes && docId === LAUNCH_DATA) return { requirement: '10.2.1.0-5', error: 'The AU may not change or delete LMS.LaunchData.' };
  // A DELETE without stateId removes every state document of the activity, LMS.LaunchData among them.
  if (method === 'DELETE' && docId === null && activity === session.activityId) {
    return { requirement: '10.2.1.0-5', error: 'The AU may not delete LMS.LaunchData, which a state DELETE without stateId would; delete its own documents one stateId at a time.' };
  }
  return null;
}
