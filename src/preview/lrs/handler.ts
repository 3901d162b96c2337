/**
 * The embedded LRS over HTTP: the xAPI 1.0.3 resources the packages use
 * (Communication §2): statements (POST, PUT, GET with filters and `more`
 * paging), activities/state, agents/profile, activities/profile, about; plus
 * the cmi5 fetch URL. Statements are checked with xapi-validation (400 when
 * invalid) and ids are idempotent (the same statement again, as xAPI Data
 * 2.3.1 compares them, is accepted; a different one with the same id is a 409
 * Conflict); voided statements are read only by voidedStatementId. Documents
 * have ETags and honour If-Match / If-None-Match (Communication 3.1).
 *
 * A cmi5 auth token opens its own session only: it writes statements and
 * state for that learner and registration, and nothing once a newer launch
 * abandoned the session. In strict mode the AU's statements must also follow
 * the cmi5 rules (cmi5-rules.ts); a refusal is a 403 (or 401, see
 * cmi5RefusalStatus) naming the requirement, and the whole batch is refused.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import xapiValidation from 'xapi-validation';
import { documentDenial, outsideSession, type Denial } from './cmi5-access.js';
import { LEARNER_PREFERENCES } from './cmi5-launch.js';
import { checkCmi5, recordCmi5 } from './cmi5-rules.js';
import type { Cmi5Session, Rejection } from './cmi5-sessions.js';
import { agentKey, LrsStore, parseTimestamp, subMillisecondDigits, voidedBy, type StatementQuery } from './store.js';

type Validate = (s: unknown) => Array<{ path: string[]; constructor: { name: string } }>;
// CommonJS with a `default` property: Node gives the module object, bundlers may give the function itself.
const validate: Validate = ((xapiValidation as unknown as { default?: Validate }).default ?? xapiValidation) as Validate;

export interface LrsOptions {
  store: LrsStore;
  /** Accepted Basic credentials (besides cmi5 tokens). */
  key: string;
  secret: string;
  /** URL path the LRS is mounted at, e.g. "/xapi/". */
  base?: string;
  /** Called after statements are stored (the preview pushes them to the panel). */
  onStatements?: (statements: Array<Record<string, unknown>>) => void;
  /** Apply the cmi5 rules to statements sent with a cmi5 token (default true). */
  strictCmi5?: boolean;
  /** Called when a request from an AU is refused (the preview shows it). */
  onRejection?: (rejection: Rejection) => void;
  /**
   * The status of a refusal that names a cmi5 requirement: 403 (the default), as ADL's
   * reference cmi5 player answers today (adlnet/CATAPULT, player/service/plugins/routes/lib/helpers.js:
   * buildViolatedReqId makes a Boom.forbidden), or 401, as it answered before (Boom.unauthorized
   * throughout player/service/plugins/routes/lrs.js), so that an AU can be tried against both. The
   * LMS's own rules ("lms:…"), and 9.5.1, which names a section rather than a requirement, are
   * 403 either way.
   */
  cmi5RefusalStatus?: 401 | 403;
}

/** A cmi5 requirement id, as the reference player names the one a refusal enforces ("9.3.0.0-2"). */
const REQUIREMENT_ID = /^\d+\.\d+\.\d+\.\d+-\d+$/;

const VERSION = '1.0.3';
/** Largest statements request body, in bytes. */
export const MAX_STATEMENTS_BODY = 1024 * 1024;
/** Largest state or profile document, in bytes. */
export const MAX_DOCUMENT_BODY = 64 * 1024;
/** Most statements in one POST. */
export const MAX_BATCH = 500;
/** A body this many times over its limit is not even drained: the answer closes the connection. */
const DRAIN_FACTOR = 16;

