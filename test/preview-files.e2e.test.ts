/**
 * The preview survives any file appearing or disappearing while it runs: a course deleted
 * file by file (as `git checkout` does), its folder removed, a half-written new course, a
 * link to a folder saved into a lesson. It keeps serving and never exits.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
});
