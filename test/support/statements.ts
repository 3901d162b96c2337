/**
 * Checks on the statements an LRS holds, shared by the xAPI and cmi5 browser
 * tests: each one valid xAPI (xapi-validation, an independent validator), ids
 * unique, and for cmi5 the session rules of ADL's reference player, seen over
 * the whole registration (the strict test LMS also refuses breaches as they
 * arrive; these say what the record looks like at the end).
 */
import xapiValidation from 'xapi-validation';
import { expect } from 'vitest';

export type Statement = Record<string, any>;
type Validate = (s: unknown) => Array<{ path: string[]; constructor: { name: string } }>;
const validate: Validate = ((xapiValidation as unknown as { default?: Validate }).default ?? xapiValidation) as Validate;

export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
export const SESSION_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
export const PRACTICE_CATEGORY = 'https://w3id.org/skillpack/activities/practice';
/** Statements the LMS makes itself (not the AU). */
const LMS_VERBS = new Set(['launched', 'abandoned', 'satisfied', 'waived']);

export const verbOf = (s: Statement): string => (s.verb.id as string).split('/').pop()!;
export const categories = (s: Statement): string[] => ((s.context?.contextActivities?.category ?? []) as Array<{ id: string }>).map((c) => c.id);
export const sessionOf = (s: Statement): string | undefined => s.context?.extensions?.[SESSION_EXTENSION];
export const byLearner = (statements: Statement[]) => statements.filter((s) => !LMS_VERBS.has(verbOf(s)));

/** Every statement valid xAPI 1.0.3, every id once. */
export function expectValid(statements: Statement[]): void {
  for (const s of statements) {
    const { stored: _s, authority: _a, version: _v, ...sent } = s;
    expect(validate(sent).map((w) => `${verbOf(s)} ${w.path.join('.')}: ${w.constructor.name}`)).toEqual([]);
  }
  expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
}

export interface Cmi5Expectations {
  /** The AU id the LMS put in the context template's grouping. */
  auId: string;
  /** The activity id of the launch (object of every cmi5 defined statement). */
  activityId: string;
}

/**
 * The cmi5 rules over a registration's AU statements, in the order stored:
 * per session initialized first and terminated last, each at most once; the
 * template's grouping entry first; at most one of passed/failed per session;
 * passed and completed at most once per registration; failed never after
 * passed; completion only on completed, score only on passed/failed.
 */
export function expectCmi5Rules(statements: Statement[], { auId, activityId }: Cmi5Expectations, allTerminated = true): Map<string, string[]> {
  const sessions = new Map<string, string[]>();
  let passed = 0;
  let completed = 0;
  for (const s of statements) {
    const verb = verbOf(s);
    const session = sessionOf(s);
    expect(session, `${verb} has the session id`).toBeTruthy();
    expect(s.context.contextActivities.grouping[0].id, `${verb}: the template's grouping comes first`).toBe(auId);
    expect(s.timestamp).toMatch(/Z$/);
    const verbs = sessions.get(session!) ?? [];
    sessions.set(session!, verbs);
    expect(verbs.includes('terminated'), `${verb} after terminated`).toBe(false);
    if (verbs.length === 0) expect(verb, 'first statement of a session').toBe('initialized');
    verbs.push(verb);
    const defined = categories(s).includes(CMI5_CATEGORY);
    if (['initialized', 'terminated', 'passed', 'failed', 'completed'].includes(verb)) {
      expect(defined, `${verb} carries the cmi5 category`).toBe(true);
      expect(s.object.id).toBe(activityId);
      expect(categories(s).includes(MOVEON_CATEGORY), `${verb} moveon`).toBe(['passed', 'failed', 'completed'].includes(verb));
      expect(verbs.filter((v) => v === verb), `one ${verb} per session`).toHaveLength(1);
      if (verb !== 'completed') expect(s.result?.completion, `${verb} has no completion`).toBeUndefined();
      if (verb !== 'passed' && verb !== 'failed') expect(s.result?.score, `${verb} has no score`).toBeUndefined();
      if (verb !== 'initialized') expect(s.result.duration, `${verb} duration`).toMatch(/^PT/);
    } else {
      expect(categories(s)).not.toContain(CMI5_CATEGORY);
      expect(categories(s)).not.toContain(MOVEON_CATEGORY);
    }
    if (verb === 'passed') passed++;
    if (verb === 'completed') completed++;
    if (verb === 'failed') expect(passed, 'failed after passed').toBe(0);
    expect(verbs.includes('passed') && verbs.includes('failed'), 'passed and failed in one session').toBe(false);
  }
  expect(passed).toBeLessThanOrEqual(1);
  expect(completed).toBeLessThanOrEqual(1);
  if (allTerminated) for (const [session, verbs] of sessions) expect(verbs.at(-1), `session ${session} ends with terminated`).toBe('terminated');
  return sessions;
}
