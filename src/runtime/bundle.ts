/**
 * Node side: bundle the browser runtime for one package type with Vite (one IIFE
 * script plus one stylesheet, both as strings for the packager), cached on disk by
 * a hash of the runtime's sources so that repeated builds cost nothing.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { LANGUAGES } from '../languages/index.js';
import { LANGUAGE_LIST, type Language } from '../languages/tags.js';
import { PACKAGE_ROOT, packagePath } from '../paths.js';
import { TARGET_NAMES, type TargetName } from '../targets/names.js';
import type { MessageKey } from './strings/en.js';

/** The runtime entries, one per player target (`src/runtime/entries/<target>.ts`). */
export const RUNTIME_ENTRIES = TARGET_NAMES;
export type RuntimeEntry = TargetName;
/**
 * The player's languages: each is a script of its own in every package, made from the language's
 * table (`strings/<tag>.ts`, through the language registry) by a generated entry that registers it.
 */
export const UI_LANGUAGES = LANGUAGE_LIST;

/**
 * Messages only one family of adapters shows: the SCORM adapter's about the LMS's API object.
 * They are named only as literals, so test/runtime-strings.test.ts can check that no player's
 * script names a message its language scripts leave out.
 */
const ADAPTER_MESSAGES = {
  scorm: ['lms.error', 'lms.init-failed', 'lms.commit-failed'],
} as const satisfies Record<string, readonly MessageKey[]>;
type MessageGroup = keyof typeof ADAPTER_MESSAGES;

/** The groups each player's language scripts leave out (the xAPI and cmi5 players need every byte of their 30 KB). */
const LEFT_OUT: Record<RuntimeEntry, readonly MessageGroup[]> = { scorm12: [], scorm2004: [], xapi: ['scorm'], cmi5: ['scorm'], web: ['scorm'] };

/** The messages a player's language scripts leave out. */
export const leftOutMessages = (entry: RuntimeEntry): ReadonlySet<MessageKey> => new Set(LEFT_OUT[entry].flatMap((group) => ADAPTER_MESSAGES[group]));

/** A language script, named by its language and the groups it leaves out (players that leave out the same share it). */
type StringsEntry = `strings-${Language}${string}`;
type BundleEntry = RuntimeEntry | StringsEntry;
const stringsEntryOf = (tag: Language, entry: RuntimeEntry): StringsEntry => `strings-${tag}${LEFT_OUT[entry].map((group) => `-without-${group}`).join('')}`;

/** A bundled runtime: script and stylesheet contents, and one script per UI language. */
export interface RuntimeBundle {
  js: string;
  css: string;
  /** Language tag to the script that registers its strings. */
  strings: Record<string, string>;
}

const projectRoot = PACKAGE_ROOT;
const runtimeDir = packagePath('src', 'runtime');
const modelFiles = [join(projectRoot, 'src', 'course', 'model.ts'), join(projectRoot, 'src', 'languages', 'tags.ts')];
/** Bump to invalidate every cached bundle when the build settings below change. */
const BUILD_SETTINGS = 'iife-es2019-terser-v3';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]))),
  );
  return nested.flat();
}

/** Hash of the runtime's sources, the course model and the Vite version: read once per process. */
let sourcesHash: Promise<string> | null = null;

function hashSources(): Promise<string> {
  sourcesHash ??= (async () => {
    const files = [...(await listFiles(runtimeDir)), ...modelFiles].sort();
    // Read the version from package.json: importing Vite itself costs ~100 MB and most of a second.
    const { version } = createRequire(packagePath('package.json'))('vite/package.json') as { version: string };
    const hash = createHash('sha256').update(`${BUILD_SETTINGS}\0${version}\0`);
    for (const file of files) {
      hash.update(relative(projectRoot, file).split(sep).join('/'));
      hash.update('\0');
      hash.update(await readFile(file));
      hash.update('\0');
    }
    return hash.digest('hex');
  })();
  return sourcesHash;
}

/**
 * Hash of everything a bundle depends on: every file in src/runtime/, the course model,
 * the entry name and the Vite version.
 * @param entry the runtime entry
 */
export async function runtimeHash(entry: BundleEntry): Promise<string> {
  return createHash('sha256').update(`${await hashSources()}\0${entry}`).digest('hex').slice(0, 16);
}

/** Concurrent calls for the same bundle share one build. */
const inFlight = new Map<string, Promise<{ js: string; css: string }>>();

/**
 * Build (or fetch from the cache) the runtime for one package type, with its language scripts.
 * @param entry which entry to bundle
 * @param options `cacheDir` overrides `node_modules/.cache/skillpack/runtime`
 */
export async function buildRuntime(entry: RuntimeEntry, options: { cacheDir?: string } = {}): Promise<RuntimeBundle> {
  if (!RUNTIME_ENTRIES.includes(entry)) throw new Error(`Unknown runtime entry "${entry}": expected one of ${RUNTIME_ENTRIES.join(', ')}.`);
  const [player, ...languages] = await Promise.all([bundleEntry(entry, options), ...UI_LANGUAGES.map((tag) => bundleEntry(stringsEntryOf(tag, entry), options, { tag, leftOut: leftOutMessages(entry) }))]);
  return { ...player!, strings: Object.fromEntries(UI_LANGUAGES.map((tag, i) => [tag, languages[i]!.js])) };
}

/** A language script's table: the language and the messages it leaves out. */
interface StringsTable {
  tag: Language;
  leftOut: ReadonlySet<MessageKey>;
}

