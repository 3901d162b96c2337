/**
 * The embedded LRS's storage: statements and documents in SQLite (a file the
 * preview names, so a reviewer can stop and come back).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface StoredStatement {
  id: string;
  stored: string;
  statement: Record<string, unknown>;
}

export interface StatementQuery {
  agent?: Record<string, unknown>;
  verb?: string;
  activity?: string;
  registration?: string;
  since?: string;
  until?: string;
  ascending?: boolean;
  limit: number;
  /** Paging cursor: the sequence number to continue after. */
  after?: number;
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

export class LrsStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS statements (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT UNIQUE NOT NULL,
        stored TEXT NOT NULL,
        agent TEXT, verb TEXT, activity TEXT, registration TEXT,
        body TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS documents (
        kind TEXT NOT NULL, activity TEXT NOT NULL, agent TEXT NOT NULL, registration TEXT NOT NULL, doc_id TEXT NOT NULL,
        content_type TEXT NOT NULL, body BLOB NOT NULL, updated TEXT NOT NULL,
        PRIMARY KEY (kind, activity, agent, registration, doc_id)
      );
      CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, auth TEXT NOT NULL, used INTEGER NOT NULL DEFAULT 0);
    `);
  }

  /** The stored statement with this id, if any. */
  getStatement(id: string): StoredStatement | null {
    const row = this.db.prepare('SELECT id, stored, body FROM statements WHERE id = ?').get(id) as { id: string; stored: string; body: string } | undefined;
    return row ? { id: row.id, stored: row.stored, statement: JSON.parse(row.body) as Record<string, unknown> } : null;
  }

  /** Store statements in one transaction (all or none). */
  insertStatements(statements: Array<Record<string, unknown> & { id: string }>): void {
    const insert = this.db.prepare('INSERT INTO statements (id, stored, agent, verb, activity, registration, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const s of statements) {
        const object = s.object as { id?: string } | undefined;
        const context = s.context as { registration?: string } | undefined;
        insert.run(s.id, s.stored as string, agentKey(s.actor as Record<string, unknown>), (s.verb as { id: string }).id, object?.id ?? null, context?.registration ?? null, JSON.stringify(s));
      }
    })();
  }

  /** Statements matching a query, newest first unless ascending; returns one page and whether more follow. */
  queryStatements(query: StatementQuery): { statements: StoredStatement[]; next: number | null } {
    const where: string[] = [];
    const values: unknown[] = [];
    const key = agentKey(query.agent);
    if (query.agent) {
      where.push('agent = ?');
      values.push(key);
    }
    if (query.verb) (where.push('verb = ?'), values.push(query.verb));
    if (query.activity) (where.push('activity = ?'), values.push(query.activity));
    if (query.registration) (where.push('registration = ?'), values.push(query.registration));
    if (query.since) (where.push('stored > ?'), values.push(query.since));
    if (query.until) (where.push('stored <= ?'), values.push(query.until));
    if (query.after !== undefined) (where.push(query.ascending ? 'seq > ?' : 'seq < ?'), values.push(query.after));
    const sql = `SELECT seq, id, stored, body FROM statements ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq ${query.ascending ? 'ASC' : 'DESC'} LIMIT ?`;
    const rows = this.db.prepare(sql).all(...values, query.limit + 1) as Array<{ seq: number; id: string; stored: string; body: string }>;
    const page = rows.slice(0, query.limit);
    return {
      statements: page.map((r) => ({ id: r.id, stored: r.stored, statement: JSON.parse(r.body) as Record<string, unknown> })),
      next: rows.length > query.limit ? page.at(-1)!.seq : null,
    };
  }

  countStatements(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM statements').get() as { n: number }).n;
  }

  getDocument(kind: string, activity: string, agent: string, registration: string, docId: string): { contentType: string; body: Buffer } | null {
    const row = this.db.prepare('SELECT content_type, body FROM documents WHERE kind = ? AND activity = ? AND agent = ? AND registration = ? AND doc_id = ?').get(kind, activity, agent, registration, docId) as { content_type: string; body: Buffer } | undefined;
    return row ? { contentType: row.content_type, body: row.body } : null;
  }

  listDocumentIds(kind: string, activity: string, agent: string, registration: string): string[] {
    return (this.db.prepare('SELECT doc_id FROM documents WHERE kind = ? AND activity = ? AND agent = ? AND registration = ?').all(kind, activity, agent, registration) as Array<{ doc_id: string }>).map((r) => r.doc_id);
  }

  /** Every document of one kind, oldest first (the preview exports its own documents this way). */
  documentsOfKind(kind: string): Array<{ activity: string; agent: string; registration: string; docId: string; contentType: string; body: Buffer; updated: string }> {
    const rows = this.db.prepare('SELECT activity, agent, registration, doc_id, content_type, body, updated FROM documents WHERE kind = ? ORDER BY updated').all(kind) as Array<{ activity: string; agent: string; registration: string; doc_id: string; content_type: string; body: Buffer; updated: string }>;
    return rows.map((r) => ({ activity: r.activity, agent: r.agent, registration: r.registration, docId: r.doc_id, contentType: r.content_type, body: r.body, updated: r.updated }));
  }

  putDocument(kind: string, activity: string, agent: string, registration: string, docId: string, contentType: string, body: Buffer): void {
    this.db
      .prepare('INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET content_type = excluded.content_type, body = excluded.body, updated = excluded.updated')
      .run(kind, activity, agent, registration, docId, contentType, body, new Date().toISOString());
  }

  deleteDocuments(kind: string, activity: string, agent: string, registration: string, docId?: string): void {
    if (docId) this.db.prepare('DELETE FROM documents WHERE kind = ? AND activity = ? AND agent = ? AND registration = ? AND doc_id = ?').run(kind, activity, agent, registration, docId);
    else this.db.prepare('DELETE FROM documents WHERE kind = ? AND activity = ? AND agent = ? AND registration = ?').run(kind, activity, agent, registration);
  }

  /** A one-time cmi5 fetch token that yields `auth` once. */
  addToken(token: string, auth: string): void {
    this.db.prepare('INSERT INTO tokens (token, auth) VALUES (?, ?)').run(token, auth);
  }

  /** Redeem a fetch token: the auth value the first time, null after. */
  redeemToken(token: string): string | null {
    const row = this.db.prepare('SELECT auth, used FROM tokens WHERE token = ?').get(token) as { auth: string; used: number } | undefined;
    if (!row || row.used) return null;
    this.db.prepare('UPDATE tokens SET used = 1 WHERE token = ?').run(token);
    return row.auth;
  }

  isToken(auth: string): boolean {
    return Boolean(this.db.prepare('SELECT 1 FROM tokens WHERE auth = ?').get(auth));
  }

  /** Forget everything (the preview's "clear" control). */
  clear(): void {
    this.db.exec('DELETE FROM statements; DELETE FROM documents; DELETE FROM tokens;');
  }

  close(): void {
    this.db.close();
  }
}
