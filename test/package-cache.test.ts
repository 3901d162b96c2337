/**
 * The package cache: a build whose inputs did not change takes its zips and web folders
 * from the cache (byte for byte what assembling them gives), as hard links where it can; a
 * change in the course makes new ones, an entry changed since it was put (damaged, or written
 * in place through a published link) is built again, and only the most recently used are kept.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build, type BuiltPackage } from '../src/build.js';
import { entryFile } from '../src/course/cache.js';
import { editionFacts } from '../src/course/facts.js';
import { catalogueEntries } from '../src/package/catalogue-files.js';
import { makeFolders } from '../src/package/folder.js';
import { loadProject } from '../src/course/config.js';
import { PACKAGE_CACHE_DIR, placeCached, placeFile, prunePackages, type PackageMeta } from '../src/package/package-cache.js';
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

/** Give `file` new contents as a new file (a rename), as a build does, so no link to the old one sees them. */
function replaceFile(file: string, data: Buffer): void {
  writeFileSync(`${file}.new`, data);
  renameSync(`${file}.new`, file);
}

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

    // Prove the zip comes from the cache: replace the cached copy with a marked one (described
    // as it is now), and the mark comes back.
    const zip = zipOf(first.packages);
    const original = readFileSync(path.join(first.out, zip.file));
    const meta = entryOf(zip);
    const cachedZip = meta.replace(/\.json$/, '.zip');
    const marked = Buffer.concat([original, Buffer.from('from the cache')]);
    replaceFile(cachedZip, marked);
    const described = JSON.parse(readFileSync(meta, 'utf8')) as PackageMeta & { stamps: Array<[string, number, number]> };
    writeFileSync(meta, JSON.stringify({ ...described, bytes: marked.length, stamps: [['', marked.length, statSync(cachedZip).mtimeMs]] }));
    const third = await buildInto(root, folder);
    expect(readFileSync(path.join(third.out, zip.file)).equals(marked)).toBe(true);
    // The other builds' zips were not touched by that.
    expect(readFileSync(path.join(first.out, zip.file)).equals(original)).toBe(true);

    // A cached zip that changed since it was put (here: cut short) is built again.
    replaceFile(cachedZip, marked.subarray(0, 100));
    const fourth = await buildInto(root, folder);
    expect(readFileSync(path.join(fourth.out, zip.file)).equals(original)).toBe(true);
  });

  it('hands out packages as links, and never one that was written in place since', async () => {
    const { root, folder } = project();
    const first = await buildInto(root, folder);
    const second = await buildInto(root, folder);
    const zip = zipOf(first.packages);
    const web = first.packages.find((p) => p.target === 'web')!;
    const page = (out: string) => path.join(out, web.file, 'index.html');
    // The same file system: the second build's packages share their files with the cache.
    expect(statSync(path.join(second.out, zip.file)).nlink).toBeGreaterThan(1);
    expect(statSync(page(second.out)).nlink).toBeGreaterThan(1);
    const zipBytes = readFileSync(path.join(second.out, zip.file));
    const pageText = readFileSync(page(second.out), 'utf8');

    // Someone writes over a published zip and a web page in place (`>>`, an editor): their
    // cached twins change too, and the cache must not hand them out again. The page keeps its
    // size: only its modification time tells.
    appendFileSync(path.join(second.out, zip.file), 'changed in place');
    const samePageSize = Buffer.from(pageText);
    samePageSize.write('X', samePageSize.length - 3);
    writeFileSync(page(second.out), samePageSize);
    expect(readFileSync(path.join(PACKAGE_CACHE_DIR, path.basename(entryOf(zip), '.json') + '.zip')).subarray(-16).toString()).toBe('changed in place');
    const third = await buildInto(root, folder);
    expect(readFileSync(path.join(third.out, zip.file)).equals(zipBytes)).toBe(true);
    expect(readFileSync(page(third.out), 'utf8')).toBe(pageText);
    // The entries were put again, whole: the next build takes them.
    const fourth = await buildInto(root, folder);
    expect(readFileSync(path.join(fourth.out, zip.file)).equals(zipBytes)).toBe(true);
    expect(statSync(path.join(fourth.out, zip.file)).ino).toBe(statSync(path.join(third.out, zip.file)).ino);
  });

  // /dev/shm is a file system of its own on Linux; elsewhere there may be none to copy across.
  const SHM = '/dev/shm';
  const otherFileSystem = existsSync(SHM) && statSync(SHM).dev !== statSync(tmpdir()).dev;
  it.skipIf(!otherFileSystem)('copies a file it cannot link (another file system)', async () => {
    const other = mkdtempSync(path.join(SHM, 'skillpack-place-'));
    try {
      const from = path.join(mkdtempSync(path.join(tmpdir(), 'skillpack-place-')), 'a.zip');
      writeFileSync(from, 'zip bytes');
      await placeFile(from, path.join(other, 'a.zip'));
      expect(readFileSync(path.join(other, 'a.zip'), 'utf8')).toBe('zip bytes');
      expect(statSync(from).nlink).toBe(1);
      await placeFile(from, path.join(path.dirname(from), 'b.zip'));
      expect(statSync(from).nlink).toBe(2);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('leaves nothing staged when a package leaves the cache between finding it and placing it', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'skillpack-place-'));
    const staged = path.join(cache, 'staged');
    const meta = { bytes: 1, sha256: 'x', content: 'y' };
    // A web folder whose second file was pruned after the lookup: the first is linked, then taken back.
    mkdirSync(path.join(cache, 'web', 'runtime'), { recursive: true });
    writeFileSync(path.join(cache, 'web', 'index.html'), 'page');
    expect(await placeCached({ ...meta, path: path.join(cache, 'web'), files: ['index.html', 'runtime/player.js'] }, staged)).toBe(false);
    expect(existsSync(staged)).toBe(false);
    // A zip that is gone.
    expect(await placeCached({ ...meta, path: path.join(cache, 'gone.zip') }, staged)).toBe(false);
    expect(existsSync(staged)).toBe(false);
    // Both still there: placed.
    writeFileSync(path.join(cache, 'web', 'runtime', 'player.js'), 'script');
    expect(await placeCached({ ...meta, path: path.join(cache, 'web'), files: ['index.html', 'runtime/player.js'] }, staged)).toBe(true);
    expect(readFileSync(path.join(staged, 'runtime', 'player.js'), 'utf8')).toBe('script');
  });

  it('reads a course\'s model only when a package has to be assembled', async () => {
    const { root, folder } = project();
    const first = await buildInto(root, folder);
    await new Promise((resolve) => setImmediate(resolve)); // the course's cache entry is written just after
    // Give the course one title in its entry's head (the facts) and another in its model.
    const file = entryFile(folder);
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { key: string; headBytes: number; head: { editions: Array<{ title: string }> }; loaded: { course: { title: string } } };
    entry.head.editions[0]!.title = 'Title from the facts';
    entry.loaded.course.title = 'Title from the model';
    entry.headBytes = Buffer.byteLength(JSON.stringify(entry.head));
    writeFileSync(file, JSON.stringify(entry));

    // Every package from the package cache: the build never read the model.
    const out = mkdtempSync(path.join(root, 'dist-'));
    const warm = await build({ project: loadProject(root), folders: [folder], targets: TARGETS, out });
    expect(warm.packages).toEqual(first.packages);
    expect(editionFacts(warm.courses[0]!)[0]!.title).toBe('Title from the facts');
    expect(catalogueEntries(editionFacts(warm.courses[0]!), warm.packages)[0]!.title).toBe('Title from the facts');
    expect(readFileSync(path.join(out, first.packages.find((p) => p.target === 'web')!.file, 'index.html'), 'utf8')).not.toContain('Title from the model');

    // One package no longer cached: it is assembled from the model, read then.
    const meta = entryOf(zipOf(first.packages));
    rmSync(meta);
    const again = await build({ project: loadProject(root), folders: [folder], targets: ['scorm12'], out: mkdtempSync(path.join(root, 'dist-')) });
    expect(again.packages[0]!.sha256).not.toBe(zipOf(first.packages).sha256);
    expect(again.courses[0]!.course!.title).toBe('Title from the model');
  });

  it('never reads a course\'s model when every package comes from the cache, exports\' course files included', async () => {
    const { root, folder } = project();
    const first = await buildInto(root, folder);
    await new Promise((resolve) => setImmediate(resolve)); // the course's cache entry is written just after
    // The model after the head made unreadable: reading it would fail the build.
    const file = entryFile(folder);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text.slice(0, text.indexOf(',"loaded":') + ',"loaded":'.length)}{"course": not JSON}`);
    const warm = await build({ project: loadProject(root), folders: [folder], targets: TARGETS, out: mkdtempSync(path.join(root, 'dist-')) });
    expect(warm.packages).toEqual(first.packages);
  });

  it('keeps in the cache a package it assembled only to find the output already had it', async () => {
    const { root, folder } = project();
    const out = mkdtempSync(path.join(root, 'dist-'));
    const first = { out, packages: (await build({ project: loadProject(root), folders: [folder], targets: TARGETS, out, reuse: true })).packages };
    // The cache lost the zip (pruned, or cleared): the next build into the same folder assembles it
    // and finds the published one unchanged; from then on it comes from the cache again.
    rmSync(entryOf(zipOf(first.packages)));
    const again = await build({ project: loadProject(root), folders: [folder], targets: TARGETS, out: first.out, reuse: true });
    expect(again.packages).toEqual(first.packages);
    expect(existsSync(entryOf(zipOf(first.packages)))).toBe(true);
    const linked = await buildInto(root, folder);
    expect(statSync(path.join(linked.out, zipOf(first.packages).file)).ino).toBe(statSync(path.join(first.out, zipOf(first.packages).file)).ino);
  });

  it('keeps only each course\'s facts and diagnostics once its packages are written, when told to', async () => {
    const { root, folder } = project();
    const whole = await build({ project: loadProject(root), folders: [folder], targets: TARGETS, out: mkdtempSync(path.join(root, 'dist-')) });
    for (const env of [{}, { SKILLPACK_NO_CACHE: '1' }]) {
      Object.assign(process.env, env);
      const light = await build({ project: loadProject(root), folders: [folder], targets: TARGETS, out: mkdtempSync(path.join(root, 'dist-')), factsOnly: true });
      delete process.env.SKILLPACK_NO_CACHE;
      expect(light.packages).toEqual(whole.packages);
      expect(light.courses.map((c) => c.course)).toEqual([null]);
      expect(light.courses.map(editionFacts)).toEqual(whole.courses.map(editionFacts));
      expect(light.courses.map((c) => c.diagnostics)).toEqual(whole.courses.map((c) => c.diagnostics));
      expect(catalogueEntries(editionFacts(light.courses[0]!), light.packages, 'now')).toEqual(catalogueEntries(editionFacts(whole.courses[0]!), whole.packages, 'now'));
    }
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

  it('makes the folders that the files of a package are in, nested or not, where some already exist', async () => {
    const root = path.join(mkdtempSync(path.join(tmpdir(), 'skillpack-folders-')), 'web');
    mkdirSync(path.join(root, 'content'), { recursive: true });
    await makeFolders(root, ['index.html', 'content/assets/a/b.png', 'content/assets/c.png', 'runtime/player.js', 'content/x.css']);
    const folders = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(folders.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')).sort()).toEqual(['content', 'content/assets', 'content/assets/a', 'runtime']);
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
