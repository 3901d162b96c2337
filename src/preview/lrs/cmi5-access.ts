/**
 * What a cmi5 auth token may do, whatever the LMS's strictness: write
 * statements and state only for its own learner and registration, read only
 * its own learner's profile, and leave the LMS's own documents
 * (LMS.LaunchData, cmi5LearnerPreferences) alone; a strict LMS also wants
 * the agent of a document request exactly as the launch gave it. Each denial
 * names the cmi5 requirement it enforces, or the LMS's own rule ("lms:…").
 */
import { isDeepStrictEqual } from 'node:util';
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

/** A state or profile request, as a token makes it. */
export interface DocumentRequest {
  /** The HTTP method. */
  method: string;
  /** "state", "agent-profile" or "activity-profile". */
  kind: string;
  /** The activityId parameter ("" when there is none). */
  activity: string;
  /** The agent parameter, parsed (null when there is none). */
  agent: Record<string, unknown> | null;
  /** The registration parameter, if any. */
  registration: string | null;
  /** The stateId or profileId, if any. */
  docId: string | null;
}

/**
 * Is the request's agent the launch actor? A strict LMS wants it exactly as the
 * launch gave it, as ADL's reference cmi5 player does (matchActor in
 * player/service/plugins/routes/lrs.js deep-compares the agent parameter of
 * every state, agents and agent profile request with the launch actor); a
 * lenient one, the same learner however written (the same identifier).
 */
function launchActor(agent: Record<string, unknown> | null, session: Cmi5Session, strict: boolean): boolean {
  return strict ? isDeepStrictEqual(agent, session.actor) : agent !== null && agentKey(agent) === session.actorKey;
}

/**
 * Why a token may not make this document request, or null.
 * @param request the request
 * @param session the token's session
 * @param strict whether the LMS is strict (see launchActor)
 */
export function documentDenial(request: DocumentRequest, session: Cmi5Session, strict: boolean): Denial | null {
  const { method, kind, activity, agent, registration, docId } = request;
  const writes = method !== 'GET' && method !== 'HEAD';
  const exactly = strict ? ', exactly as the launch gave it' : '';
  if (kind === 'agent-profile') {
    if (!launchActor(agent, session, strict)) return { requirement: '11.0.0.0-1', error: `The agent of a profile request must be the actor of the launch${exactly}.` };
    if (writes && docId === LEARNER_PREFERENCES) return { requirement: 'lms:learner-preferences', error: 'The learner preferences are set by the LMS; the AU may only read them.' };
    return null;
  }
  if (kind !== 'state') return null;
  if (!launchActor(agent, session, strict)) return { requirement: '8.1.3.0-3', error: `State requests must be for the actor of the launch${exactly}.` };
  if ((registration !== null || writes) && registration !== session.registration) return { requirement: '8.1.4.0-3', error: 'State requests must be for the registration of the launch.' };
  if (writes && docId === LAUNCH_DATA) return { requirement: '10.2.1.0-5', error: 'The AU may not change or delete LMS.LaunchData.' };
  // A DELETE without stateId removes every state document of the activity, LMS.LaunchData among them.
  if (method === 'DELETE' && docId === null && activity === session.activityId) {
    return { requirement: '10.2.1.0-5', error: 'The AU may not delete LMS.LaunchData, which a state DELETE without stateId would; delete its own documents one stateId at a time.' };
  }
  return null;
}
