/**
 * The few HTTP helpers the preview's routes share: a route is a function that
 * answers a request or passes it on, JSON in and out, and content types for
 * package files.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers the request and returns true, or returns false to let the next route try. */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The content type for a file name (octet-stream when unknown). */
export function contentType(file: string): string {
  const extension = /\.[a-z0-9]+$/i.exec(file)?.[0]?.toLowerCase() ?? '';
  return TYPES[extension] ?? 'application/octet-stream';
}

/**
 * Send a JSON answer. Nothing the preview serves may be cached: every answer
 * reflects the course as it is on disk now.
 * @param res the response
 * @param status HTTP status
 * @param body any JSON value
 * @param headers extra headers
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
  return true;
}

/** Answer with a status and a short reason, as JSON. */
export function sendError(res: ServerResponse, status: number, message: string): true {
  return sendJson(res, status, { error: message });
}

/** Thrown for a request body that is not the JSON object a route expects (a 400). */
export class BadRequest extends Error {}

/**
 * The request body parsed as a JSON object.
 * @param req the request
 * @param limit largest body accepted, in bytes (a SCORM CMI tree stays far below it)
 */
export async function readJson(req: IncomingMessage, limit = 4 * 1024 * 1024): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BadRequest(`the body exceeds ${limit} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    throw new BadRequest('the body is not JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BadRequest('the body must be a JSON object');
  return value as Record<string, unknown>;
}
