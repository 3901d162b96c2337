/**
 * A rebuild keeps the packages the same entries made last time (same bytes, not written
 * again), rewrites one whose file was touched since, and rewrites what a change affects.
 */
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuiltPackage } from '../src/build.js';
import { loadProject } from '../src/course/config.js';
import { REPO } from './support/packages.js';

const COURSE = 'mini-course';

function project(): { root: string; out: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'skillpack-reuse-'));
  cpSync(path.join(REPO, 'test', 'fixtures', 'courses', COURSE), path.join(root, 'courses', COURSE), { recursive: true });
  return { root, out: path.join(root, 'dist') };
}

const run = async (root: string, out: string) => {
  const result = await build({ project: loadProject(root), folders: [path.join(root, 'courses', COURSE)], targets: ['scorm12', 'cmi5', 'web'], out, reuse: true });
  return { result };
};

const mtimes = (out: string, packages: BuiltPackage[]) => new Map(packages.map((p) => [p.file, statSync(path.join(out, p.file.replace(/\/$/, '/index.html'))).mtimeMs]));

describe('rebuilding', () => {
  it('keeps unchanged packages, with the same size and digest, and rewrites touched or changed ones', async () => {
    const { root, out } = project();
    const first = await run(root, out);
    expect(first.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const before = mtimes(out, first.result.packages);
    expect(before.size).toBe(3);
    // Nothing changed: every package is kept as it is on disk (a rewrite would give it a new modification time).
    const second = await run(root, out);
    expect(second.result.packages).toEqual(first.result.packages);
    expect(mtimes(out, second.result.packages)).toEqual(before);

    // A package changed on disk is rebuilt, and comes back as it was.
    const zip = path.join(out, COURSE, `${COURSE}-scorm12.zip`);
    const original = readFileSync(zip);
    writeFileSync(zip, Buffer.concat([original, Buffer.from('tampered')]));
    const fourth = await run(root, out);
    expect(readFileSync(zip).equals(original)).toBe(true);
    expect(fourth.result.packages).toEqual(first.result.packages);
    expect(mtimes(out, fourth.result.packages).get(`${COURSE}/web/`)).toBe(before.get(`${COURSE}/web/`));

    // A change in the course rewrites its packages with new digests.
    const lesson = path.join(root, 'courses', COURSE, 'lessons', '01-welcome.md');
    writeFileSync(lesson, `${readFileSync(lesson, 'utf8')}\nA paragraph added in a revision.\n`);
    const fifth = await run(root, out);
    expect(fifth.result.packages.map((p) => p.sha256)).not.toEqual(first.result.packages.map((p) => p.sha256));
    const sixth = await run(root, out);
    expect(sixth.result.packages).toEqual(fifth.result.packages);
  });
});
