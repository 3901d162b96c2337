/**
 * The content-hash cache of course models: an unchanged course comes from the
 * cache (same model, no parsing), and any change to a lesson, bank, asset or
 * course.yml is seen at once; the same course in a copy of the project comes
 * from the first one's entry, with its own paths.
 */
import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { hashDependencies, ownFilesDigest, pruneEntries } from '../src/cache-files.js';
import { COMPILER_SOURCES, entryFile, lookupCourse } from '../src/course/cache.js';
import { loadCourseCached } from '../src/course/cached-load.js';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import { questionOrigin } from '../src/course/question-origin.js';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';

describe('course cache', () => {
  it('keeps where each question was written, so that an export reports a question at its line', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-cache-'));
    const dir = path.join(root, 'courses', 'mini-course');
    cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
    appendFileSync(path.join(dir, 'lessons', '01-welcome.md'), `\nRevision ${randomUUID()}.\n`);
    const project = loadProject(root);
    const fresh = loadCourse(dir, project).course!.banks[0]!.questions.map((q) => questionOrigin.get(q));
    expect(fresh.every((origin) => origin?.place !== undefined)).toBe(true);
    loadCourseCached(dir, project);
    await new Promise((resolve) => setImmediate(resolve)); // the entry is written just after
    const cached = lookupCourse(dir, project).hit!.course!.banks[0]!.questions.map((q) => questionOrigin.get(q));
    expect(cached).toEqual(fresh);
  });

  it('answers unchanged courses from the cache and notices every change', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-cache-'));
    const dir = path.join(root, 'courses', 'mini-course');
    cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
    // Content of its own: no other folder's entry (another test's copy) has this course's key.
    appendFileSync(path.join(dir, 'lessons', '01-welcome.md'), `\nRevision ${randomUUID()}.\n`);
    const project = loadProject(root);

    const first = loadCourseCached(dir, project);
    expect(first).toEqual({ ...JSON.parse(JSON.stringify(loadCourse(dir, project))), cacheKey: lookupCourse(dir, project).key });
    await new Promise((resolve) => setImmediate(resolve)); // the entry is written just after
    expect(loadCourseCached(dir, project)).toEqual(first);
    // Prove the answer comes from the cache: mark the stored entry, and the mark comes back.
    const entry = entryFile(dir);
    const stored = JSON.parse(readFileSync(entry, 'utf8'));
    stored.loaded.course.title = 'From the cache';
    writeFileSync(entry, JSON.stringify(stored));
    expect(loadCourseCached(dir, project).course!.title).toBe('From the cache');

    // The model is read only when asked for: a damaged one is reported then, and its entry removed.
    const text = readFileSync(entry, 'utf8');
    writeFileSync(entry, text.replace('"loaded":{', '"loaded":{"damaged'));
    const damaged = lookupCourse(dir, project).hit!;
    expect(damaged.diagnostics).toEqual(first.diagnostics);
    expect(() => damaged.course).toThrow(/course cache entry for .*mini-course.* was damaged and has been removed: run the command again/);
    expect(existsSync(entry)).toBe(false);
    expect(lookupCourse(dir, project).hit).toBeNull();
    writeFileSync(entry, text);

    const lesson = path.join(dir, 'lessons', '01-welcome.md');
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('# Welcome', '# Welcome\n\nA new sentence.'));
    expect(loadCourseCached(dir, project).course!.lessons[0]!.html).toContain('A new sentence.');

    rmSync(path.join(dir, 'assets', 'diagram.svg'));
    expect(loadCourseCached(dir, project).diagnostics.map((d) => d.rule)).toContain('missing-file');

    const yml = path.join(dir, 'course.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^title: .*$/m, 'title: Renamed'));
    expect(loadCourseCached(dir, project).diagnostics.length).toBeGreaterThan(0); // still the missing image
    cpSync(path.join(REPO, MINI_COURSE, 'assets'), path.join(dir, 'assets'), { recursive: true });
    expect(loadCourseCached(dir, project).course!.title).toBe('Renamed');
  });

  it('keeps nothing of a load during which a file was saved (undoing the save must not bring the edit back)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-cache-'));
    const dir = path.join(root, 'courses', 'mini-course');
    cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
    const lesson = path.join(dir, 'lessons', '01-welcome.md');
    const before = `${readFileSync(lesson, 'utf8')}\nRevision ${randomUUID()}.\n`;
    writeFileSync(lesson, before);
    const project = loadProject(root);

    const lookup = lookupCourse(dir, project);
    expect(lookup.hit).toBeNull();
    writeFileSync(lesson, `${before}\nSaved while the course was loading.\n`); // after the key, before the read
    const loaded = loadCourse(dir, project);
    expect(loaded.course!.lessons[0]!.html).toContain('Saved while the course was loading.');
    expect(lookup.store(loaded)).toBeNull();
    await new Promise((resolve) => setImmediate(resolve)); // when an entry would be written
    writeFileSync(lesson, before); // the save undone
    expect(lookupCourse(dir, project).hit).toBeNull();
    expect(loadCourseCached(dir, project).course!.lessons[0]!.html).not.toContain('Saved while the course was loading.');

    // Unchanged while it loaded: kept under its key, and served next time.
    const again = lookupCourse(dir, project);
    appendFileSync(lesson, '\nOne more line.\n');
    const unchanged = lookupCourse(dir, project);
    expect(unchanged.store(loadCourse(dir, project))).toBe(unchanged.key);
    expect(unchanged.key).not.toBe(again.key);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lookupCourse(dir, project).hit).not.toBeNull();
  });

  it('serves the same course in a copy of the project from the first one\'s entry, with the copy\'s own paths', async () => {
    const copyOf = (name: string) => {
      const root = mkdtempSync(path.join(tmpdir(), `skillpack-cache-${name}-`));
      cpSync(path.join(REPO, MINI_COURSE), path.join(root, 'courses', 'mini-course'), { recursive: true });
      return { root, dir: path.join(root, 'courses', 'mini-course'), project: loadProject(root) };
    };
    const first = copyOf('first');
    // A title of its own: no other entry (of an earlier run) has this course's key.
    const title = `Cached ${path.basename(first.root)}`;
    const yml = path.join(first.dir, 'course.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^title: .*$/m, `title: ${title}`));
    loadCourseCached(first.dir, first.project);
    await new Promise((resolve) => setImmediate(resolve)); // the entry is written just after
    expect(readFileSync(entryFile(first.dir), 'utf8')).not.toContain(first.root);

    const second = copyOf('second');
    writeFileSync(path.join(second.dir, 'course.yml'), readFileSync(yml));
    const lookup = lookupCourse(second.dir, second.project);
    expect(lookup.hit?.course?.title).toBe(title);
    expect(lookup.hit!.dir).toBe(second.dir);
    expect(lookup.hit!.sources.length).toBeGreaterThan(2);
    for (const source of lookup.hit!.sources) expect(source.startsWith(second.dir + path.sep), source).toBe(true);
    expect(lookup.hit!.full()).toEqual(JSON.parse(JSON.stringify(loadCourse(second.dir, second.project))));
    // ...and the copy keeps an entry of its own.
    await new Promise((resolve) => setImmediate(resolve));
    expect(readFileSync(entryFile(second.dir), 'utf8')).toBe(readFileSync(entryFile(first.dir), 'utf8'));

    // A different place in the project is a different course: its diagnostics name other files.
    const moved = path.join(second.root, 'elsewhere', 'mini-course');
    cpSync(second.dir, moved, { recursive: true });
    expect(lookupCourse(moved, second.project).hit).toBeNull();

    // A symbolic link is inside or outside the course depending on where it is: never shared.
    const linked = copyOf('linked');
    const other = copyOf('linked-too');
    for (const copy of [linked, other]) {
      writeFileSync(path.join(copy.dir, 'course.yml'), readFileSync(yml));
      symlinkSync('/etc/hostname', path.join(copy.dir, 'assets', 'host.txt'));
    }
    loadCourseCached(linked.dir, linked.project);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lookupCourse(linked.dir, linked.project).hit).not.toBeNull();
    expect(lookupCourse(other.dir, other.project).hit).toBeNull();
  });

  it('keeps only the most recently used entries, so moved and temporary folders do not pile up', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skillpack-cache-prune-'));
    const names = ['a', 'b', 'c', 'd', 'e'].map((n) => `${n}.json`);
    // a used longest ago, e most recently.
    names.forEach((name, i) => {
      writeFileSync(path.join(dir, name), '{}');
      utimesSync(path.join(dir, name), 1_000_000 + i, 1_000_000 + i);
    });
    // A write under way is left alone; one an hour old was killed (or hit a full disk), and goes.
    writeFileSync(path.join(dir, 'x.json.123.tmp'), '');
    mkdirSync(path.join(dir, 'package.456.tmp'));
    utimesSync(path.join(dir, 'package.456.tmp'), 1_000_000, 1_000_000);
    pruneEntries(dir, 3);
    expect(readdirSync(dir).sort()).toEqual(['c.json', 'd.json', 'e.json', 'x.json.123.tmp']);
    pruneEntries(dir, 3);
    expect(readdirSync(dir)).toHaveLength(4);
  });

  it('is keyed by every module that loading a course imports, so that changing any of them (an upgrade) parses afresh', async () => {
    // The modules as esbuild bundles them for the loading thread and for a load on the caller's thread.
    const { metafile } = await build({
      entryPoints: ['src/course/load-worker.ts', 'src/course/load.ts'],
      absWorkingDir: REPO,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outdir: 'out',
      logLevel: 'silent',
    });
    const modules = Object.keys(metafile.inputs).filter((file) => file.startsWith('src/'));
    expect(modules.length).toBeGreaterThan(40);
    expect(modules).toContain('src/languages/zh-CN.ts'); // question keywords: they decide how a bank is read
    const covered = (file: string) => COMPILER_SOURCES.some((source) => file === source || file.startsWith(`${source}/`));
    expect(modules.filter((file) => !covered(file))).toEqual([]);
  });
});

