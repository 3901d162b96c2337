/**
 * The embedded LRS's storage: statements and documents held in memory and
 * kept in a journal file (one JSON line per change), so a reviewer can stop
 * the preview and come back. Plain JavaScript: nothing to compile at install.
 *
 * Every change is one line appended to the file; a crash can only tear the
 * last line, which is dropped when the file is opened again. Now and then the
 * journal is compacted: the live data is written to a new file that then
 * replaces the old one in one rename, so the file is always whole.
 *
 * Node runs one request's synchronous work at a time, and every method here is
 * synchronous: a check followed by an insert cannot interleave with another
 * request's. Another process is kept out by a lock file next to the journal:
 * a second preview on the same journal fails at start instead of losing data.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Cmi5Sessions } from './cmi5-sessions.js';
import { tryLock } from '../../package/file-lock.js';

export interface StoredStatement {
  id: string;
  stored: string;
  statement: Record<string, unknown>;
}

export interface StatementQuery {
  /** Statements whose actor or object is this Agent or Group (or a group with it as a member). */
  agent?: Record<string, unknown>;
  /** With `agent`: also its authority, context instructor and team, and those of a sub-statement. */
  relatedAgents?: boolean;
  verb?: string;
  activity?: string;
  registration?: string;
  /** Statements stored after this instant (milliseconds since the epoch)… */
  since?: number;
  /** …and at or before this one. */
  until?: number;
  ascending?: boolean;
  limit: number;
  /** Paging cursor: the sequence number to continue after. */
  after?: number;
  /** Leave out voided statements, as xAPI queries do (the preview's own reports keep them). */
  withoutVoided?: boolean;
}

export interface StoredDocument {
  kind: string;
  activity: string;
  agent: string;
  registration: string;
  docId: string;
  contentType: string;
  body: Buffer;
  /** Its ETag: the quoted SHA-1 of its bytes (xAPI Communication 3.1), worked out once, when it is written. */
  etag: string;
  updated: string;
}

/** The one value that identifies an agent (its IFI), for matching. */
export function agentKey(agent: Record<string, unknown> | undefined): string | null {
  if (!agent) return null;
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox}`;
  if (typeof agent.mbox_sha1sum === 'string') return `sha1:${agent.mbox_sha1sum}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  const account = agent.account as { homePage?: string; name?: string } | undefined;
  if (account?.homePage && account.name) return `account:${account.homePage}|${account.name}`;
  return null;
}

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

/** The id (lowercased) of the statement a voiding statement voids, or null for any other statement. */
export function voidedBy(statement: Record<string, unknown>): string | null {
  const object = statement.object as { objectType?: unknown; id?: unknown } | undefined;
  if ((statement.verb as { id?: unknown } | undefined)?.id !== VOIDED || object?.objectType !== 'StatementRef' || typeof object.id !== 'string') return null;
  return object.id.toLowerCase();
}

/** An ISO 8601 date and time: seconds, fraction and zone optional (no zone means UTC). */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * The instant an ISO 8601 / RFC 3339 timestamp names, in milliseconds since
 * the epoch (finer digits dropped), or null when it is not one. Stricter than
 * Date.parse, which takes "2026-02-31" (as 3 March) and prose dates.
 */
