/**
 * What the cmi5 LMS knows about its launches while it runs: one session per
 * launch (its actor, registration, launch data, one-time fetch token and auth
 * token, and what the AU has done so far), what each registration has
 * achieved, and every statement the LMS refused. Held in memory only, so
 * tokens die with the process that issued them.
 */

/** The contextTemplate of LMS.LaunchData (cmi5 §10.2.1). */
export interface ContextTemplate {
  contextActivities: Record<string, Array<Record<string, unknown>>>;
  extensions: Record<string, unknown>;
}

export type LaunchMode = 'Normal' | 'Browse' | 'Review';

export interface Cmi5Session {
  id: string;
  registration: string;
  actor: Record<string, unknown>;
  /** The actor's identifier (see agentKey). */
  actorKey: string;
  /** The activity id the LMS gave the AU for this registration. */
  activityId: string;
  launchMode: LaunchMode;
  masteryScore: number | null;
  moveOn: string;
  template: ContextTemplate;
  /** The value of `Authorization: Basic …` the AU receives from the fetch URL. */
  authToken: string;
  launchedAt: string;
  /** The AU has read the cmi5LearnerPreferences agent profile. */
  prefsRead: boolean;
  /** cmi5 defined verbs accepted in this session, by verb IRI. */
  verbs: Set<string>;
  /** The timestamp of the session's accepted initialized (null before it). */
  initializedAt: string | null;
  /** The latest timestamp among the session's accepted statements (null before the first). */
  latestAt: string | null;
  terminated: boolean;
  /** Replaced by a newer launch of the same registration. */
  abandoned: boolean;
}

/** What a registration has achieved over all its sessions. */
export interface RegistrationProgress {
  completed: boolean;
  passed: boolean;
}

/** One statement (or request) the LMS refused, as the preview shows it. */
export interface Rejection {
  at: string;
  /** The cmi5 requirement id (or the LMS's own rule name) it breaks. */
  requirement: string;
  message: string;
  /** The refused statement's verb IRI, when a statement was refused. */
  verb: string | null;
  statementId: string | null;
  /** Position in the posted batch. */
  index: number | null;
  registration: string | null;
  sessionId: string | null;
}

/** Refusals kept for the preview (the oldest are dropped past this). */
const MAX_REJECTIONS = 1000;

export class Cmi5Sessions {
  private readonly sessions = new Map<string, Cmi5Session>();
  private readonly byAuth = new Map<string, Cmi5Session>();
  /** One-time fetch tokens to the session they open. */
  private readonly fetchTokens = new Map<string, Cmi5Session>();
  private readonly progress = new Map<string, RegistrationProgress>();
  private readonly refused: Rejection[] = [];

  /** Register a new launch's session and its one-time fetch token. */
  add(session: Cmi5Session, fetchToken: string): void {
    this.sessions.set(session.id, session);
    this.byAuth.set(session.authToken, session);
    this.fetchTokens.set(fetchToken, session);
  }

  /** Sessions of a registration that have neither terminated nor been abandoned. */
  openSessions(registration: string): Cmi5Session[] {
    return [...this.sessions.values()].filter((s) => s.registration === registration && !s.terminated && !s.abandoned);
  }

  /** Redeem a fetch token: the session's auth token the first time, null after (cmi5 §8.2.3). */
  redeem(fetchToken: string): string | null {
    const session = this.fetchTokens.get(fetchToken);
    if (!session) return null;
    this.fetchTokens.delete(fetchToken);
    return session.authToken;
  }

  /** The session an auth token belongs to, if this process issued it. */
  byAuthToken(token: string): Cmi5Session | undefined {
    return this.byAuth.get(token);
  }

  /** What a registration has achieved (created empty on first use). */
  progressOf(registration: string): RegistrationProgress {
    let progress = this.progress.get(registration);
    if (!progress) this.progress.set(registration, (progress = { completed: false, passed: false }));
    return progress;
  }

  /** Remember a refusal for the preview. */
  reject(rejection: Rejection): void {
    this.refused.push(rejection);
    if (this.refused.length > MAX_REJECTIONS) this.refused.splice(0, this.refused.length - MAX_REJECTIONS);
  }

  /** Refusals, oldest first: of one registration, or all. */
  rejections(registration?: string): Rejection[] {
    return registration ? this.refused.filter((r) => r.registration === registration) : [...this.refused];
  }

  /** Forget everything (the LRS was cleared): every token stops working. */
  clear(): void {
    this.sessions.clear();
    this.byAuth.clear();
    this.fetchTokens.clear();
    this.progress.clear();
    this.refused.length = 0;
  }
}
