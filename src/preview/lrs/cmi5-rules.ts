/**
 * The statement rules of a strict cmi5 LMS, one entry per rule: the cmi5
 * requirement it enforces, a plain sentence for the reviewer, and the test
 * that a statement breaks it. They are at least as strict as ADL's reference
 * cmi5 player, in the same order, so the first broken rule reported is the
 * one that player would name. The order of a session's statements by their
 * timestamps, which it does not check, comes after all of its rules.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Cmi5Session, RegistrationProgress } from './cmi5-sessions.js';
import { compareTimestamps, parseTimestamp } from './store.js';

// `any`: the rules read statements as posted, field by field, whatever their shape (xapi-validation has vetted the structure).
type Statement = Record<string, any>;

export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
export const SESSION_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
export const MASTERY_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';

const VERB = 'http://adlnet.gov/expapi/verbs/';
export const VERBS = {
  initialized: `${VERB}initialized`,
  completed: `${VERB}completed`,
  passed: `${VERB}passed`,
  failed: `${VERB}failed`,
  terminated: `${VERB}terminated`,
  voided: `${VERB}voided`,
} as const;

/** The cmi5 defined verbs an AU may send (cmi5 §9.3); the LMS sends the others. */
const AU_DEFINED = new Set<string>([VERBS.initialized, VERBS.completed, VERBS.passed, VERBS.failed, VERBS.terminated]);
const JUDGED = new Set<string>([VERBS.completed, VERBS.passed, VERBS.failed]);

export interface RuleInput {
  statement: Statement;
  session: Cmi5Session;
  progress: RegistrationProgress;
  /** cmi5 defined verbs of earlier statements in the same batch. */
  batchVerbs: Set<string>;
  /** The session's initialized and latest timestamps so far, earlier statements of the batch included. */
  clock: SessionClock;
}

/** What the LMS needs to order a session's statements by their timestamps (cmi5 §9.3). */
export type SessionClock = Pick<Cmi5Session, 'initializedAt' | 'latestAt'>;

export interface Cmi5Rule {
  /** The cmi5 requirement id. */
  requirement: string;
  /** What the AU must do, in one sentence. */
  sentence: string;
  breaks(input: RuleInput): boolean;
}

const verbOf = (s: Statement): string => (typeof s.verb?.id === 'string' ? s.verb.id : '');
const categories = (s: Statement): string[] => {
  const list = s.context?.contextActivities?.category;
  return Array.isArray(list) ? list.map((c: { id?: unknown }) => String(c?.id)) : [];
};
const hasCategory = (s: Statement, id: string) => categories(s).includes(id);
/** A statement the LMS reads as cmi5 defined: it claims the cmi5 category or uses a cmi5 verb. */
const claimsCmi5 = (s: Statement) => hasCategory(s, CMI5_CATEGORY) || AU_DEFINED.has(verbOf(s));
const seen = ({ session, batchVerbs }: RuleInput, verb: string) => session.verbs.has(verb) || batchVerbs.has(verb);
const is = (s: Statement, verb: string) => verbOf(s) === verb && hasCategory(s, CMI5_CATEGORY);
const result = (s: Statement): Record<string, any> => (s.result && typeof s.result === 'object' ? s.result : {});
const scaled = (s: Statement): number | undefined => (typeof result(s).score?.scaled === 'number' ? result(s).score.scaled : undefined);
/** Is the statement timestamped strictly before `than`? Equal timestamps are not (cmi5 §9.7: they need not be unique). */
const stampedBefore = (s: Statement, than: string | null) => than !== null && typeof s.timestamp === 'string' && (compareTimestamps(s.timestamp, than) ?? 0) < 0;

/** Note an accepted statement's timestamp: the session's initialized, and its latest. */
function advance(clock: SessionClock, s: Statement): void {
  if (typeof s.timestamp !== 'string' || parseTimestamp(s.timestamp) === null) return;
  if (is(s, VERBS.initialized) && clock.initializedAt === null) clock.initializedAt = s.timestamp;
  if (clock.latestAt === null || compareTimestamps(s.timestamp, clock.latestAt)! > 0) clock.latestAt = s.timestamp;
}

