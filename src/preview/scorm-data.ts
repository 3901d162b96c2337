/**
 * The simulated LMS's memory: the SCORM CMI tree scorm-again held at the end
 * of each commit, per learner, course, target and attempt, and the data a
 * launch starts from. A saved tree is loaded back with entry=resume, as an
 * LMS resumes a suspended attempt (SCORM 1.2 RTE §3.4.4, 2004 RTE §4.2.9).
 */
import type { Course } from '../course/model.js';
import type { TargetName } from '../course/schema.js';
import type { LrsStore } from './lrs/store.js';
import { PREVIEW_DOCUMENTS, type PreviewLearner } from './session.js';

export type ScormTarget = Extract<TargetName, 'scorm12' | 'scorm2004'>;
export type CmiTree = Record<string, unknown>;

const CMI_DOC = 'scorm-cmi';
const activity = (course: string, target: ScormTarget) => `${course}/${target}`;

export const isScorm = (target: TargetName): target is ScormTarget => target === 'scorm12' || target === 'scorm2004';

/**
 * Keep the CMI tree of an attempt.
 * @param store the preview database
 * @param at learner, course key, target and registration of the attempt
 * @param cmi scorm-again's renderCMIToJSONObject().cmi
 */
export function saveCmi(store: LrsStore, at: CmiKey, cmi: CmiTree): void {
  store.putDocument(PREVIEW_DOCUMENTS, activity(at.course, at.target), at.learner, at.registration, CMI_DOC, 'application/json', Buffer.from(JSON.stringify(cmi)));
}

export function loadCmi(store: LrsStore, at: CmiKey): CmiTree | null {
  const doc = store.getDocument(PREVIEW_DOCUMENTS, activity(at.course, at.target), at.learner, at.registration, CMI_DOC);
  return doc ? (JSON.parse(doc.body.toString('utf8')) as CmiTree) : null;
}

export function deleteCmi(store: LrsStore, at: CmiKey): void {
  store.deleteDocuments(PREVIEW_DOCUMENTS, activity(at.course, at.target), at.learner, at.registration, CMI_DOC);
}

export interface CmiKey {
  /** The learner's id. */
  learner: string;
  course: string;
  target: ScormTarget;
  registration: string;
}

/** Every saved CMI tree, for the export. */
export function allCmi(store: LrsStore): Array<CmiKey & { updated: string; cmi: CmiTree }> {
  return store
    .documentsOfKind(PREVIEW_DOCUMENTS)
    .filter((d) => d.docId === CMI_DOC)
    .map((d) => {
      const [course = '', target = 'scorm12'] = d.activity.split('/');
      return { learner: d.agent, course, target: target as ScormTarget, registration: d.registration, updated: d.updated, cmi: JSON.parse(d.body.toString('utf8')) as CmiTree };
    });
}

/**
 * What scorm-again loads before the package starts (its loadFromJSON shape):
 * the learner and the course's mastery score, plus the saved tree when the
 * attempt is resumed. Elements the SCO writes for one session only (exit,
 * session_time) are dropped, as an LMS does.
 * @param target scorm12 or scorm2004
 * @param course the course being launched (its passing score may have been edited)
 * @param learner the preview learner
 * @param saved the attempt's saved tree, if any
 */
export function scormSeed(target: ScormTarget, course: Course, learner: PreviewLearner, saved: CmiTree | null): CmiTree {
  // `any`: a CMI tree is free-form JSON whose shape scorm-again checks, not us.
  const seed = structuredClone(saved ?? {}) as Record<string, any>;
  const passing = course.exam?.passingScore ?? null;
  if (target === 'scorm12') {
    seed.core = { ...(seed.core ?? {}), student_id: learner.id, student_name: `Learner ${learner.number}, Preview` };
    delete seed.core.exit;
    delete seed.core.session_time;
    seed.core.entry = saved ? 'resume' : 'ab-initio';
    seed.student_data = { ...(seed.student_data ?? {}) };
    if (passing === null) delete seed.student_data.mastery_score;
    else seed.student_data.mastery_score = String(passing);
  } else {
    seed.learner_id = learner.id;
    seed.learner_name = `Learner ${learner.number}, Preview`;
    delete seed.exit;
    delete seed.session_time;
    seed.entry = saved ? 'resume' : 'ab-initio';
    if (passing === null) delete seed.scaled_passing_score;
    else seed.scaled_passing_score = String(passing / 100);
  }
  return seed;
}
