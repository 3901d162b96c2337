/**
 * A tiny static file server on 127.0.0.1 for browser tests, with extra routes
 * (an LMS frame page, an LRS) mounted in front of it.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.xml': 'application/xml',
};

export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

export interface RunningServer {
  server: Server;
  origin: string;
  close(): Promise<void>;
}

/** Serve `mounts` (URL prefix to folder) after trying each route. */
export async function serve(mounts: Record<string, string>, routes: Route[] = []): Promise<RunningServer> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    for (const route of routes) if (await route(req, res, url)) return;
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const relative = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
      const file = path.resolve(dir, relative);
      if (!file.startsWith(path.resolve(dir)) || !existsSync(file) || !statSync(file).isFile()) break;
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // Close hung requests too (fault tests leave some unanswered on purpose).
  return { server, origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => (server.close(() => resolve()), server.closeAllConnections())) };
}
