/**
 * The package cache: a build whose inputs did not change copies its zips and web folders
 * from the cache (byte for byte what assembling them gives), a change in the course makes
 * new ones, a damaged entry is built again, and only the most recently used are kept.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build, type BuiltPackage } from '../src/build.js';
import { loadProject } from '../src/course/config.js';
import { PACKAGE_CACHE_DIR, prunePackages, type PackageMeta } from '../src/package/package-cache.js';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';

const TARGETS = ['scorm12', 'cmi5', 'web'] as const;

function project(): { root: string; folder: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'skillpack-package-cache-'));
  const folder = path.join(root, 'courses', 'mini-course');
  cpSync(path.join(REPO, MINI_COURSE), folder, { recursive: true });
  // Content of its own, so its packages' digests find this test's cache entries, not another's.
  const lesson = path.join(folder, 'lessons', '01-welcome.md');
  writeFileSync(lesson, `${readFileSync(lesson, 'utf8')}\nRevision ${randomUUID()}.\n`);
  return { root, folder };
}

const buildInto = async (root: string, folder: string) => {
  const out = mkdtempSync(path.join(root, 'dist-'));
  const result = await build({ project: loadProject(root), folders: [folder], targets: TARGETS, out });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { out, packages: result.packages };
};

/** The cache entry (its description's path) of a built package, found by its SHA-256. */
function entryOf(built: BuiltPackage): string {
  const name = readdirSync(PACKAGE_CACHE_DIR).find((n) => n.endsWith('.json') && (JSON.parse(readFileSync(path.join(PACKAGE_CACHE_DIR, n), 'utf8')) as PackageMeta).sha256 === built.sha256);
  expect(name, `a cache entry for ${built.file}`).toBeDefined();
  return path.join(PACKAGE_CACHE_DIR, name!);
}

const zipOf = (packages: BuiltPackage[]) => packages.find((p) => p.target === 'scorm12')!;

afterEach(() => {
  delete process.env.SKILLPACK_NO_CACHE;
});

describe('package cache', () => {
  it('copies unchanged packages from the cache, byte for byte what assembling them gives', async () => {
    const { root, folder } = project();
    const first = await buildInto(root, folder);
    const second = await buildInto(root, folder);
    expect(second.packages).toEqual(first.packages);
    for (const built of first.packages) {
      const file = built.file.endsWith('/') ? `${built.file}index.html` : built.file;
      expect(readFileSync(path.join(second.out, file)).equals(readFileSync(path.join(first.out, file)))).toBe(true);
    }

    // Assembled afresh with the cache off: the same bytes.
    process.env.SKILLPACK_NO_CACHE = '1';
    const fresh = await buildInto(root, folder);
    expect(fresh.packages).toEqual(first.packages);
    delete process.env.SKILLPACK_NO_CACHE;

    // Prove the zip comes from the cache: mark the cached copy (and its size), and the mark comes back.
    const zip = zipOf(first.packages);
    const meta = entryOf(zip);
    const cachedZip = meta.replace(/\.json$/, '.zip');
    const marked = Buffer.concat([readFileSync(cachedZip), Buffer.from('from the cache')]);
    writeFileSync(cachedZip, marked);
    writeFileSync(meta, JSON.stringify({ ...(JSON.parse(readFileSync(meta, 'utf8')) as PackageMeta), bytes: marked.length }));
    const third = await buildInto(root, folder);
    expect(readFileSync(path.join(third.out, zip.file)).equals(marked)).toBe(true);

    // A cached zip whose size no longer matches its description is built again.
    writeFileSync(cachedZip, marked.subarray(0, 100));
    const fourth = await buildInto(root, folder);
    expect(readFileSync(path.join(fourth.out, zip.file)).equals(readFileSync(path.join(first.out, zip.file)))).toBe(true);
  });

  it('makes new packages when the course changes', async () => {
    const { root, folder } = project();
    const first = await buildInto(root, folder);
    const lesson = path.join(folder, 'lessons', '01-welcome.md');
    writeFileSync(lesson, `${readFileSync(lesson, 'utf8')}\nA paragraph added in a revision.\n`);
    const second = await buildInto(root, folder);
    for (const target of TARGETS) {
      const before = first.packages.find((p) => p.target === target)!;
      const after = second.packages.find((p) => p.target === target)!;
      expect(after.sha256, target).not.toBe(before.sha256);
    }
    const web = second.packages.find((p) => p.target === 'web')!;
    expect(readFileSync(path.join(second.out, web.file, 'index.html'), 'utf8')).toContain('A paragraph added in a revision.');
  });

  it('keeps only the most recently used packages, zips and folders alike', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skillpack-package-prune-'));
    ['a', 'b', 'c', 'd'].forEach((key, i) => {
      if (key === 'b') mkdirSync(path.join(dir, key));
      else writeFileSync(path.join(dir, `${key}.zip`), 'zip');
      writeFileSync(path.join(dir, `${key}.json`), '{}');
      // a used longest ago, d most recently.
      utimesSync(path.join(dir, `${key}.json`), 1_000_000 + i, 1_000_000 + i);
    });
    prunePackages(dir, 2);
    expect(readdirSync(dir).sort()).toEqual(['c.json', 'c.zip', 'd.json', 'd.zip']);
  });
});
