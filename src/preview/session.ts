/**
 * Who is learning in the preview: one learner at a time, with one attempt
 * (a registration UUID) per course and target. Kept in the LRS database, so
 * stopping the preview and coming back resumes the same learner and attempts.
 * "New attempt" replaces one registration; "new learner" starts over.
 */
import { randomUUID } from 'node:crypto';
import type { TargetName } from '../course/schema.js';
import type { LrsStore } from './lrs/store.js';

/** Documents of the preview's own, next to the LRS's in the same database. */
export const PREVIEW_DOCUMENTS = 'skillpack-preview';
const SESSION_DOC = 'session';

export interface PreviewLearner {
  /** 1 for the first learner of this database, and so on. */
  number: number;
  /** Account name: also SCORM's student_id / learner_id. */
  id: string;
  name: string;
}

interface SessionData {
  learner: PreviewLearner;
  /** "course/target" to the registration of the current attempt. */
  registrations: Record<string, string>;
}

/** The xAPI actor of a preview learner (an account, never a real mailbox). */
export function actorOf(learner: PreviewLearner): Record<string, unknown> {
  return { objectType: 'Agent', name: learner.name, account: { homePage: 'https://w3id.org/skillpack/preview', name: learner.id } };
}

function newLearner(number: number): PreviewLearner {
  return { number, id: `preview-learner-${number}-${randomUUID().slice(0, 8)}`, name: `Preview Learner ${number}` };
}

export class PreviewSession {
  private data: SessionData;

  constructor(private readonly store: LrsStore) {
    this.data = this.read() ?? { learner: newLearner(1), registrations: {} };
    this.save();
  }

  private read(): SessionData | null {
    const doc = this.store.getDocument(PREVIEW_DOCUMENTS, '', '', '', SESSION_DOC);
    if (!doc) return null;
    try {
      const data = JSON.parse(doc.body.toString('utf8')) as SessionData;
      return data.learner?.id ? data : null;
    } catch {
      return null;
    }
  }

  private save(): void {
    this.store.putDocument(PREVIEW_DOCUMENTS, '', '', '', SESSION_DOC, 'application/json', Buffer.from(JSON.stringify(this.data)));
  }

  get learner(): PreviewLearner {
    return this.data.learner;
  }

  /** The current attempt's registration for a course and target (created on first use). */
  registration(course: string, target: TargetName): string {
    const key = `${course}/${target}`;
    let registration = this.data.registrations[key];
    if (!registration) {
      registration = this.data.registrations[key] = randomUUID();
      this.save();
    }
    return registration;
  }

  /** Start a new attempt at a course and target; returns the registration it replaces. */
  newAttempt(course: string, target: TargetName): string | undefined {
    const key = `${course}/${target}`;
    const previous = this.data.registrations[key];
    this.data.registrations[key] = randomUUID();
    this.save();
    return previous;
  }

  /** Start over with the next learner and no attempts. */
  newLearner(): PreviewLearner {
    this.data = { learner: newLearner(this.data.learner.number + 1), registrations: {} };
    this.save();
    return this.data.learner;
  }

  /**
   * After the database was cleared: keep the learner, forget the attempts. New
   * registrations matter because the packages mirror state in the browser per registration.
   */
  reset(): void {
    this.data = { learner: this.data.learner, registrations: {} };
    this.save();
  }
}
