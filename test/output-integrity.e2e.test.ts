/**
 * Output that tells the truth, proven on real `skillpack build` processes: a build killed
 * at any moment leaves each package old or new and a catalogue that describes exactly
 * what is on disk; two builds into one folder never interleave; `--out` may be a link to
 * another file system; a course with errors keeps its last good packages, marked stale;
 * the web build is a real folder.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderDigest } from '../src/package/folder.js';
import { recoverOutput, WORK_DIR } from '../src/package/output.js';
import type { Catalogue } from '../src/package/catalogue-files.js';
import { REPO } from './support/packages.js';

// Two courses: ten packages to kill a build among, and every package of both replaced by an edition.
const COURSES = ['hr-manager', 'welder'];

/**
 * A project with copies of a few catalogue courses and the catalogue's configuration: until
 * a test edits them, the course cache serves them from the catalogue's own entries.
 */
function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'skillpack-output-'));
  cpSync(path.join(REPO, 'skillpack.config.yml'), path.join(root, 'skillpack.config.yml'));
  for (const id of COURSES) cpSync(path.join(REPO, 'courses', id), path.join(root, 'courses', id), { recursive: true });
  return root;
}

/** Give every course a visibly new edition, so old and new packages can be told apart. */
function revise(root: string, mark: string): void {
  for (const id of COURSES) {
    const dir = path.join(root, 'courses', id, 'lessons');
    const first = path.join(dir, readdirSync(dir).sort()[0]!);
    writeFileSync(first, readFileSync(first, 'utf8').replace(/^# .*$/m, (h1) => `${h1}\n\n${mark}`));
  }
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The catalogue says when each course was built: it is compared with the disk instead. */
const CATALOGUE_FILES = ['catalog.json', 'index.html'];

/** Every published package file under `out` with its SHA-256 (the build's work folder left out). */
function snapshot(out: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(out, { recursive: true, encoding: 'utf8' })) {
    if (name.split(path.sep)[0] === WORK_DIR || CATALOGUE_FILES.includes(name)) continue;
    const full = path.join(out, name);
    if (statSync(full).isFile()) files.set(name.split(path.sep).join('/'), sha256(full));
  }
  return files;
}

/** The catalogue describes exactly what is on disk: every package present with its recorded size and digest. */
function expectCatalogueMatchesDisk(out: string): void {
  const catalogue = JSON.parse(readFileSync(path.join(out, 'catalog.json'), 'utf8')) as Catalogue;
  for (const course of catalogue.courses) {
    for (const item of course.packages) {
      const file = path.join(out, item.file);
      expect(existsSync(file), item.file).toBe(true);
      if (item.file.endsWith('/')) {
        const names = readdirSync(file, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(file, f)).isFile());
        const digest = folderDigest(names.map((f) => ({ path: f.split(path.sep).join('/'), data: readFileSync(path.join(file, f)) })));
        expect(digest.sha256, item.file).toBe(item.sha256);
      } else {
        expect(statSync(file).size, item.file).toBe(item.bytes);
        expect(sha256(file), item.file).toBe(item.sha256);
      }
    }
  }
}

/** Run `skillpack build` as a real process; `killWhen` is polled and SIGKILLs the build when true. */
function run(root: string, out: string, killWhen?: (pid: number) => boolean): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, 'src/bin.js'), '-C', root, 'build', '--out', out], { stdio: 'ignore' });
    const poll = killWhen ? setInterval(() => killWhen(child.pid!) && child.kill('SIGKILL'), 2) : undefined;
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve(code);
    });
  });
}

/** Files this build process has staged so far. */
const staged = (out: string, pid: number) => {
  const dir = path.join(out, WORK_DIR, `staging-${pid}`);
  return existsSync(dir) ? readdirSync(dir).length : 0;
};