/**
 * The request body, or null when it is larger than `limit`. An oversized body
 * is read to its end and discarded (so the client gets to read the 413), never
 * held in memory; reading stops at once for one far larger still.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit * DRAIN_FACTOR) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else if (size <= limit * DRAIN_FACTOR) chunks.length = 0;
      else {
        req.off('data', onData);
        req.pause();
        resolve(null);
      }
    };
    req.on('data', onData);
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', (error) => (size > limit ? resolve(null) : reject(error)));
  });
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): true {
  const text = body === undefined ? '' : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, {
    'X-Experience-API-Version': VERSION,
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'X-Experience-API-Version, X-Experience-API-Consistent-Through, ETag',
    ...(body !== undefined && !headers['content-type'] ? { 'content-type': 'application/json' } : {}),
    ...headers,
  });
  res.end(text);
  return true;
}

const problem = (res: ServerResponse, status: number, message: string) => send(res, status, { error: message });


const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A Content-Type's media type, lowercased, without parameters ("" when there is none). */
const mediaTypeOf = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();
const mediaType = (req: IncomingMessage) => mediaTypeOf(req.headers['content-type'] ?? '');

/** The entity tags of an If-Match or If-None-Match header ("*" stays as it is). */
const entityTags = (header: string) => header.split(',').map((tag) => tag.trim());

/**
 * Why a write to a single document must not happen (412 or 409), or null
 * (Communication 3.1). If-Match and If-None-Match are honoured on every
 * document resource, and a PUT over an existing document without either is a
 * 409, the State resource's too: xAPI 1.0.3 let a State PUT go without them,
 * xAPI 2.0 does not (ADL's 2.0 conformance suite, 4.1.4-Concurrency.js, expects
 * the 409 for State, Activity Profile and Agent Profile alike). Stricter than
 * 1.0.3 on purpose: a package that PUT its state would lose it on an LRS that
 * applies 2.0's rule. A POST (a merge) needs neither.
 */
function concurrencyProblem(req: IncomingMessage, existing: { etag: string } | null): { status: 409 | 412; error: string } | null {
  const ifMatch = req.headers['if-match'];
  const ifNoneMatch = req.headers['if-none-match'];
  const etag = existing?.etag ?? null;
  if (ifMatch !== undefined) {
    const tags = entityTags(ifMatch);
    if (etag === null) return { status: 412, error: 'If-Match: there is no such document' };
    if (!tags.includes('*') && !tags.includes(etag)) return { status: 412, error: `If-Match: the document changed; its ETag is now ${etag}` };
  }
  if (ifNoneMatch !== undefined && etag !== null) {
    const tags = entityTags(ifNoneMatch);
    if (tags.includes('*') || tags.includes(etag)) return { status: 412, error: 'If-None-Match: the document already exists' };
  }
  if (req.method === 'PUT' && etag !== null && ifMatch === undefined && ifNoneMatch === undefined) {
    return { status: 409, error: 'The document already exists: read it, then PUT with If-Match set to its ETag (or If-None-Match: * to write only a new one).' };
  }
  return null;
}

