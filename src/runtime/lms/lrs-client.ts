/**
 * Talking to the LRS through @xapi/xapi, with a transport of our own: fetch
 * with a time-out, `keepalive` for sends while the page is closing, and HTTP
 * failures kept as statuses so the outbox can tell "retry later" from
 * "refused".
 */
import XAPIModule from '@xapi/xapi';
import type { Outgoing, SendOutcome } from './xapi-queue.js';

// The package is CommonJS for Node and ESM for bundlers; its class is `.default` in both.
const XAPI = XAPIModule.default;
type XapiClient = InstanceType<typeof XAPI>;

const TIMEOUT_MS = 10_000;

/** An HTTP failure with its status (0 when the LRS could not be reached). */
export class LrsError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface AdapterRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  data?: unknown;
}

let keepaliveNext = false;

async function transport(request: AdapterRequest): Promise<{ data: unknown; headers: Record<string, string>; status: number }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  const body = request.data === undefined ? undefined : typeof request.data === 'string' ? request.data : JSON.stringify(request.data);
  let response: Response;
  try {
    response = await fetch(request.url, { method: request.method, headers: request.headers, body, signal: controller.signal, keepalive: keepaliveNext && (body?.length ?? 0) < 60_000, credentials: 'omit' });
  } catch (error) {
    throw new LrsError(0, error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
  const text = await response.text();
  if (!response.ok) throw new LrsError(response.status, text.slice(0, 300));
  let data: unknown = text;
  try {
    data = text ? JSON.parse(text) : text;
  } catch {
    // not JSON (e.g. an empty 204)
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  return { data, headers, status: response.status };
}

export interface LrsTarget {
  endpoint: string;
  auth: string;
  actor: Record<string, unknown>;
  registration: string | null;
  /** Activity the state documents belong to. */
  activityId: string;
}

/** A client bound to one learner, registration and activity. */
export class LrsClient {
  readonly xapi: XapiClient;

  constructor(readonly target: LrsTarget) {
    this.xapi = new XAPI({ endpoint: target.endpoint, auth: target.auth, version: '1.0.3', adapter: transport as never });
  }

  /** Read a state document; null when absent (404) . Throws LrsError on other failures. */
  async getState(stateId: string, activityId = this.target.activityId): Promise<unknown> {
    try {
      const response = await this.xapi.getState({ agent: this.target.actor as never, activityId, stateId, ...(this.target.registration ? { registration: this.target.registration } : {}) });
      return response.data;
    } catch (error) {
      if (error instanceof LrsError && error.status === 404) return null;
      throw error;
    }
  }

  /** Deliver one outbox item. */
  async deliver(item: Outgoing, keepalive: boolean): Promise<{ outcome: SendOutcome; detail?: string }> {
    keepaliveNext = keepalive;
    try {
      if (item.kind === 'statements') {
        await this.xapi.sendStatements({ statements: item.statements as never });
      } else {
        await this.xapi.setState({ agent: this.target.actor as never, activityId: this.target.activityId, stateId: item.stateId, state: item.document as never, contentType: 'application/json', ...(this.target.registration ? { registration: this.target.registration } : {}) } as never);
      }
      return { outcome: 'sent' };
    } catch (error) {
      const status = error instanceof LrsError ? error.status : 0;
      const detail = error instanceof Error ? `${status} ${error.message}` : String(error);
      // 409: a statement with this id is already stored: a retry of one that arrived.
      if (status === 409) return { outcome: 'sent', detail };
      if (status === 401 || status === 403) return { outcome: 'unauthorized', detail };
      if (status >= 400 && status < 500 && status !== 408 && status !== 429) return { outcome: 'rejected', detail };
      return { outcome: 'retry', detail };
    } finally {
      keepaliveNext = false;
    }
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

/** Launch parameters from the page URL (legacy array-style actors normalised by @xapi/xapi). */
export function launchParameters(search = typeof location === 'undefined' ? '' : location.search): Record<string, unknown> {
  return XAPI.getSearchQueryParamsAsObject(search) as Record<string, unknown>;
}
