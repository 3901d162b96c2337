#!/usr/bin/env node
// The `skillpack` command. The sources are TypeScript; what runs is a bundle of them
// compiled ahead by esbuild (commands and their engines in chunks loaded on demand), so
// the command starts in a fraction of the time a TypeScript loader needs. The bundle is
// compiled again whenever a source file is newer than it: a fresh clone compiles it on
// first use (npm install already does, through the `prepare` script), and an edit to
// src/ takes effect on the next run, as it would with the sources themselves.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cacheDir = path.join(root, 'node_modules', '.cache', 'skillpack');

/** Newest modification time of everything the bundle is made from. */
function sourcesStamp() {
  // The lock file too: an install that changes a bundled package changes it; and this file, which says how it is bundled.
  let newest = Math.max(...['package.json', 'package-lock.json', path.join('src', 'bin.js')].filter((name) => existsSync(path.join(root, name))).map((name) => statSync(path.join(root, name)).mtimeMs));
  // The benchmark bundles the browser helpers of test/support too.
  for (const folder of ['src', 'bench', path.join('test', 'support')]) {
    const dir = path.join(root, folder);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return Math.floor(newest).toString(36);
}

/**
 * Bundled into the command: packages that every command (`--help` included) or `check` and `build`
 * load before any work, and the Markdown compiler's (a course that changed loads about 300 of
 * their modules: resolved and read one by one they took 80–100 ms of a `check` after an edit).
 * Their code still loads only when a command needs it (its chunks are imported on demand).
 * test/bundled-imports.e2e.test.ts fails when a `check` loads a package from node_modules.
 */
const BUNDLED = new Set([
  ...['zod', 'commander'],
  ...['unified', 'remark-parse', 'remark-gfm', 'remark-frontmatter', 'vfile', 'vfile-message', 'unist-util-visit', 'unist-util-visit-parents'],
  ...['micromark-extension-gfm-footnote', 'micromark-extension-gfm-strikethrough', 'micromark-extension-gfm-table', 'micromark-extension-gfm-task-list-item', 'micromark-util-combine-extensions'],
  ...['mdast-util-gfm-footnote', 'mdast-util-gfm-strikethrough', 'mdast-util-gfm-table', 'mdast-util-gfm-task-list-item', 'mdast-util-to-hast', 'mdast-util-to-string'],
  ...['hast-util-raw', 'parse5', 'hast-util-sanitize', 'hast-util-to-html', 'yaml', 'lru-cache', 'saxes', 'fastest-levenshtein', 'github-slugger'],
  ...['micromark-extension-cjk-friendly', 'vfile-location'],
]);

/** How many compiled bundles stay in the cache, the one just compiled included. */
const KEPT_BUNDLES = 4;

/** Every dependency except the bundled ones, with its subpaths. */
function externalPackages() {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((name) => !BUNDLED.has(name));
  return names.flatMap((name) => [name, `${name}/*`]);
}

/** Compile src/cli.ts into `dir` (through a temporary folder, so a reader never sees half a bundle). */
async function compile(dir) {
  const { build } = await import('esbuild');
  const temporary = `${dir}.${process.pid}.tmp`;
  await build({
    // The course-loading thread (build and preview) is an entry of its own, beside cli.js and its chunks.
    entryPoints: { cli: path.join(root, 'src', 'cli.ts'), 'load-worker': path.join(root, 'src', 'course', 'load-worker.ts') },
    outdir: temporary,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages stay in node_modules, except the few that every command loads at start-up
    // (reading one bundled file costs less than resolving and loading their many modules).
    external: externalPackages(),
    sourcemap: true,
    // Bundled CommonJS packages (commander) call require(): give each module one.
    banner: { js: "import { createRequire as __skillpackRequire } from 'node:module'; const require = __skillpackRequire(import.meta.url);" },
    logLevel: 'error',
  });
  try {
    renameSync(temporary, dir);
  } catch {
    rmSync(temporary, { recursive: true, force: true }); // another process finished first: use its bundle
  }
  // Older bundles go, but not the few newest: a process started from one (a preview left running
  // while src/ is edited, or a second checkout sharing node_modules) still imports its chunks.
  const older = readdirSync(cacheDir)
    .filter((name) => name.startsWith('cli-') && !name.endsWith('.tmp') && path.join(cacheDir, name) !== dir)
    .map((name) => ({ name, time: statSync(path.join(cacheDir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.time - a.time);
  for (const { name } of older.slice(KEPT_BUNDLES - 1)) rmSync(path.join(cacheDir, name), { recursive: true, force: true });
}

async function main() {
  const dir = path.join(cacheDir, `cli-${sourcesStamp()}`);
  const entry = path.join(dir, 'cli.js');
  if (!existsSync(entry)) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      await compile(dir);
    } catch (error) {
      // No esbuild, or a read-only install: run the sources through tsx instead.
      if (process.env.SKILLPACK_DEBUG) console.error(error);
      const { register } = await import('tsx/esm/api');
      register();
      await import('./cli.ts');
      return;
    }
  }
  await import(pathToFileURL(entry).href);
}

await main();