/** Build (or fetch from the cache) one entry's script and stylesheet. */
async function bundleEntry(entry: BundleEntry, options: { cacheDir?: string }, strings?: StringsTable): Promise<{ js: string; css: string }> {
  const entryFile = strings ? join(runtimeDir, 'strings', `${strings.tag}.ts`) : join(runtimeDir, 'entries', `${entry}.ts`);
  if (!existsSync(entryFile)) {
    throw new Error(`The runtime entry "${entry}" does not exist yet: create ${relative(projectRoot, entryFile)} (see entries/web.ts for the shape).`);
  }
  const cacheDir = options.cacheDir ?? join(projectRoot, 'node_modules', '.cache', 'skillpack', 'runtime');
  const hash = await runtimeHash(entry);
  const base = join(cacheDir, `${entry}-${hash}`);
  const key = base;
  const running = inFlight.get(key);
  if (running) return running;
  const job = (async () => {
    try {
      const [js, css] = await Promise.all([readFile(`${base}.js`, 'utf8'), readFile(`${base}.css`, 'utf8')]);
      return { js, css };
    } catch {
      // Not cached yet.
    }
    const bundle = await bundle_(entryFile, strings);
    await mkdir(cacheDir, { recursive: true });
    // Write then rename, so a crash never leaves a half-written cache entry.
    const tmp = `${base}.${process.pid}.tmp`;
    await writeFile(`${tmp}.css`, bundle.css);
    await writeFile(`${tmp}.js`, bundle.js);
    await rename(`${tmp}.css`, `${base}.css`);
    await rename(`${tmp}.js`, `${base}.js`);
    await prune(cacheDir, entry, hash);
    return bundle;
  })();
  inFlight.set(key, job);
  try {
    return await job;
  } finally {
    inFlight.delete(key);
  }
}

/** Remove this entry's bundles from older sources, so the cache does not grow with every edit. */
async function prune(cacheDir: string, entry: BundleEntry, keep: string): Promise<void> {
  const stale = new RegExp(`^${entry}-(?!${keep}\\.)[0-9a-f]{16}\\.(js|css)$`);
  for (const name of await readdir(cacheDir).catch(() => [] as string[])) {
    if (stale.test(name)) await rm(join(cacheDir, name), { force: true }).catch(() => undefined);
  }
}

/** The entry of a language script (generated: it registers the language's table, less the messages it leaves out). */
const STRINGS_ENTRY = 'skillpack-strings-entry';

/** Run Vite in library mode on one entry (or on a language's table), in memory. */
async function bundle_(entryFile: string, strings: StringsTable | undefined): Promise<{ js: string; css: string }> {
  const { build } = await import('vite');
  const i18n = join(runtimeDir, 'player', 'i18n.ts');
  const table = strings && Object.fromEntries(Object.entries(LANGUAGES[strings.tag].strings).filter(([key]) => !strings.leftOut.has(key as MessageKey)));
  const stringsEntry = {
    name: 'skillpack-strings-entry',
    // Vite hands the entry over as a path under the root.
    resolveId: (id: string) => (id.endsWith(STRINGS_ENTRY) ? `\0${STRINGS_ENTRY}` : null),
    load: (id: string) =>
      id === `\0${STRINGS_ENTRY}` ? `import { registerStrings } from ${JSON.stringify(i18n)};\nregisterStrings(${JSON.stringify(strings?.tag)}, ${JSON.stringify(table)});\n` : null,
  };
  const output = await build({
    configFile: false,
    root: runtimeDir,
    logLevel: 'silent',
    publicDir: false,
    envDir: false,
    mode: 'production',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: strings ? [stringsEntry] : [],
    build: {
      write: false,
      target: 'es2019',
      minify: true,
      cssCodeSplit: false,
      // Class fields as plain assignments in the constructor (as TypeScript's useDefineForClassFields:
      // false would): lowered to ES2019 with define semantics, every field was a call to a
      // defineProperty helper (with its Symbol.toPrimitive helpers), about 500 bytes gzip of each
      // player. No runtime class has a field that shadows an accessor, so nothing behaves otherwise.
      rolldownOptions: { transform: { assumptions: { setPublicClassFields: true }, typescript: { removeClassFieldsWithoutInitializer: true } } },
      reportCompressedSize: false,
      copyPublicDir: false,
      emptyOutDir: false,
      lib: { entry: strings ? STRINGS_ENTRY : entryFile, formats: ['iife'], name: 'skillpack', fileName: () => 'player.js', cssFileName: 'player' },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]) as Array<{ output?: Array<{ type: string; fileName: string; code?: string; source?: string | Uint8Array }> }>;
  let js = '';
  let css = '';
  for (const item of outputs.flatMap((o) => o.output ?? [])) {
    if (item.type === 'chunk') js += item.code ?? '';
    else if (item.fileName.endsWith('.css')) css += typeof item.source === 'string' ? item.source : new TextDecoder().decode(item.source);
  }
  if (!js) throw new Error(`Vite produced no script for ${relative(projectRoot, entryFile)}.`);
  // Vite may prefix a build marker comment; packages do not need it.
  return { js: await squeeze(js.replace(/^\/\*\$vite\$:\d+\*\/\s*/, '')), css };
}

/**
 * A further pass of Terser over the minified player: about 180 bytes gzip less, which the xAPI and
 * cmi5 players' 30 KB need. Each runtime is bundled once per change of its sources (then cached).
 */
async function squeeze(js: string): Promise<string> {
  const { minify } = await import('terser');
  const result = await minify(js, { ecma: 2019, compress: { passes: 3 }, mangle: true, format: { comments: false } });
  if (!result.code) throw new Error('Terser produced no script for the runtime.');
  return result.code;
}