/** The context must start from the launch's contextTemplate: its entries first in each list, its extensions as given. */
function followsTemplate(s: Statement, session: Cmi5Session): boolean {
  const context = s.context;
  if (!context?.contextActivities || typeof context.contextActivities !== 'object') return false;
  for (const [list, expected] of Object.entries(session.template.contextActivities)) {
    const given = context.contextActivities[list];
    if (!Array.isArray(given)) return false;
    // Compared by position, as the reference player does.
    if (!expected.every((entry, i) => isDeepStrictEqual(given[i], entry))) return false;
  }
  return Object.entries(session.template.extensions).every(([key, value]) => context.extensions && isDeepStrictEqual(context.extensions[key], value));
}

const duration = (requirement: string, verb: string, name: string): Cmi5Rule => ({
  requirement,
  sentence: `A ${name} statement must carry result.duration.`,
  breaks: ({ statement: s }) => is(s, verb) && typeof result(s).duration !== 'string',
});

/** Every rule, in the order they are checked; the first one broken is reported. */
export const CMI5_RULES: readonly Cmi5Rule[] = [
  {
    requirement: '11.0.0.0-3',
    sentence: 'The AU must read the learner preferences (agent profile cmi5LearnerPreferences) before it sends statements.',
    breaks: ({ session }) => !session.prefsRead,
  },
  { requirement: '9.1.0.0-1', sentence: 'Every statement must carry an id (a UUID) set by the AU.', breaks: ({ statement: s }) => typeof s.id !== 'string' },
  { requirement: '6.3.0.0-1', sentence: 'An AU may not void statements.', breaks: ({ statement: s }) => verbOf(s) === VERBS.voided },
  { requirement: '9.7.0.0-1', sentence: 'Every statement must carry a timestamp.', breaks: ({ statement: s }) => s.timestamp === undefined },
  { requirement: '9.7.0.0-2', sentence: 'Timestamps must be in UTC (ending in Z or +00:00).', breaks: ({ statement: s }) => !/(Z|\+00:?(?:00)?)$/.test(String(s.timestamp)) },
  { requirement: '8.1.3.0-3', sentence: 'The actor must be exactly the actor of the launch.', breaks: ({ statement: s, session }) => !isDeepStrictEqual(s.actor, session.actor) },
  { requirement: '9.6.0.0-1', sentence: 'Every statement must have a context.', breaks: ({ statement: s }) => !s.context || typeof s.context !== 'object' },
  {
    requirement: '10.2.1.0-6',
    sentence: "The context must be built on LMS.LaunchData's contextTemplate: its context activities first in each list, unaltered, and its extensions (the session id among them) unaltered.",
    breaks: ({ statement: s, session }) => !followsTemplate(s, session),
  },
  {
    requirement: '9.6.2.2-2',
    sentence: 'Only cmi5 completed, passed and failed statements may carry the moveOn category.',
    breaks: ({ statement: s }) => hasCategory(s, MOVEON_CATEGORY) && !(hasCategory(s, CMI5_CATEGORY) && JUDGED.has(verbOf(s))),
  },
  { requirement: '9.6.1.0-1', sentence: "The context's registration must be the registration of the launch.", breaks: ({ statement: s, session }) => s.context.registration !== session.registration },
  { requirement: '9.3.0.0-4', sentence: 'The first statement of a session must be initialized.', breaks: (input) => !seen(input, VERBS.initialized) && verbOf(input.statement) !== VERBS.initialized },
  // Named as the reference player names it (8.1.2.0-2 says the same of the AU).
  { requirement: '9.3.0.0-5', sentence: 'Terminated must be the last statement of a session: none may follow it.', breaks: (input) => input.session.terminated || input.batchVerbs.has(VERBS.terminated) },
  {
    requirement: '9.6.2.1-1',
    sentence: 'A statement with a cmi5 verb (initialized, completed, passed, failed, terminated) must carry the cmi5 category.',
    breaks: ({ statement: s }) => AU_DEFINED.has(verbOf(s)) && !hasCategory(s, CMI5_CATEGORY),
  },
  {
    requirement: '9.3.0.0-1',
    sentence: 'A statement in the cmi5 category must use one of the cmi5 verbs an AU sends: initialized, completed, passed, failed or terminated.',
    breaks: ({ statement: s }) => hasCategory(s, CMI5_CATEGORY) && !AU_DEFINED.has(verbOf(s)),
  },
  { requirement: '9.2.0.0-2', sentence: 'The actor of a cmi5 statement must be an Agent.', breaks: ({ statement: s }) => claimsCmi5(s) && s.actor?.objectType !== undefined && s.actor.objectType !== 'Agent' },
  { requirement: '9.2.0.0-3', sentence: 'The actor of a cmi5 statement must be identified by an account.', breaks: ({ statement: s }) => claimsCmi5(s) && !(s.actor?.account?.name && s.actor?.account?.homePage) },
  { requirement: '8.1.5.0-6', sentence: "A cmi5 statement's object must be the activityId of the launch.", breaks: ({ statement: s, session }) => claimsCmi5(s) && s.object?.id !== session.activityId },
  { requirement: '10.2.2.0-2', sentence: 'In Browse mode the AU may not send completed, passed or failed.', breaks: ({ statement: s, session }) => session.launchMode === 'Browse' && JUDGED.has(verbOf(s)) },
  { requirement: '10.2.2.0-3', sentence: 'In Review mode the AU may not send completed, passed or failed.', breaks: ({ statement: s, session }) => session.launchMode === 'Review' && JUDGED.has(verbOf(s)) },
  { requirement: '9.5.3.0-1', sentence: 'A completed statement must have result.completion true.', breaks: ({ statement: s }) => is(s, VERBS.completed) && result(s).completion !== true },
  { requirement: '9.5.2.0-1', sentence: 'A passed statement must have result.success true.', breaks: ({ statement: s }) => is(s, VERBS.passed) && result(s).success !== true },
  { requirement: '9.5.2.0-2', sentence: 'A failed statement must have result.success false.', breaks: ({ statement: s }) => is(s, VERBS.failed) && result(s).success !== false },
  { requirement: '9.5.3.0-2', sentence: 'Only a completed statement may carry result.completion among cmi5 statements.', breaks: ({ statement: s }) => claimsCmi5(s) && verbOf(s) !== VERBS.completed && result(s).completion !== undefined },
  {
    requirement: '9.5.2.0-3',
    sentence: 'Only passed and failed statements may carry result.success among cmi5 statements.',
    breaks: ({ statement: s }) => claimsCmi5(s) && verbOf(s) !== VERBS.passed && verbOf(s) !== VERBS.failed && result(s).success !== undefined,
  },
  { requirement: '9.6.2.2-1', sentence: 'Completed, passed and failed statements must carry the moveOn category.', breaks: ({ statement: s }) => JUDGED.has(verbOf(s)) && !hasCategory(s, MOVEON_CATEGORY) },
  {
    requirement: '9.5.1.0-2',
    sentence: 'Only passed and failed statements may carry a score among cmi5 statements.',
    breaks: ({ statement: s }) => claimsCmi5(s) && verbOf(s) !== VERBS.passed && verbOf(s) !== VERBS.failed && result(s).score !== undefined,
  },
  {
    requirement: '9.5.1.0-3',
    sentence: 'A raw score must come with its min and max.',
    breaks: ({ statement: s }) => claimsCmi5(s) && result(s).score?.raw !== undefined && (result(s).score.min === undefined || result(s).score.max === undefined),
  },
  {
    requirement: '9.5.1',
    sentence: "A cmi5 statement's score gives raw, min and max as integers.",
    breaks: ({ statement: s }) => claimsCmi5(s) && ['raw', 'min', 'max'].some((key) => result(s).score?.[key] !== undefined && !Number.isInteger(result(s).score[key])),
  },
  {
    requirement: '9.6.3.2-2',
    sentence: "Passed and failed statements must carry the launch's masteryScore in the masteryscore extension.",
    breaks: ({ statement: s, session }) => session.masteryScore !== null && (is(s, VERBS.passed) || is(s, VERBS.failed)) && s.context.extensions?.[MASTERY_EXTENSION] !== session.masteryScore,
  },
  duration('9.5.4.1-1', VERBS.terminated, 'terminated'),
  duration('9.5.4.1-2', VERBS.completed, 'completed'),
  duration('9.5.4.1-3', VERBS.passed, 'passed'),
  duration('9.5.4.1-4', VERBS.failed, 'failed'),
  { requirement: '9.3.0.0-2', sentence: 'A session has one initialized statement.', breaks: (input) => is(input.statement, VERBS.initialized) && seen(input, VERBS.initialized) },
  {
    requirement: '9.3.0.0-2',
    sentence: 'A registration has at most one completed statement.',
    breaks: (input) => is(input.statement, VERBS.completed) && (seen(input, VERBS.completed) || input.progress.completed),
  },
  {
    requirement: '9.3.4.0-2',
    sentence: 'A passed statement with a score must score at least the masteryScore.',
    breaks: ({ statement: s, session }) => is(s, VERBS.passed) && session.masteryScore !== null && scaled(s) !== undefined && scaled(s)! < session.masteryScore,
  },
  { requirement: '9.3.0.0-2', sentence: 'A registration has at most one passed statement.', breaks: (input) => is(input.statement, VERBS.passed) && (seen(input, VERBS.passed) || input.progress.passed) },
  { requirement: '9.3.0.0-3', sentence: 'A session may not have both passed and failed: passed may not follow failed.', breaks: (input) => is(input.statement, VERBS.passed) && seen(input, VERBS.failed) },
  {
    requirement: '9.3.5.0-2',
    sentence: 'A failed statement with a score must score below the masteryScore.',
    breaks: ({ statement: s, session }) => is(s, VERBS.failed) && session.masteryScore !== null && scaled(s) !== undefined && scaled(s)! >= session.masteryScore,
  },
  { requirement: '9.3.0.0-2', sentence: 'A session has at most one failed statement.', breaks: (input) => is(input.statement, VERBS.failed) && seen(input, VERBS.failed) },
  {
    requirement: '9.3.0.0-3',
    sentence: 'A failed statement may not follow passed, in its session or in an earlier session of the registration.',
    breaks: (input) => is(input.statement, VERBS.failed) && (seen(input, VERBS.passed) || input.progress.passed),
  },
  // cmi5 §9.3 orders a session's statements by their timestamps, not by their arrival, which is all the
  // reference player checks: these come last, so that whatever it refuses is named as it names it.
  // Only the AU's own statements count: the LMS's launched is stamped by another clock than the learner's.
  // Named by their section, not by a requirement id of the reference player's (9.3.0.0-4 is its own
  // rule above): an LMS answering as it once did (401) gives these the plain 403 of the LMS's own rules.
  {
    requirement: '9.3 (timestamps)',
    sentence: "No statement may be timestamped before the session's initialized: cmi5 orders a session's statements by their timestamps (§9.3).",
    breaks: ({ statement: s, clock }) => stampedBefore(s, clock.initializedAt),
  },
  {
    requirement: '9.3 (terminated last)',
    sentence: 'Terminated must be the last statement of its session by timestamp too: no statement of the session may be timestamped after it (§9.3).',
    breaks: ({ statement: s, clock }) => is(s, VERBS.terminated) && stampedBefore(s, clock.latestAt),
  },
];