export function parseTimestamp(value: string): number | null {
  const m = TIMESTAMP.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [m[1], m[2], m[3], m[4], m[5], m[6], m[10], m[11]].map((part) => Number(part ?? 0)) as [number, number, number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  // setUTCFullYear, since Date.UTC reads years 0–99 as 1900–1999.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year);
  // Dates roll over (31 February becomes March): such a date does not exist.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const offset = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return date.getTime() - offset * 60_000;
}

/** The digits of a timestamp's fraction beyond the millisecond, without trailing zeros ("" when none). */
export function subMillisecondDigits(timestamp: string): string {
  return (/\.\d{3}(\d+)/.exec(timestamp)?.[1] ?? '').replace(/0+$/, '');
}

/**
 * Which of two timestamps is earlier, to the last digit given (a float would
 * lose the digits beyond the microsecond): negative when `a` is, 0 when they
 * name the same instant, null when either is not a timestamp.
 */
export function compareTimestamps(a: string, b: string): number | null {
  const [msA, msB] = [parseTimestamp(a), parseTimestamp(b)];
  if (msA === null || msB === null) return null;
  if (msA !== msB) return msA - msB;
  const [fineA, fineB] = [subMillisecondDigits(a), subMillisecondDigits(b)];
  const width = Math.max(fineA.length, fineB.length);
  const [padA, padB] = [fineA.padEnd(width, '0'), fineB.padEnd(width, '0')];
  return padA < padB ? -1 : padA > padB ? 1 : 0;
}

/** The identifiers of an Agent or Group and of a group's members. */
function agentKeys(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const agent = value as Record<string, unknown>;
  const members = Array.isArray(agent.member) ? agent.member.map((m) => agentKey(m as Record<string, unknown>)) : [];
  return [agentKey(agent), ...members].filter((key): key is string => key !== null);
}

/** The agents a statement is for, as the `agent` filter reads it: the actor, and an Agent or Group object. */
function actorAndObject(statement: Record<string, unknown>): string[] {
  const object = statement.object as { objectType?: unknown } | undefined;
  const objectIsAgent = object?.objectType === 'Agent' || object?.objectType === 'Group';
  return [...agentKeys(statement.actor), ...(objectIsAgent ? agentKeys(object) : [])];
}

/** What `related_agents=true` matches besides: authority, context instructor and team, and all of these in a sub-statement. */
function relatedAgents(statement: Record<string, unknown>): string[] {
  const context = statement.context as { instructor?: unknown; team?: unknown } | undefined;
  const object = statement.object as Record<string, unknown> | undefined;
  const sub = object?.objectType === 'SubStatement' ? [...actorAndObject(object), ...relatedAgents(object)] : [];
  return [...agentKeys(statement.authority), ...agentKeys(context?.instructor), ...agentKeys(context?.team), ...sub];
}

/** First line of every journal: tells it from any other file given as `--db`. */
const HEADER = { format: 'skillpack-lrs-journal', version: 1 };
/** Compact when the journal holds this many more lines than the live data needs… */
const COMPACT_SLACK = 2000;
/** …and at least this many times as many. */
const COMPACT_RATIO = 2;

/** One change, as written to the journal. */
type JournalEntry =
  | { op: 'statements'; items: Array<Record<string, unknown>> }
  | { op: 'put'; kind: string; activity: string; agent: string; registration: string; docId: string; contentType: string; body: string; updated: string }
  | { op: 'delete'; kind: string; activity: string; agent: string; registration: string; docId?: string }
  | { op: 'clear' };

interface StatementRow {
  seq: number;
  id: string;
  stored: string;
  /** `stored` as milliseconds since the epoch. */
  storedAt: number;
  /** Identifiers of the actor and of an Agent or Group object, with their groups' members. */
  agents: string[];
  /** Identifiers only `related_agents` matches. */
  related: string[];
  verb: string;
  activity: string | null;
  registration: string | null;
  /** It voids another statement (and so can never be voided itself). */
  voiding: boolean;
  statement: Record<string, unknown>;
}

const docKey = (kind: string, activity: string, agent: string, registration: string, docId: string) => JSON.stringify([kind, activity, agent, registration, docId]);

export class LrsStore {
  private rows: StatementRow[] = [];
  private readonly byId = new Map<string, StatementRow>();
  /** Ids that voiding statements name, whether or not the statement has arrived yet. */
  private readonly voidTargets = new Set<string>();
  private documents = new Map<string, StoredDocument>();
  private seq = 0;
  /** Journal file descriptor (null for ":memory:"). */
  private fd: number | null = null;
  private readonly file: string | null;
  /** Lines in the journal, header included. */
  private lines = 0;
  /** Gives up the lock this store holds on its journal (null for ":memory:", or once closed). */
  private releaseLock: (() => void) | null = null;
  /** After a failed compaction, the line count at which to try again. */
  private compactAgainAt = 0;

  /**
   * The cmi5 LMS's launch sessions, tokens and refusals. They live as long as
   * this store object and are never written to the journal: a restarted
   * preview has issued no tokens, so every earlier one is refused.
   */
  readonly cmi5 = new Cmi5Sessions();

  /**
   * Open (or create) a store.
   * @param file journal path, or ":memory:" for a store that keeps nothing
   */
  constructor(file: string) {
    if (file === ':memory:') {
      this.file = null;
      return;
    }
    this.file = path.resolve(file);
    mkdirSync(path.dirname(this.file), { recursive: true });
    this.releaseLock = lockJournal(this.file);
    try {
      this.open(this.file);
    } catch (error) {
      this.close();
      throw error;
    }
  }

  private open(file: string): void {
    // A compaction cut short leaves its unfinished copy behind; the journal itself is whole.
    const base = path.basename(file);
    for (const name of readdirSync(path.dirname(file))) if (name.startsWith(`${base}.`) && name.endsWith('.tmp')) rmSync(path.join(path.dirname(file), name), { force: true });
    const torn = existsSync(file) ? this.replay(readFileSync(file, 'utf8')) : false;
    if (!existsSync(file) || this.lines === 0 || torn) this.compact();
    else this.fd = openSync(file, 'a');
  }

  /** Load the journal; returns true when its last line was torn (and so dropped). */
  private replay(text: string): boolean {
    if (text === '') return false;
    const lines = text.split('\n');
    // A whole journal ends with a newline: anything after the last one is a write cut short.
    const tail = lines.pop()!;
    const header = lines.length ? parseLine(lines[0]!) : null;
    if (!header || (header as { format?: string }).format !== HEADER.format) {
      if (lines.length === 0 && tail !== '' && HEADER_TEXT.startsWith(tail)) return true; // the header itself was cut short
      throw new Error(`${this.file} is not a skillpack LRS journal; give --db another file name`);
    }
    this.lines = 1;
    for (const line of lines.slice(1)) {
      const entry = parseLine(line) as JournalEntry | null;
      if (!entry) throw new Error(`${this.file}: line ${this.lines + 1} is damaged; move the file away to start afresh`);
      this.apply(entry);
      this.lines++;
    }
    return tail !== '';
  }

  /** Apply one change to the data in memory. */
  private apply(entry: JournalEntry): void {
    switch (entry.op) {
      case 'statements':
        for (const s of entry.items) this.index(s as Record<string, unknown> & { id: string });
        break;
      case 'put': {
        const body = Buffer.from(entry.body, 'base64');
        this.documents.set(docKey(entry.kind, entry.activity, entry.agent, entry.registration, entry.docId), {
          kind: entry.kind,
          activity: entry.activity,
          agent: entry.agent,
          registration: entry.registration,
          docId: entry.docId,
          contentType: entry.contentType,
          body,
          etag: `"${createHash('sha1').update(body).digest('hex')}"`,
          updated: entry.updated,
        });
        break;
      }
      case 'delete':
        for (const [key, doc] of this.documents) {
          if (doc.kind === entry.kind && doc.activity === entry.activity && doc.agent === entry.agent && doc.registration === entry.registration && (entry.docId === undefined || doc.docId === entry.docId)) this.documents.delete(key);
        }
        break;
      case 'clear':
        this.rows = [];
        this.byId.clear();
        this.voidTargets.clear();
        this.documents = new Map();
        break;
    }
  }

  private index(s: Record<string, unknown> & { id: string }): void {
    const object = s.object as { id?: string } | undefined;
    const context = s.context as { registration?: string } | undefined;
    const row: StatementRow = {
      seq: ++this.seq,
      id: s.id,
      stored: s.stored as string,
      storedAt: Date.parse(s.stored as string),
      agents: actorAndObject(s),
      related: relatedAgents(s),
      verb: (s.verb as { id: string }).id,
      activity: object?.id ?? null,
      registration: context?.registration ?? null,
      voiding: false,
      statement: s,
    };
    const target = voidedBy(s);
    if (target !== null) {
      row.voiding = true;
      this.voidTargets.add(target);
    }
    this.rows.push(row);
    this.byId.set(row.id, row);
  }

  /** Record a change: in memory, then one line in the journal. */
  private commit(entry: JournalEntry): void {
    this.apply(entry);
    if (this.fd === null) return;
    appendFileSync(this.fd, `${JSON.stringify(entry)}\n`);
    this.lines++;
    const live = 1 + this.documents.size + Math.ceil(this.rows.length / STATEMENTS_PER_LINE);
    if (this.lines > live * COMPACT_RATIO && this.lines - live > COMPACT_SLACK && this.lines >= this.compactAgainAt) this.compactInUse();
  }

  /**
   * Compact while the store is in use. The change at hand is already in the
   * journal, so a compaction that fails loses nothing: the store carries on
   * appending to the old journal, which is whole, and tries again later.
   */
  private compactInUse(): void {
    try {
      this.compact();
    } catch (error) {
      this.compactAgainAt = this.lines + COMPACT_SLACK;
      process.emitWarning(`${this.file}: compacting the LRS journal failed (${error instanceof Error ? error.message : String(error)}); it keeps growing until that works`);
    }
  }

  /** Write the live data to a new journal and swap it in with one rename. */
  private compact(): void {
    if (!this.file) return;
    const out: string[] = [HEADER_TEXT];
    for (let i = 0; i < this.rows.length; i += STATEMENTS_PER_LINE) {
      out.push(JSON.stringify({ op: 'statements', items: this.rows.slice(i, i + STATEMENTS_PER_LINE).map((r) => r.statement) } satisfies JournalEntry));
    }
    for (const d of this.documents.values()) {
      out.push(JSON.stringify({ op: 'put', kind: d.kind, activity: d.activity, agent: d.agent, registration: d.registration, docId: d.docId, contentType: d.contentType, body: d.body.toString('base64'), updated: d.updated } satisfies JournalEntry));
    }
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${out.join('\n')}\n`);
    try {
      // Renamed over the journal while it is still open: if that fails, the old one stays whole and in use.
      renameSync(temporary, this.file);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
    const previous = this.fd;
    this.fd = openSync(this.file, 'a');
    if (previous !== null) closeSync(previous);
    this.lines = out.length;
    this.compactAgainAt = 0;
  }

  /** The stored statement with this id (in any case), voided or not, if any. */
  getStatement(id: string): StoredStatement | null {
    const row = this.byId.get(id.toLowerCase());
    return row ? { id: row.id, stored: row.stored, statement: row.statement } : null;
  }

  /**
   * Is the stored statement with this id voided? Only when a voiding statement
   * names it and it is not a voiding statement itself (xAPI Data 2.3.2).
   */
  isVoided(id: string): boolean {
    const row = this.byId.get(id.toLowerCase());
    return row !== undefined && this.voided(row);
  }

  /** Is the stored statement with this id a voiding statement? */
  isVoiding(id: string): boolean {
    return this.byId.get(id.toLowerCase())?.voiding ?? false;
  }

  private voided(row: StatementRow): boolean {
    return !row.voiding && this.voidTargets.has(row.id);
  }

  /** Store statements as one change (all or none: one journal line). */
  insertStatements(statements: Array<Record<string, unknown> & { id: string }>): void {
    if (statements.length === 0) return;
    for (const s of statements) if (this.byId.has(s.id)) throw new Error(`statement ${s.id} is already stored`);
    this.commit({ op: 'statements', items: statements });
  }

  /** Statements matching a query, newest first unless ascending; returns one page and whether more follow. */
  queryStatements(query: StatementQuery): { statements: StoredStatement[]; next: number | null } {
    const key = query.agent ? agentKey(query.agent) : undefined;
    const { since, until } = query;
    const matches = (r: StatementRow) =>
      (key === undefined || (key !== null && (r.agents.includes(key) || (query.relatedAgents === true && r.related.includes(key))))) &&
      (!query.verb || r.verb === query.verb) &&
      (!query.activity || r.activity === query.activity) &&
      (!query.registration || r.registration === query.registration) &&
      (since === undefined || r.storedAt > since) &&
      (until === undefined || r.storedAt <= until) &&
      !(query.withoutVoided && this.voided(r));
    const page: StatementRow[] = [];
    let more = false;
    const take = (r: StatementRow) => {
      if (!matches(r)) return true;
      if (page.length === query.limit) return (more = true), false;
      page.push(r);
      return true;
    };
    // Rows are in sequence order; a cursor is the last sequence number of the previous page.
    if (query.ascending) {
      for (const r of this.rows) if ((query.after === undefined || r.seq > query.after) && !take(r)) break;
    } else {
      for (let i = this.rows.length - 1; i >= 0; i--) {
        const r = this.rows[i]!;
        if ((query.after === undefined || r.seq < query.after) && !take(r)) break;
      }
    }
    return { statements: page.map((r) => ({ id: r.id, stored: r.stored, statement: r.statement })), next: more ? page.at(-1)!.seq : null };
  }

  countStatements(): number {
    return this.rows.length;
  }

  getDocument(kind: string, activity: string, agent: string, registration: string, docId: string): Pick<StoredDocument, 'contentType' | 'body' | 'etag'> | null {
    const doc = this.documents.get(docKey(kind, activity, agent, registration, docId));
    return doc ? { contentType: doc.contentType, body: doc.body, etag: doc.etag } : null;
  }

  listDocumentIds(kind: string, activity: string, agent: string, registration: string): string[] {
    return [...this.documents.values()].filter((d) => d.kind === kind && d.activity === activity && d.agent === agent && d.registration === registration).map((d) => d.docId);
  }

  /** Every document of one kind, oldest first (the preview exports its own documents this way). */
  documentsOfKind(kind: string): StoredDocument[] {
    return [...this.documents.values()].filter((d) => d.kind === kind).sort((a, b) => (a.updated < b.updated ? -1 : a.updated > b.updated ? 1 : 0));
  }

  putDocument(kind: string, activity: string, agent: string, registration: string, docId: string, contentType: string, body: Buffer): void {
    this.commit({ op: 'put', kind, activity, agent, registration, docId, contentType, body: body.toString('base64'), updated: new Date().toISOString() });
  }

  deleteDocuments(kind: string, activity: string, agent: string, registration: string, docId?: string): void {
    this.commit({ op: 'delete', kind, activity, agent, registration, ...(docId ? { docId } : {}) });
  }

  /** Forget everything (the preview's "clear" control). */
  clear(): void {
    this.commit({ op: 'clear' });
    this.cmi5.clear();
    this.compactInUse();
  }

  /** Close the journal and give up its lock. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.releaseLock?.();
    this.releaseLock = null;
  }
}

const HEADER_TEXT = JSON.stringify(HEADER);
/** Statements per journal line when compacting (keeps lines short enough to read back cheaply). */
const STATEMENTS_PER_LINE = 100;

function parseLine(line: string): unknown {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}

/**
 * Take the journal's lock, `<journal>.lock`, which holds the owner's pid. Two
 * previews on one journal would lose data (one's compaction swaps the file
 * under the other's appends), so a second store fails at once, even one in
 * this process. A lock whose process is gone is stale and taken over.
 */
function lockJournal(journal: string): () => void {
  const lock = `${journal}.lock`;
  const attempt = tryLock(lock, { ownPidIsHeld: true });
  if ('release' in attempt) return attempt.release;
  const who = attempt.owner ? `another skillpack preview (process ${attempt.owner.pid})` : 'another skillpack preview that is starting';
  throw new Error(`${journal} is in use by ${who}. Stop that preview, or give this one its own journal with --db <file> (--db :memory: keeps nothing). If no preview is running, delete ${lock}.`);
}
