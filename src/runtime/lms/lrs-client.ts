/**
 * The few LRS calls the player makes (statements POST and GET, state GET/POST,
 * agent profile GET), on plain fetch. A general xAPI client library would
 * carry an HTTP stack the player does not need (most of the xAPI player
 * bundle): these five requests and a strict reading of the replies are all
 * there is to it.
 *
 * Replies are read the way xAPI 1.0.3 (Communication §2.1) writes them, so a
 * proxy's sign-in page, a redirect or a reply without the statement ids is
 * never taken for "stored".
 */

const TIMEOUT_MS = 10_000;
const VERSION = '1.0.3';

/** What one delivery attempt learned (see `readReply`). */
export type Outcome =
  /** Stored (or already stored under the same id). */
  | 'sent'
  /** Not stored for a passing reason (network, 5xx, 408, 429, time-out): try again later. */
  | 'retry'
  /** Credentials refused or a sign-in page in the way: keep the items, tell the learner. */
  | 'unauthorized'
  /** The LRS (or the LMS in front of it) refused the content: retrying it cannot help. */
  | 'refused'
  /** 403 without a cmi5 requirement id: the content refused, or access. The outbox asks the LRS which. */
  | 'forbidden'
  /** The request was too large (413). */
  | 'too-large'
  /** 409: one of the statements already exists (a retry of one that arrived, or a conflict). */
  | 'conflict';

export interface Reply {
  outcome: Outcome;
  status: number;
  /** Status and the start of the body, for the learner's "tell the administrator" notice. */
  detail: string;
  /** Retry-After of a 429/503, in milliseconds. */
  retryAfterMs?: number;
}

export interface LrsTarget {
  endpoint: string;
  auth: string;
  actor: Record<string, unknown>;
  registration: string | null;
  /** Activity the state documents belong to. */
  activityId: string;
}

/** A cmi5 requirement id in a refusal ("9.3.0.0-2 - Verbs MUST NOT be duplicated"). */
const REQUIREMENT = /\b\d+\.\d+\.\d+\.\d+-\d+\b/;

/** Milliseconds from a Retry-After header (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Classify an LRS reply.
 * @param status HTTP status (0: no answer, or an opaque redirect)
 * @param contentType the reply's Content-Type
 * @param body the reply's text
 * @param sentIds for a statements POST: the ids that must be in the reply
 * @param retryAfter the Retry-After header
 */
export function readReply(status: number, contentType: string, body: string, sentIds: string[] | null, retryAfter: string | null = null, redirected = false): Reply {
  const detail = `${status} ${body.slice(0, 200)}`.trim();
  const reply = (outcome: Outcome, extra: Partial<Reply> = {}): Reply => ({ outcome, status, detail, ...extra });
  // A redirect (sign-in, captive portal) is never the LRS storing anything.
  if (redirected || (status >= 300 && status < 400)) return reply('unauthorized');
  if (status >= 200 && status < 300) {
    const json = /^application\/json/i.test(contentType.trim());
    if (sentIds === null) return /^text\/html/i.test(contentType.trim()) ? reply('unauthorized') : reply('sent');
    if (!json) return reply('unauthorized'); // a 200 HTML page: a proxy answered, not the LRS
    try {
      const ids = JSON.parse(body) as unknown;
      const stored = new Set(Array.isArray(ids) ? ids.map((id) => String(id).toLowerCase()) : []);
      return sentIds.every((id) => stored.has(id.toLowerCase())) ? reply('sent') : reply('retry');
    } catch {
      return reply('retry');
    }
  }
  if (status === 409) return reply('conflict');
  if (status === 413) return reply('too-large');
  if (REQUIREMENT.test(body) && (status === 401 || status === 403)) return reply('refused');
  if (status === 401) return reply('unauthorized');
  if (status === 403) return reply(sentIds ? 'forbidden' : 'unauthorized');
  if (status === 429 || status === 503) return reply('retry', { retryAfterMs: retryAfterMs(retryAfter) });
  if (status >= 400 && status < 500 && status !== 404 && status !== 408) return reply('refused');
  return reply('retry');
}