export interface Refusal {
  index: number;
  rule: Cmi5Rule;
}

/**
 * The first rule a batch of statements breaks, or null when the LMS accepts
 * them all. Statements are checked in order, each seeing the ones before it.
 * @param statements the batch, as posted
 * @param session the session whose token sent it
 * @param progress what the registration has achieved so far
 */
export function checkCmi5(statements: Statement[], session: Cmi5Session, progress: RegistrationProgress): Refusal | null {
  const batchVerbs = new Set<string>();
  const clock: SessionClock = { initializedAt: session.initializedAt, latestAt: session.latestAt };
  for (const [index, statement] of statements.entries()) {
    const rule = CMI5_RULES.find((r) => r.breaks({ statement, session, progress, batchVerbs, clock }));
    if (rule) return { index, rule };
    if (is(statement, verbOf(statement)) && AU_DEFINED.has(verbOf(statement))) batchVerbs.add(verbOf(statement));
    advance(clock, statement);
  }
  return null;
}

/**
 * Record what accepted statements did to their session and registration.
 * @param statements statements the LRS has just stored
 * @param session their session
 * @param progress their registration's progress
 */
export function recordCmi5(statements: Statement[], session: Cmi5Session, progress: RegistrationProgress): void {
  for (const s of statements) {
    advance(session, s);
    const verb = verbOf(s);
    if (!AU_DEFINED.has(verb) || !hasCategory(s, CMI5_CATEGORY)) continue;
    session.verbs.add(verb);
    if (verb === VERBS.terminated) session.terminated = true;
    if (verb === VERBS.completed) progress.completed = true;
    if (verb === VERBS.passed) progress.passed = true;
  }
}
