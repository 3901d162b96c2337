/**
 * Whether a launch page can reach the LMS: a SCORM SCO must load script that
 * looks up the `API` (1.2) or `API_1484_11` (2004) object, a cmi5 AU script
 * that reads its `endpoint` and `fetch` launch parameters. The page, its
 * frames and the local scripts they load (module imports followed) are
 * searched for those names.
 *
 * What counts as an error is what is certain: a page with no script at all,
 * a local script that is missing, or readable, unminified scripts that never
 * name the object. Remote, minified or run-time-loaded code cannot be judged
 * this way, and gets a warning.
 */
import path from 'node:path';
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';
import type { Launch, LaunchNeed } from './descriptor.js';
import type { PackageSource } from './package.js';
import { isUrl, type PackageFiles } from './references.js';
import { LineIndex } from './xml.js';

const MAX_FILE_BYTES = 16 * 1024 ** 2;
const MAX_PAGE_BYTES = 4 * 1024 ** 2;
const MAX_FILES = 200;

const NEEDS: Record<LaunchNeed, { names: RegExp[]; what: string }> = {
  'scorm12-api': { names: [/\bAPI\b/], what: 'the SCORM 1.2 API object (API)' },
  'scorm2004-api': { names: [/\bAPI_1484_11\b/], what: 'the SCORM 2004 API object (API_1484_11)' },
  'cmi5-launch': { names: [/\bendpoint\b/, /\bfetch\b/], what: 'the cmi5 launch parameters (endpoint and fetch)' },
};

/** Script types that hold code (anything else, such as JSON data, is skipped). */
const CODE_TYPES = /^(|text\/javascript|application\/javascript|application\/ecmascript|text\/ecmascript|module)$/i;
const DYNAMIC_LOADING = /createElement\(\s*["'`]script|importScripts\s*\(|\brequire\s*\(|document\.write\s*\(|\bimport\s*\(\s*[^"'`\s]/;

interface Collected {
  code: string[];
  remote: number;
  /** Local scripts that are not in the package (each reported as a missing file). */
  missing: number;
  minified: boolean;
  dynamic: boolean;
  frames: number;
}

/** Inspect one launch page and report what it lacks. */
export async function checkLaunch(source: PackageSource, files: PackageFiles, sink: DiagnosticSink, descriptor: string, launch: Launch): Promise<void> {
  const collected: Collected = { code: [], remote: 0, missing: 0, minified: false, dynamic: false, frames: 0 };
  const visited = new Set<string>();
  await collectPage(source, files, sink, launch.path, collected, visited, 0);
  const need = NEEDS[launch.need];
  const text = collected.code.join('\n');
  if (need.names.every((n) => n.test(text))) return;

  const page = `launch page "${launch.path}"`;
  if (collected.missing) return; // the missing script is the problem, and is reported as such
  if (!collected.code.some((c) => c.trim()) && !collected.remote && !collected.frames) {
    sink.report(descriptor, launch.place, 'package-launch-api', `${page} runs no script, so it cannot find ${need.what}`);
  } else if (collected.remote || collected.minified || collected.dynamic || visited.size >= MAX_FILES) {
    const why = collected.remote ? 'loads remote scripts' : collected.dynamic ? 'loads scripts at run time' : collected.minified ? 'has minified scripts' : 'loads too many files';
    sink.report(descriptor, launch.place, 'package-launch-unverified', `${page} ${why}, and ${need.what} is not named in what could be read`);
  } else {
    sink.report(descriptor, launch.place, 'package-launch-api', `no script of ${page} refers to ${need.what}`);
  }
}

async function collectPage(source: PackageSource, files: PackageFiles, sink: DiagnosticSink, page: string, out: Collected, visited: Set<string>, depth: number): Promise<void> {
  if (visited.has(page) || visited.size >= MAX_FILES) return;
  visited.add(page);
  const read = await source.read(page, MAX_PAGE_BYTES);
  if ('error' in read) return void sink.report(source.label, undefined, read.tooLarge ? 'package-launch-unverified' : 'package-zip-invalid', read.error);
  const html = read.data.toString('utf8');
  const lines = new LineIndex(html);
  const folder = page.includes('/') ? page.slice(0, page.lastIndexOf('/') + 1) : '';

  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = match[1]!;
    const type = attr(attributes, 'type') ?? '';
    if (!CODE_TYPES.test(type.trim())) continue;
    const src = attr(attributes, 'src');
    if (src === undefined) {
      addCode(out, match[2]!);
      continue;
    }
    if (isUrl(src)) {
      out.remote++;
      continue;
    }
    const ref = files.resolve(src, folder);
    if (ref.type !== 'found') {
      out.missing++;
      sink.report(source.fileLabel(page), lines.place(match.index), 'package-missing-file', `<script src="${src}"> is not in the package`);
      continue;
    }
    await collectScript(source, files, ref.path, out, visited);
  }

  // Frames and redirects: the API may be looked up by the page they open.
  const targets = [
    ...[...html.matchAll(/<i?frame\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) => m[1] ?? m[2] ?? m[3] ?? ''),
    ...[...html.matchAll(/<meta\b[^>]*http-equiv\s*=\s*["']?refresh[^>]*content\s*=\s*["'][^"']*url\s*=\s*([^"'>]+)/gi)].map((m) => m[1]!.trim()),
  ];
  for (const target of targets) {
    out.frames++;
    if (isUrl(target) || depth >= 3) continue;
    const ref = files.resolve(target, folder);
    if (ref.type === 'found' && /\.html?$/i.test(ref.path)) await collectPage(source, files, sink, ref.path, out, visited, depth + 1);
  }
}

/** Read a local script and, for ES modules, the local modules it imports. */
async function collectScript(source: PackageSource, files: PackageFiles, script: string, out: Collected, visited: Set<string>): Promise<void> {
  if (visited.has(script) || visited.size >= MAX_FILES) return;
  visited.add(script);
  const read = await source.read(script, MAX_FILE_BYTES);
  if ('error' in read) return;
  const code = read.data.toString('utf8');
  addCode(out, code);
  const folder = path.posix.dirname(script) === '.' ? '' : `${path.posix.dirname(script)}/`;
  // Bounded and lazy, so that long export lists in minified code cannot make the search quadratic.
  for (const match of code.matchAll(/\b(?:import|export)\s*(?:[\w*{}\s,$]{1,2000}?\bfrom\s*)?["'`]([^"'`\s]{1,500})["'`]|\bimport\s*\(\s*["'`]([^"'`\s]{1,500})["'`]\s*\)/g)) {
    const specifier = match[1] ?? match[2]!;
    const ref = /^\.{1,2}\//.test(specifier) ? files.resolve(specifier, folder) : undefined;
    if (ref?.type === 'found') await collectScript(source, files, ref.path, out, visited);
    else out.dynamic = true; // a bare or missing module: what it does cannot be read here
  }
}

function addCode(out: Collected, code: string): void {
  out.code.push(code);
  if (code.split('\n').some((line) => line.length > 1000)) out.minified = true;
  if (DYNAMIC_LOADING.test(code)) out.dynamic = true;
}

function attr(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attributes);
  return match ? (match[1] ?? match[2] ?? match[3] ?? '') : undefined;
}
