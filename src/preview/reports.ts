/**
 * What the courses reported, read back for the workspace: the statements of
 * one attempt for the panel, and everything (statements and SCORM CMI trees)
 * for the export.
 */
import type { LrsStore } from './lrs/store.js';
import { allCmi } from './scorm-data.js';
import { actorOf, type PreviewLearner } from './session.js';

/** Every stored statement matching `filter`, oldest first. */
function allStatements(store: LrsStore, filter: { registration?: string } = {}): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  let after: number | undefined;
  for (;;) {
    const page = store.queryStatements({ ...filter, ascending: true, limit: 500, after });
    out.push(...page.statements.map((s) => s.statement));
    if (page.next === null) return out;
    after = page.next;
  }
}

/**
 * The statements of one attempt, oldest first.
 * @param store the preview database
 * @param registration the attempt's registration
 */
export function attemptStatements(store: LrsStore, registration: string): Array<Record<string, unknown>> {
  return allStatements(store, { registration });
}

/**
 * Everything reported to the preview: each SCORM attempt's CMI tree, every
 * statement and every cmi5 refusal, with the current learner for reference.
 * @param store the preview database
 * @param learner the current preview learner
 */
export function exportReport(store: LrsStore, learner: PreviewLearner): Record<string, unknown> {
  return {
    exportedBy: 'skillpack preview',
    exportedAt: new Date().toISOString(),
    currentLearner: { ...learner, actor: actorOf(learner) },
    scorm: allCmi(store),
    statements: allStatements(store),
    // What the strict cmi5 LMS refused since the preview started (refusals are not kept across restarts).
    cmi5Refusals: store.cmi5.rejections(),
  };
}