/** An LRS request that did not give a usable answer. */
export class LrsError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** A client bound to one learner, registration and activity (and the session's credentials). */
export class LrsClient {
  private readonly base: string;

  constructor(readonly target: LrsTarget) {
    this.base = target.endpoint.endsWith('/') ? target.endpoint : `${target.endpoint}/`;
  }

  private url(resource: string, params: Record<string, string | null>): string {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== null) query.set(key, value);
    return `${this.base}${resource}?${query.toString()}`;
  }

  /**
   * One request. `keepalive` requests outlive a closing page and start synchronously
   * (fetch is called before this returns), which is what makes the last batch of a
   * closing tab arrive.
   */
  request(method: string, url: string, body?: string, keepalive = false, contentType = 'application/json'): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    const headers: Record<string, string> = { 'X-Experience-API-Version': VERSION, Authorization: this.target.auth };
    if (body !== undefined) headers['Content-Type'] = contentType;
    const pending = fetch(url, { method, headers, body, keepalive, credentials: 'omit', redirect: 'manual', cache: 'no-store', signal: controller.signal });
    return pending.finally(() => clearTimeout(timer));
  }

  private async send(method: string, url: string, body: string | undefined, sentIds: string[] | null, keepalive: boolean): Promise<Reply> {
    let response: Response;
    try {
      response = await this.request(method, url, body, keepalive);
    } catch (error) {
      return { outcome: 'retry', status: 0, detail: error instanceof Error ? error.message : String(error) };
    }
    let text = '';
    try {
      text = await response.text();
    } catch {
      // the body was cut off: judged on the status alone
    }
    return readReply(response.status, response.headers.get('content-type') ?? '', text, sentIds, response.headers.get('retry-after'), response.type === 'opaqueredirect');
  }

  /** POST a batch of statements. */
  postStatements(statements: Array<{ id: string }>, keepalive = false): Promise<Reply> {
    return this.send('POST', `${this.base}statements`, JSON.stringify(statements), statements.map((s) => s.id), keepalive);
  }

  private stateParams(stateId: string): Record<string, string | null> {
    return { activityId: this.target.activityId, agent: JSON.stringify(this.target.actor), registration: this.target.registration, stateId };
  }

  /**
   * Store a state document (a JSON object, whose keys are always the same): POSTed, which merges it
   * over the LRS's copy and so replaces it, where a PUT over an existing one without If-Match is a
   * 409 under xAPI 2.0's rules (ADL's 2.0 conformance suite).
   */
  saveState(stateId: string, document: string, keepalive = false): Promise<Reply> {
    return this.send('POST', this.url('activities/state', this.stateParams(stateId)), document, null, keepalive);
  }

  /** GET a JSON document; null when absent (404). Throws LrsError on any other answer, or none. */
  private async getJson(url: string): Promise<unknown> {
    let status = 0;
    try {
      const response = await this.request('GET', url);
      status = response.type === 'opaqueredirect' ? 0 : response.status;
      if (status === 404) return null;
      if (status === 200 && !/^text\/html/i.test(response.headers.get('content-type') ?? '')) {
        const text = await response.text();
        return text ? JSON.parse(text) : null;
      }
    } catch {
      // unreachable, cut off, or not JSON
    }
    throw new LrsError(status, `LRS read failed (${status})`);
  }

  /** Read a state document of this learner, registration and activity. */
  getState(stateId: string): Promise<unknown> {
    return this.getJson(this.url('activities/state', this.stateParams(stateId)));
  }

  /** Read an agent profile document of this learner (cmi5LearnerPreferences, §11). */
  getAgentProfile(profileId: string): Promise<unknown> {
    return this.getJson(this.url('agents/profile', { agent: JSON.stringify(this.target.actor), profileId }));
  }

  /** The latest statement of this learner and registration with this verb and object, or null. */
  async lastStatement(verbId: string, activityId: string): Promise<Record<string, unknown> | null> {
    const found = (await this.getJson(this.url('statements', { agent: JSON.stringify(this.target.actor), verb: verbId, activity: activityId, registration: this.target.registration, limit: '1' }))) as { statements?: unknown[] } | null;
    const first = Array.isArray(found?.statements) ? found.statements[0] : null;
    return first && typeof first === 'object' ? (first as Record<string, unknown>) : null;
  }

  /** Is the statement with this id stored? (A 404 says no.) */
  async isStored(id: string): Promise<boolean> {
    return (await this.getJson(this.url('statements', { statementId: id }))) !== null;
  }
}

/** A statement id: a random UUID (RFC 4122 version 4). */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Launch parameters from the page URL; the actor parsed from its JSON (null when it is not an object). */
export function launchParameters(search = typeof location === 'undefined' ? '' : location.search): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  new URLSearchParams(search.replace(/^\?/, '').split('#')[0]).forEach((value, key) => {
    params[key] = value;
    if (key === 'actor') {
      try {
        const actor = JSON.parse(value) as unknown;
        params.actor = actor && typeof actor === 'object' && !Array.isArray(actor) ? actor : null;
      } catch {
        params.actor = null;
      }
    }
  });
  return params;
}