describe('the caches\' record of the dependencies', () => {
  /** A copy of skillpack installed as a dependency (no lock file of its own) in a project's node_modules. */
  function installed(): string {
    const project = mkdtempSync(path.join(tmpdir(), 'skillpack-installed-'));
    const root = path.join(project, 'node_modules', 'skillpack');
    mkdirSync(path.join(root, 'node_modules', 'micromark'), { recursive: true });
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'skillpack', dependencies: { 'remark-parse': '^11', micromark: '^4', '@types/hast': '^3' } }));
    for (const [name, version] of [['remark-parse', '11.0.0'], ['@types/hast', '3.0.4']]) {
      mkdirSync(path.join(project, 'node_modules', name), { recursive: true });
      writeFileSync(path.join(project, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
    }
    writeFileSync(path.join(root, 'node_modules', 'micromark', 'package.json'), JSON.stringify({ name: 'micromark', version: '4.0.0' }));
    return root;
  }
  const key = (root: string) => {
    const hash = createHash('sha256');
    hashDependencies(hash, root);
    return hash.digest('hex');
  };

  it('changes with an upgrade in a copy installed without a lock file: npm\'s record of the install, or a dependency\'s version', () => {
    const root = installed();
    const first = key(root);
    expect(key(root)).toBe(first);
    // A hoisted dependency upgraded (any package manager).
    writeFileSync(path.join(root, '..', 'remark-parse', 'package.json'), JSON.stringify({ name: 'remark-parse', version: '11.0.1' }));
    const second = key(root);
    expect(second).not.toBe(first);
    // npm's record of the install changed (a transitive dependency upgraded).
    writeFileSync(path.join(root, '..', '.package-lock.json'), '{"packages":{"node_modules/micromark-util-chunked":{"version":"2.0.1"}}}');
    expect(key(root)).not.toBe(second);
  });

  it('is the lock file in a clone', () => {
    const root = installed();
    writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}');
    const locked = key(root);
    writeFileSync(path.join(root, '..', 'remark-parse', 'package.json'), JSON.stringify({ name: 'remark-parse', version: '12.0.0' }));
    expect(key(root)).toBe(locked);
    writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}');
    expect(key(root)).not.toBe(locked);
  });
});