/** A document as a JSON object, or null when it is not one sent as application/json. */
function jsonObjectOf(contentType: string, body: Buffer): Record<string, unknown> | null {
  if (mediaTypeOf(contentType) !== 'application/json') return null;
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return isJsonObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** Does the statement (or its sub-statement) declare an attachment whose data is not at a fileUrl? */
function attachmentWithoutUrl(statement: Record<string, unknown>): boolean {
  const lacksUrl = (attachments: unknown) => Array.isArray(attachments) && attachments.some((a) => typeof (a as { fileUrl?: unknown }).fileUrl !== 'string');
  return lacksUrl(statement.attachments) || lacksUrl((statement.object as { attachments?: unknown } | undefined)?.attachments);
}

/**
 * A score whose min is not below its max, in the statement or its sub-statement: xAPI
 * Data 2.4.5.1 has min less than max, and ADL's LRS refuses min equal to max, which
 * xapi-validation lets through.
 */
function minNotBelowMax(statement: Record<string, unknown>): boolean {
  const score = (s: unknown) => (s as { result?: { score?: { min?: unknown; max?: unknown } } } | undefined)?.result?.score;
  return [score(statement), score(statement.object)].some((s) => typeof s?.min === 'number' && typeof s.max === 'number' && s.min >= s.max);
}

/**
 * Where the statement (or its sub-statement) has a language map without an entry, or null:
 * ADL's 1.0.3 conformance suite refuses one in verb.display, an activity definition's name and
 * description and an attachment's display and description (test/v1_0_3/configs/languages.js, "A
 * Language Map is defined as an array of language tag/String pairs has at least 1 entry"), which
 * xapi-validation lets through.
 */
function emptyLanguageMap(statement: Record<string, unknown>): string | null {
  const isEmpty = (map: unknown) => isJsonObject(map) && Object.keys(map).length === 0;
  const inStatement = (s: Record<string, unknown>, prefix: string): string | null => {
    const definition = (s.object as { definition?: Record<string, unknown> } | undefined)?.definition;
    const maps: Array<[string, unknown]> = [
      ['verb.display', (s.verb as { display?: unknown } | undefined)?.display],
      ['object.definition.name', definition?.name],
      ['object.definition.description', definition?.description],
    ];
    const found = maps.find(([, map]) => isEmpty(map));
    return found ? `${prefix}${found[0]}` : null;
  };
  const attachments = Array.isArray(statement.attachments) ? (statement.attachments as Array<Record<string, unknown>>) : [];
  const attachment = attachments.findIndex((a) => isEmpty(a?.display) || isEmpty(a?.description));
  if (attachment !== -1) return `attachments.${attachment}.${isEmpty(attachments[attachment]!.display) ? 'display' : 'description'}`;
  const object = statement.object as Record<string, unknown> | undefined;
  return inStatement(statement, '') ?? (object?.objectType === 'SubStatement' ? inStatement(object, 'object.') : null);
}

const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

/** Why an IFI's value is malformed, or null when it is well formed. */
function ifiProblem(ifi: (typeof IFIS)[number], value: unknown): string | null {
  const isIri = (v: unknown) => typeof v === 'string' && URL.canParse(v);
  switch (ifi) {
    case 'mbox':
      return typeof value === 'string' && /^mailto:[^@\s]+@[^@\s]+$/i.test(value) ? null : 'mbox must be a mailto: IRI';
    case 'mbox_sha1sum':
      return typeof value === 'string' && /^[0-9a-f]{40}$/i.test(value) ? null : 'mbox_sha1sum must be 40 hex digits';
    case 'openid':
      return isIri(value) ? null : 'openid must be a URI';
    case 'account': {
      const account = value as { homePage?: unknown; name?: unknown } | null;
      return isJsonObject(account) && isIri(account.homePage) && typeof account.name === 'string' && account.name !== '' ? null : 'account needs a homePage IRL and a name';
    }
  }
}

/**
 * The `agent` query parameter as an Agent or Identified Group (exactly one
 * well-formed inverse functional identifier, so agentKey gives it a key), or
 * why it is not one. Statement queries and document resources read it alike.
 */
function agentParameter(text: string): Record<string, unknown> | string {
  let agent: unknown;
  try {
    agent = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!isJsonObject(agent)) return 'must be a JSON Agent or Identified Group object';
  if (agent.objectType !== undefined && agent.objectType !== 'Agent' && agent.objectType !== 'Group') return 'objectType must be Agent or Group';
  const ifis = IFIS.filter((ifi) => agent[ifi] !== undefined);
  if (ifis.length !== 1) return `needs exactly one of ${IFIS.join(', ')} (it has ${ifis.length})`;
  return ifiProblem(ifis[0]!, agent[ifis[0]!]) ?? agent;
}

/** A UUID, in any case (xAPI's registration). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The query parameters each resource defines (xAPI 1.0.3 Communication 2.1 to 2.7), and the
 * `cursor` of this LRS's own `more` links. Any other, a name in another case included, is a 400,
 * as ADL's suites require (v1_0_3 and v2_0 H.Communication3.2-ErrorCodes.js, XAPI-00324 "?foo=bar"
 * and XAPI-00325 "StatementId", "Limit"…; v1_0_3 H.Communication2.7-ActivityProfileResource.js
 * sends `agent` to the Activity Profile and expects the 400).
 */
const RESOURCE_PARAMETERS: Record<string, ReadonlySet<string>> = {
  statements: new Set(['statementId', 'voidedStatementId', 'agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents', 'since', 'until', 'limit', 'format', 'attachments', 'ascending', 'cursor']),
  'activities/state': new Set(['activityId', 'agent', 'registration', 'stateId', 'since']),
  'agents/profile': new Set(['agent', 'profileId', 'since']),
  'activities/profile': new Set(['activityId', 'profileId', 'since']),
};

/** The parameters of the query its resource does not define, or none. */
function undefinedParameters(resource: string, q: URLSearchParams): string[] {
  const known = RESOURCE_PARAMETERS[resource];
  return known ? [...new Set(q.keys())].filter((name) => !known.has(name)) : [];
}

/** The parameters a single-statement GET may have besides its id (Communication 2.1.3). */
const SINGLE_STATEMENT_PARAMS = new Set(['statementId', 'voidedStatementId', 'attachments', 'format']);

/**
 * A timestamp as the instant it names, so that two ways of writing it compare
 * equal ("…T18:00:00+08:00" and "…T10:00:00.000Z"); digits beyond the
 * millisecond are kept apart, since Date.parse drops them.
 */
function instant(timestamp: unknown): unknown {
  if (typeof timestamp !== 'string') return timestamp;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return timestamp;
  const beyondMs = subMillisecondDigits(timestamp);
  return `${ms}${beyondMs ? `.${beyondMs}` : ''}`;
}

/** The parts of a statement (or sub-statement) that must match when its id comes again. */
function comparable(statement: Record<string, unknown>, ignoreTimestamp: boolean): Record<string, unknown> {
  // Set by the LRS, so never part of the comparison (xAPI Data 2.3.1).
  const { stored: _stored, authority: _authority, version: _version, timestamp, verb, object, ...rest } = statement;
  const out: Record<string, unknown> = { ...rest };
  // verb.display is not part of the statement.
  if (verb !== undefined) {
    const { display: _display, ...verbId } = verb as Record<string, unknown>;
    out.verb = verbId;
  }
  if (object !== undefined) out.object = isJsonObject(object) && object.objectType === 'SubStatement' ? comparable(object, false) : object;
  if (timestamp !== undefined && !ignoreTimestamp) out.timestamp = instant(timestamp);
  return out;
}

/**
 * Is `incoming` the statement already stored under its id (a retry), as xAPI
 * Data 2.3.1 compares them? A timestamp the LRS may have set is ignored: the
 * retry has none, or the stored one is the LRS's own (it set it to `stored`).
 */
function sameStatement(existing: Record<string, unknown>, incoming: Record<string, unknown>): boolean {
  const ignoreTimestamp = incoming.timestamp === undefined || existing.timestamp === existing.stored;
  return isDeepStrictEqual(comparable(existing, ignoreTimestamp), comparable(incoming, ignoreTimestamp));
}

/** Build the request handler; returns true when it answered the request. */
export function createLrsHandler(options: LrsOptions) {
  const base = options.base ?? '/xapi/';
  const { store } = options;
  const basic = `Basic ${Buffer.from(`${options.key}:${options.secret}`).toString('base64')}`;
  const authority = { objectType: 'Agent', name: 'skillpack preview LRS', account: { homePage: 'https://w3id.org/skillpack', name: 'preview-lrs' } };

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith(base)) return false;
    const resource = url.pathname.slice(base.length).replace(/\/$/, '');
    if (req.method === 'OPTIONS') {
      return send(res, 204, undefined, {
        'Access-Control-Allow-Methods': 'GET, PUT, POST, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match',
      });
    }
    // cmi5 fetch URL: no auth, POST, one time only (cmi5 §8.2).
    if (resource.startsWith('cmi5/fetch/')) {
      if (req.method !== 'POST') return problem(res, 405, 'the fetch URL takes POST');
      const auth = store.cmi5.redeem(resource.slice('cmi5/fetch/'.length));
      return auth ? send(res, 200, { 'auth-token': auth }) : send(res, 200, { 'error-code': '1', 'error-text': 'the fetch URL was already used or is unknown' });
    }
    if (resource === 'about') return send(res, 200, { version: [VERSION] });
    // Every answer to a statement GET carries it, a refusal's too (XAPI-00153): set once, before any check.
    if (resource === 'statements' && req.method === 'GET') res.setHeader('X-Experience-API-Consistent-Through', new Date().toISOString());

    const authorization = req.headers.authorization ?? '';
    // A cmi5 token is good only in the process that issued it: a restart makes every earlier one unknown.
    const session = authorization === basic ? null : store.cmi5.byAuthToken(authorization.replace(/^Basic\s+/i, ''));
    if (authorization !== basic && !session) return problem(res, 401, 'missing or wrong credentials');
    const version = req.headers['x-experience-api-version'];
    if (typeof version !== 'string' || !/^1\.0(\.\d+)?$/.test(version)) return problem(res, 400, 'X-Experience-API-Version 1.0.x is required');
    if (session?.abandoned) {
      // Every request of the session, as the reference player refuses them, under its requirement id.
      return refuse(res, session, { requirement: '9.3.6.0-2', error: 'This session was abandoned when the registration was launched again: nothing more is recorded for it, and its token no longer works.' });
    }

    const unknown = undefinedParameters(resource, url.searchParams);
    if (unknown.length) {
      const error = `${resource} takes no parameter ${unknown.join(', ')} (parameter names are case-sensitive)`;
      return problem(res, 400, error);
    }
    const limit = resource === 'statements' ? MAX_STATEMENTS_BODY : MAX_DOCUMENT_BODY;
    const body = req.method === 'PUT' || req.method === 'POST' ? await readBody(req, limit) : Buffer.alloc(0);
    if (!body) return send(res, 413, { error: `the request body is larger than ${limit} bytes` }, { connection: 'close' });
    switch (resource) {
      case 'statements':
        return statements(req, res, url, body, session ?? null);
      case 'activities/state':
        return documents(req, res, url, body, 'state', ['activityId', 'agent', 'stateId'], session ?? null);
      case 'agents/profile':
        return documents(req, res, url, body, 'agent-profile', ['agent', 'profileId'], session ?? null);
      case 'activities/profile':
        return documents(req, res, url, body, 'activity-profile', ['activityId', 'profileId'], session ?? null);
      default:
        return problem(res, 404, `no resource ${resource}`);
    }
  };

  /** Answer 403 (or 401, see cmi5RefusalStatus) for a cmi5 token, and record the refusal for the preview. */
  function refuse(res: ServerResponse, session: Cmi5Session, denial: Denial, statement?: { index: number; value: Record<string, unknown> }): true {
    const verb = (statement?.value.verb as { id?: unknown } | undefined)?.id;
    const id = statement?.value.id;
    const rejection: Rejection = {
      at: new Date().toISOString(),
      requirement: denial.requirement,
      message: denial.error,
      verb: typeof verb === 'string' ? verb : null,
      statementId: typeof id === 'string' ? id : null,
      index: statement?.index ?? null,
      registration: session.registration,
      sessionId: session.id,
    };
    store.cmi5.reject(rejection);
    options.onRejection?.(rejection);
    const status = options.cmi5RefusalStatus === 401 && REQUIREMENT_ID.test(denial.requirement) ? 401 : 403;
    return send(res, status, { error: denial.error, requirement: denial.requirement, ...(statement ? { index: statement.index } : {}) });
  }

  function statements(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, session: Cmi5Session | null): true {
    if (req.method === 'GET') return getStatements(res, url);
    if (req.method !== 'POST' && req.method !== 'PUT') return problem(res, 405, 'statements take GET, POST or PUT');
    const media = mediaType(req);
    if (media === 'multipart/mixed') return problem(res, 400, 'this LRS does not take multipart/mixed statement requests (attachment data); give each attachment a fileUrl and send application/json');
    if (media !== 'application/json') return problem(res, 400, `statements must be sent as application/json, not ${media || 'a body without a Content-Type'}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return problem(res, 400, 'the body is not JSON');
    }
    // PUT stores one statement; POST one or an array of them. Each must be a JSON object.
    if (req.method === 'PUT' && !isJsonObject(parsed)) return problem(res, 400, 'PUT takes one statement, a JSON object');
    const items: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
    if (items.length > MAX_BATCH) return problem(res, 413, `at most ${MAX_BATCH} statements per request`);
    const notObject = items.findIndex((item) => !isJsonObject(item));
    if (notObject !== -1) return problem(res, 400, `statement ${notObject} is not a JSON object`);
    const list = items as Array<Record<string, unknown>>;
    if (req.method === 'PUT') {
      const id = url.searchParams.get('statementId');
      if (!id) return problem(res, 400, 'PUT needs statementId');
      if (list[0]!.id !== undefined && (typeof list[0]!.id !== 'string' || list[0]!.id.toLowerCase() !== id.toLowerCase())) return problem(res, 400, 'statementId does not match the statement id');
      list[0]!.id = id;
    }
    for (const [i, statement] of list.entries()) {
      const warnings = validate(statement);
      if (warnings.length) return problem(res, 400, `statement ${i}: ${warnings.map((w) => `${w.path.join('.')} ${w.constructor.name}`).join('; ')}`);
      if (attachmentWithoutUrl(statement)) return problem(res, 400, `statement ${i}: an attachment without fileUrl must have its data sent in a multipart/mixed request`);
      if (minNotBelowMax(statement)) return problem(res, 400, `statement ${i}: result.score.min must be less than result.score.max (xAPI Data 2.4.5.1)`);
      const empty = emptyLanguageMap(statement);
      if (empty) return problem(res, 400, `statement ${i}: ${empty} is a language map without an entry; give it at least one (xAPI Data 4.2), or leave it out`);
    }
    if (session) {
      const progress = store.cmi5.progressOf(session.registration);
      const broken = options.strictCmi5 !== false ? checkCmi5(list, session, progress) : null;
      if (broken) return refuse(res, session, { requirement: broken.rule.requirement, error: broken.rule.sentence }, { index: broken.index, value: list[broken.index]! });
      for (const [index, value] of list.entries()) {
        const denial = outsideSession(value, session);
        if (denial) return refuse(res, session, denial, { index, value });
      }
    }
    const voidingTwice = voidsAVoiding(list);
    if (voidingTwice !== null) return problem(res, 400, `statement ${voidingTwice}: a voiding statement cannot be voided`);
    const stored = new Date().toISOString();
    const fresh: Array<Record<string, unknown> & { id: string }> = [];
    const ids = new Set<string>();
    for (const statement of list) {
      const id = typeof statement.id === 'string' ? statement.id.toLowerCase() : randomUUID();
      if (ids.has(id)) return problem(res, 400, `statement id ${id} appears twice in the batch`);
      ids.add(id);
      const existing = store.getStatement(id);
      if (existing) {
        // The same statement again is a retry: accept it. A different one under the same id is a conflict.
        if (!sameStatement(existing.statement, { ...statement, id })) return problem(res, 409, `statement ${id} already exists with other content`);
        continue;
      }
      fresh.push({ ...statement, id, stored, authority, ...(statement.timestamp ? {} : { timestamp: stored }) });
    }
    store.insertStatements(fresh);
    if (session) recordCmi5(list, session, store.cmi5.progressOf(session.registration));
    if (fresh.length) options.onStatements?.(fresh);
    return req.method === 'PUT' ? send(res, 204) : send(res, 200, [...ids]);
  }

  /** The index of the first statement that voids a voiding statement (stored or in the batch), or null. */
  function voidsAVoiding(list: Array<Record<string, unknown>>): number | null {
    const voidingInBatch = new Set(list.filter((s) => voidedBy(s) !== null && typeof s.id === 'string').map((s) => (s.id as string).toLowerCase()));
    const index = list.findIndex((s) => {
      const target = voidedBy(s);
      return target !== null && (voidingInBatch.has(target) || store.isVoiding(target));
    });
    return index === -1 ? null : index;
  }

  /**
   * One statement by statementId, or a voided one by voidedStatementId
   * (Communication 2.1.3, 2.1.4): a voided statement is found only by the
   * second, any other only by the first.
   */
  function getOneStatement(res: ServerResponse, q: URLSearchParams): true {
    if (q.has('statementId') && q.has('voidedStatementId')) return problem(res, 400, 'give statementId or voidedStatementId, not both');
    const others = [...q.keys()].filter((name) => !SINGLE_STATEMENT_PARAMS.has(name));
    if (others.length) return problem(res, 400, `statementId and voidedStatementId take no other parameters than attachments and format (got ${[...new Set(others)].join(', ')})`);
    const wantsVoided = q.has('voidedStatementId');
    const id = (wantsVoided ? q.get('voidedStatementId') : q.get('statementId'))!;
    const found = store.getStatement(id);
    if (!found || store.isVoided(id) !== wantsVoided) return problem(res, 404, wantsVoided ? 'no voided statement with this id' : 'no such statement (a voided one is read with voidedStatementId)');
    return send(res, 200, found.statement);
  }

  function getStatements(res: ServerResponse, url: URL): true {
    const q = url.searchParams;
    if (q.has('statementId') || q.has('voidedStatementId')) return getOneStatement(res, q);
    let agent: Record<string, unknown> | undefined;
    if (q.has('agent')) {
      const parsed = agentParameter(q.get('agent')!);
      if (typeof parsed === 'string') return problem(res, 400, `agent: ${parsed}`);
      agent = parsed;
    }
    const relatedAgents = q.get('related_agents');
    if (relatedAgents !== null && relatedAgents !== 'true' && relatedAgents !== 'false') return problem(res, 400, 'related_agents is true or false');
    // Compared as instants: "…T18:00+08:00" and "…T10:00Z" are the same time.
    const range: Pick<StatementQuery, 'since' | 'until'> = {};
    for (const name of ['since', 'until'] as const) {
      const value = q.get(name);
      if (value === null) continue;
      const at = parseTimestamp(value);
      if (at === null) return problem(res, 400, `${name} is not an ISO 8601 timestamp (e.g. 2026-03-01T10:00:00Z)`);
      range[name] = at;
    }
    const limit = Math.min(Math.max(Number(q.get('limit') ?? 100) || 100, 1), 500);
    const cursor = q.get('cursor');
    const page = store.queryStatements({
      agent,
      relatedAgents: relatedAgents === 'true',
      verb: q.get('verb') ?? undefined,
      activity: q.get('activity') ?? undefined,
      registration: q.get('registration') ?? undefined,
      ...range,
      ascending: q.get('ascending') === 'true',
      withoutVoided: true,
      limit,
      after: cursor ? Number(cursor) : undefined,
    });
    let more = '';
    if (page.next !== null) {
      const next = new URLSearchParams(q);
      next.set('cursor', String(page.next));
      more = `${base}statements?${next.toString()}`;
    }
    return send(res, 200, { statements: page.statements.map((s) => s.statement), more });
  }

  function documents(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, kind: string, required: string[], session: Cmi5Session | null): true {
    const q = url.searchParams;
    const docParam = required[required.length - 1]!;
    const missing = required.filter((p) => p !== docParam && !q.get(p));
    if (missing.length) return problem(res, 400, `missing ${missing.join(', ')}`);
    let agentObject: Record<string, unknown> | null = null;
    if (q.get('agent')) {
      const parsed = agentParameter(q.get('agent')!);
      if (typeof parsed === 'string') return problem(res, 400, `agent: ${parsed}`);
      agentObject = parsed;
    }
    // ADL's conformance suites (v1_0_3 H.Communication2.3-StateResource.js, v2_0 4.1.6.2-State-Resource.js,
    // XAPI-00200 to XAPI-00203) refuse a State GET, PUT, POST or DELETE whose registration is not a UUID.
    if (kind === 'state' && q.has('registration') && !UUID.test(q.get('registration')!)) return problem(res, 400, 'registration must be a UUID');
    const agent = agentObject ? agentKey(agentObject)! : '';
    const activity = q.get('activityId') ?? '';
    const registration = q.get('registration') ?? '';
    const docId = q.get(docParam);
    // Only the State resource deletes several documents at once (Communication 2.3); a profile DELETE names one.
    if (!docId && req.method === 'DELETE' && kind !== 'state') return problem(res, 400, `missing ${docParam}: a profile DELETE removes one document`);
    if (session) {
      const denial = documentDenial({ method: req.method ?? 'GET', kind, activity, agent: agentObject, registration: q.get('registration'), docId }, session, options.strictCmi5 !== false);
      if (denial) return refuse(res, session, denial);
    }
    if (req.method === 'GET') {
      // A list GET whose since is not a timestamp is a 400 on every document resource, as ADL's 2.0 suite
      // requires (4.1.6.2-State-Resource.js XAPI-00204, 4.1.6.5-Agent-Profile-Resource.js XAPI-00260,
      // 4.1.6.6-Activity-Profile-Resource.js XAPI-00295). (A valid one is not applied: every id is listed.)
      if (!docId && q.has('since') && parseTimestamp(q.get('since')!) === null) return problem(res, 400, 'since is not an ISO 8601 timestamp (e.g. 2026-03-01T10:00:00Z)');
      if (!docId) return send(res, 200, store.listDocumentIds(kind, activity, agent, registration));
      // Reading the learner preferences (found or not) is what the LMS waits for before accepting statements.
      if (session && kind === 'agent-profile' && docId === LEARNER_PREFERENCES) session.prefsRead = true;
      const doc = store.getDocument(kind, activity, agent, registration, docId);
      return doc ? send(res, 200, doc.body, { 'content-type': doc.contentType, ETag: doc.etag }) : problem(res, 404, 'no such document');
    }
    if (req.method !== 'PUT' && req.method !== 'POST' && req.method !== 'DELETE') return problem(res, 405, 'method not allowed');
    if (!docId) {
      if (req.method !== 'DELETE') return problem(res, 400, `missing ${docParam}`);
      store.deleteDocuments(kind, activity, agent, registration);
      return send(res, 204);
    }
    // A write to one document must meet its preconditions first.
    const existing = store.getDocument(kind, activity, agent, registration, docId);
    const conflict = concurrencyProblem(req, existing);
    if (conflict) return problem(res, conflict.status, conflict.error);
    if (req.method === 'DELETE') {
      store.deleteDocuments(kind, activity, agent, registration, docId);
      return send(res, 204);
    }
    if (req.method === 'PUT') {
      store.putDocument(kind, activity, agent, registration, docId, req.headers['content-type'] ?? 'application/octet-stream', body);
      return send(res, 204);
    }
    // POST merges JSON objects, and nothing else (Communication 2.2, "JSON Procedure with Requirements").
    const contentType = req.headers['content-type'] ?? '';
    const posted = jsonObjectOf(contentType, body);
    if (!posted) return problem(res, 400, 'POST merges JSON: send a JSON object as application/json, or use PUT to replace the document');
    if (!existing) {
      store.putDocument(kind, activity, agent, registration, docId, contentType, body);
      return send(res, 204);
    }
    const current = jsonObjectOf(existing.contentType, existing.body);
    if (!current) return problem(res, 400, 'the stored document is not a JSON object (application/json), so nothing can be merged into it; use PUT');
    store.putDocument(kind, activity, agent, registration, docId, existing.contentType, Buffer.from(JSON.stringify({ ...current, ...posted })));
    return send(res, 204);
  }
}