describe('output integrity', () => {
  it('a killed build leaves each package old or new, and a catalogue that matches the disk', async () => {
    const root = project();
    const out = path.join(root, 'dist');
    expect(await run(root, out)).toBe(0);
    const before = snapshot(out);
    const previous = path.join(root, 'previous');
    cpSync(out, previous, { recursive: true });
    revise(root, 'Revised edition.');
    const expectedOut = path.join(root, 'expected');
    expect(await run(root, expectedOut)).toBe(0);
    const after = snapshot(expectedOut);
    expect([...after.keys()].filter((f) => after.get(f) !== before.get(f)).length).toBeGreaterThan(3);

    let caughtStaging = 0;
    for (const moment of [1, 4, 9, 'publishing'] as const) {
      rmSync(out, { recursive: true, force: true });
      cpSync(previous, out, { recursive: true });
      const when = (pid: number) => (moment === 'publishing' ? existsSync(path.join(out, WORK_DIR, 'publish.json')) : staged(out, pid) >= moment);
      await run(root, out, (pid) => {
        const hit = when(pid);
        if (hit && moment !== 'publishing') caughtStaging++;
        return hit;
      });
      // Whatever a kill interrupted, the next command that opens the output finishes or undoes it.
      recoverOutput(realpathSync(out));
      const now = snapshot(out);
      for (const [file, hash] of now) expect([before.get(file), after.get(file)], `${file} after a kill (${moment})`).toContain(hash);
      expect([...now.keys()].sort(), `files after a kill (${moment})`).toEqual([...before.keys()].sort());
      expectCatalogueMatchesDisk(out);
    }
    // The kills did land while the build was writing (otherwise this test proves nothing).
    expect(caughtStaging).toBeGreaterThan(0);
    // Left alone, the build completes with exactly the new packages and cleans its work folder.
    expect(await run(root, out)).toBe(0);
    expect(new Set(snapshot(out).keys())).toEqual(new Set(after.keys()));
    expectCatalogueMatchesDisk(out);
    // Only the record of what is on disk stays (see package/reuse.ts), no staging left behind.
    expect(readdirSync(path.join(out, WORK_DIR))).toEqual(['packages.json']);
  });

  it('never interleaves two builds into one folder', async () => {
    const root = project();
    const out = path.join(root, 'dist');
    const [one, two] = await Promise.all([run(root, out), run(root, out)]);
    expect([one, two]).toEqual([0, 0]);
    expectCatalogueMatchesDisk(out);
    // Only the record of what is on disk stays (see package/reuse.ts), no staging left behind.
    expect(readdirSync(path.join(out, WORK_DIR))).toEqual(['packages.json']);
  });

  it('builds into a link to another file system', async () => {
    const shm = '/dev/shm';
    const other = existsSync(shm) && statSync(shm).dev !== statSync(tmpdir()).dev ? mkdtempSync(path.join(shm, 'skillpack-share-')) : mkdtempSync(path.join(tmpdir(), 'skillpack-share-'));
    const root = project();
    const out = path.join(root, 'dist');
    symlinkSync(other, out, 'dir');
    expect(await run(root, out)).toBe(0);
    expect(existsSync(path.join(other, 'hr-manager', 'hr-manager-scorm12.zip'))).toBe(true);
    expectCatalogueMatchesDisk(other);
    rmSync(other, { recursive: true, force: true });
  });

  it('keeps the last good packages of a course with errors, marked stale, and ships the web build as a real folder', async () => {
    const root = project();
    const out = path.join(root, 'dist');
    expect(await run(root, out)).toBe(0);
    const web = path.join(out, 'welder', 'web');
    expect(lstatSync(web).isDirectory()).toBe(true);
    expect(lstatSync(web).isSymbolicLink()).toBe(false);
    // A copy of the folder (as an upload would make) is the whole course.
    const copy = path.join(root, 'copied-web');
    cpSync(web, copy, { recursive: true });
    expect(readdirSync(copy).sort()).toEqual(readdirSync(web).sort());
    expect(existsSync(path.join(copy, 'index.html'))).toBe(true);

    const yml = path.join(root, 'courses', 'welder', 'course.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^credits: .*$/m, 'credits: lots'));
    mkdirSync(path.join(root, 'unrelated'), { recursive: true });
    expect(await run(root, out)).toBe(1);
    const catalogue = JSON.parse(readFileSync(path.join(out, 'catalog.json'), 'utf8')) as Catalogue;
    const welder = catalogue.courses.find((c) => c.id === 'welder');
    expect(welder?.stale).toBe(true);
    expect(catalogue.courses.filter((c) => c.stale).map((c) => c.id)).toEqual(['welder']);
    expectCatalogueMatchesDisk(out);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('本课程最近一次生成失败'); // a Chinese catalogue's page is Chinese
  });
});