describe('the caches\' record of skillpack\'s own files', () => {
  /** A folder of skillpack's own (inside its folder, where the caches' keys look), by its relative name. */
  function ownFolder(): { name: string; dir: string } {
    const name = `node_modules/.cache/skillpack/own-files-test-${randomUUID()}`;
    const dir = path.join(REPO, ...name.split('/'));
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'a.ts'), 'one');
    writeFileSync(path.join(dir, 'sub', 'b.ts'), 'two');
    return { name, dir };
  }
  /** A digests file of the test's own: the project's is shared by every process that runs meanwhile. */
  const digestsFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'skillpack-own-files-')), 'own-files.json');

  it('is the files\' paths and contents, kept by their sizes and times', () => {
    const { name, dir } = ownFolder();
    const kept = digestsFile();
    const first = ownFilesDigest([name], kept);
    // Found again by the files' sizes and times, without reading them: a digest planted in the kept file comes back.
    const [[stamp]] = JSON.parse(readFileSync(kept, 'utf8')) as Array<[string, string]>;
    writeFileSync(kept, JSON.stringify([[stamp, 'planted']]));
    expect(ownFilesDigest([name], kept)).toBe('planted');
    // From the files' contents alone when nothing is kept: the same digest.
    rmSync(kept);
    expect(ownFilesDigest([name], kept)).toBe(first);
    // A missing name counts.
    expect(ownFilesDigest([name, `${name}-missing`], kept)).not.toBe(first);
    rmSync(dir, { recursive: true, force: true });
  });

  it('changes with a file saved at the same size with its modification time set back', () => {
    const { name, dir } = ownFolder();
    const file = path.join(dir, 'sub', 'b.ts');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const kept = digestsFile();
    const first = ownFilesDigest([name], kept);
    writeFileSync(file, 'TWO');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(statSync(file).mtimeMs).toBe(1_700_000_000_000);
    const second = ownFilesDigest([name], kept);
    expect(second).not.toBe(first);
    // A file added changes it too.
    writeFileSync(path.join(dir, 'c.ts'), '');
    expect(ownFilesDigest([name], kept)).not.toBe(second);
    rmSync(dir, { recursive: true, force: true });
  });
});
