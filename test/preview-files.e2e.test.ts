/**
 * The preview survives any file appearing or disappearing while it runs: a course deleted
 * file by file (as `git checkout` does), its folder removed, a half-written new course, a
 * link to a folder saved into a lesson. It keeps serving and never exits. Nor does a request any
 * web page can make (`<img src="http://127.0.0.1:4173//">`) bring it down or reach its API.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPreview } from '../src/preview/server.js';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';

describe('preview and the file system', () => {
  it('keeps running whatever happens to the course files', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-preview-files-'));
    const dir = path.join(root, 'courses', 'mini-course');
    cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
    const lines: string[] = [];
    const preview = await startPreview({ root, port: 0, db: ':memory:', log: (line) => lines.push(line) });
    const served = async () => (await fetch(`${preview.url}`)).status;
    const logged = (text: string) => expect.poll(() => lines.some((l) => l.includes(text))).toBe(true);
    try {
      // A link to a folder saved into a lesson: a diagnostic, not a crash.
      const lesson = path.join(dir, 'lessons', readdirSync(path.join(dir, 'lessons')).sort()[0]!);
      writeFileSync(lesson, `${readFileSync(lesson, 'utf8')}\n\nSee [the assets](../assets/).\n`);
      await logged('not rebuilt');
      expect(await served()).toBe(200);
      // Deleted file by file, then the folder itself.
      for (const sub of ['lessons', 'banks', 'assets']) {
        for (const name of readdirSync(path.join(dir, sub))) rmSync(path.join(dir, sub, name));
      }
      rmSync(path.join(dir, 'course.yml'));
      rmSync(dir, { recursive: true });
      // A new course that appears half-written.
      mkdirSync(path.join(root, 'courses', 'fresh', 'lessons'), { recursive: true });
      writeFileSync(path.join(root, 'courses', 'fresh', 'course.yml'), 'id: fresh\n');
      await logged('fresh');
      rmSync(path.join(root, 'courses'), { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await served()).toBe(200);
      const state = (await (await fetch(`${preview.url}api/state`)).json()) as { courses: Array<{ key: string }> };
      expect(state.courses.map((c) => c.key)).toEqual([]);
    } finally {
      await preview.close();
    }
  });

  it('watches the courses folder of a project that had none when it started', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-preview-empty-'));
    const lines: string[] = [];
    const preview = await startPreview({ root, port: 0, db: ':memory:', log: (line) => lines.push(line) });
    try {
      expect(lines.join('\n')).toContain('no courses in');
      cpSync(path.join(REPO, MINI_COURSE), path.join(root, 'courses', 'mini-course'), { recursive: true });
      await expect.poll(async () => ((await (await fetch(`${preview.url}api/state`)).json()) as { courses: Array<{ key: string }> }).courses.map((c) => c.key), { timeout: 20_000 }).toEqual(['mini-course']);
    } finally {
      await preview.close();
    }
  });

  it('stays up under request targets that are not plain paths, and they never reach its API', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-preview-targets-'));
    cpSync(path.join(REPO, MINI_COURSE), path.join(root, 'courses', 'mini-course'), { recursive: true });
    const preview = await startPreview({ root, port: 0, db: ':memory:', log: () => undefined });
    /** One raw HTTP/1.1 request, as a browser or a script may send it; the status line's code. */
    const raw = (method: string, target: string, headers = '') =>
      new Promise<number>((resolve, reject) => {
        const socket = connect(preview.port, '127.0.0.1', () => socket.end(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${preview.port}\r\n${headers}Content-Length: 0\r\nConnection: close\r\n\r\n`));
        let reply = '';
        socket.on('data', (chunk) => (reply += String(chunk)));
        socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(reply)?.[1] ?? 0)));
        socket.on('error', reject);
      });
    try {
      preview.store.insertStatements([{ id: '4c0a7e1e-0000-4000-8000-000000000001', actor: { mbox: 'mailto:a@example.cn' }, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'https://example.cn/a' } }]);
      expect(await raw('GET', '//')).toBe(404); // a URL parser throws on it, which used to end the process
      expect(await raw('GET', 'http://127.0.0.1/api/state')).toBe(400);
      // A path that a URL parser would read as the host "evil.example" and the path /api/clear.
      expect(await raw('POST', '//evil.example/api/clear', 'Origin: http://evil.example\r\n')).toBe(404);
      expect(preview.store.countStatements()).toBe(1);
      expect((await fetch(`${preview.url}pkg/%E0%A4%A/web/index.html`)).status).toBe(404);
      expect((await fetch(preview.url)).status).toBe(200);
    } finally {
      await preview.close();
    }
  });
});
