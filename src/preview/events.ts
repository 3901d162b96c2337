/**
 * Server-Sent Events to the workspace page: builds, a saved lesson's new text, new statements, statements
 * the cmi5 LMS refused, a cleared LRS. One-way pushes are all the page needs, and EventSource reconnects by
 * itself when the preview restarts.
 */
import type { ServerResponse } from 'node:http';
import type { Route } from './http.js';

export type PreviewEvent =
  | { type: 'build'; data: unknown }
  | { type: 'lesson'; data: { course: string; lesson: { id: string; html: string } } }
  | { type: 'courses'; data: unknown }
  | { type: 'statements'; data: { registrations: string[] } }
  | { type: 'rejections'; data: { registrations: string[] } }
  | { type: 'session'; data: unknown }
  | { type: 'cleared'; data: unknown };

export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    // A comment line now and then keeps proxies and idle timeouts from closing the stream.
    this.heartbeat = setInterval(() => {
      for (const res of this.clients) res.write(': keep-alive\n\n');
    }, 20_000);
    this.heartbeat.unref();
  }

  /** GET /events: the page's EventSource. */
  readonly route: Route = (req, res, url) => {
    if (url.pathname !== '/events') return false;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 500\n\n');
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
    return true;
  };

  /** Push an event to every open page. */
  send(event: PreviewEvent): void {
    const frame = `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
    for (const res of this.clients) res.write(frame);
  }

  /** End every stream (the server is closing). */
  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
