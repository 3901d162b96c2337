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
 *
 * Pages are read with parse5's HTML tokenizer, which browsers' rules drive
 * here as its tree builder would (script, style, iframe, noscript… as raw
 * text): what is in a comment, in a <noscript> or in a <template> never
 * runs, and is not counted. Its tree builder is not used, since some nestings
 * make it quadratic; the tokenizer, and everything below, is linear. Each page
 * and script is read once per package, and a package's reading is bounded.
 */
import path from 'node:path';
import { Tokenizer, TokenizerMode, type Token, type TokenHandler } from 'parse5';
import type { DiagnosticSink, Place } from '../diagnostics/diagnostic.js';
import type { Launch, LaunchNeed } from './descriptor.js';
import type { PackageSource } from './package.js';
import { isUrl, type PackageFiles } from './references.js';
import { LineIndex } from './xml.js';

const MAX_FILE_BYTES = 16 * 1024 ** 2;
const MAX_PAGE_BYTES = 4 * 1024 ** 2;
/** Files one launch page may lead to (its frames, scripts and modules). */
const MAX_FILES = 200;
/** Pages and scripts read for a package's launch checks, all launches together. */
const MAX_LAUNCH_BYTES = 32 * 1024 ** 2;
const MAX_FRAME_DEPTH = 3;

/** The names each kind of launch must find, each searched in every script once. */
const NAMES = { API: /\bAPI\b/, API_1484_11: /\bAPI_1484_11\b/, endpoint: /\bendpoint\b/, fetch: /\bfetch\b/ } as const;
type Name = keyof typeof NAMES;

const NEEDS: Record<LaunchNeed, { names: Name[]; what: string }> = {
  'scorm12-api': { names: ['API'], what: 'the SCORM 1.2 API object (API)' },
  'scorm2004-api': { names: ['API_1484_11'], what: 'the SCORM 2004 API object (API_1484_11)' },
  'cmi5-launch': { names: ['endpoint', 'fetch'], what: 'the cmi5 launch parameters (endpoint and fetch)' },
};

/** Script types that hold code (anything else, such as JSON data, is skipped). */
const CODE_TYPES = /^(|text\/javascript|application\/javascript|application\/ecmascript|text\/ecmascript|module)$/i;
const DYNAMIC_LOADING = /createElement\(\s*["'`]script|importScripts\s*\(|\brequire\s*\(|document\.write\s*\(|\bimport\s*\(\s*[^"'`\s]/;

/** What one script holds, as far as the check is concerned. */
interface ScriptFacts {
  names: Set<Name>;
  hasCode: boolean;
  minified: boolean;
  dynamic: boolean;
  /** Local modules it imports, resolved to package paths. */
  imports: string[];
}

/** What one page holds: its inline scripts, the scripts and pages it loads. */
interface PageFacts {
  inline: ScriptFacts[];
  scripts: string[];
  remote: number;
  /** Local scripts that are not in the package (each reported as a missing file). */
  missing: number;
  /** Frames and redirects, local or not. */
  frames: number;
  /** The local pages those frames and redirects open. */
  framePages: string[];
}

/** What a launch page and everything it loads add up to. */
interface Collected {
  names: Set<Name>;
  hasCode: boolean;
  remote: number;
  missing: number;
  minified: boolean;
  dynamic: boolean;
  frames: number;
  files: number;
}

/**
 * The launch checks of one package: each page and script is read and scanned
 * once, whatever number of launches share it, and reading stops at
 * MAX_LAUNCH_BYTES for the whole package.
 */
export class LaunchFiles {
  private readonly pages = new Map<string, Promise<PageFacts | undefined>>();
  private readonly scripts = new Map<string, Promise<ScriptFacts | undefined>>();
  private bytesLeft = MAX_LAUNCH_BYTES;
  /** Set once a file was left unread for want of budget. */
  exhausted = false;

  constructor(readonly source: PackageSource, readonly files: PackageFiles, readonly sink: DiagnosticSink) {}

  page(name: string): Promise<PageFacts | undefined> {
    let facts = this.pages.get(name);
    if (!facts) this.pages.set(name, (facts = this.readPage(name)));
    return facts;
  }

  script(name: string): Promise<ScriptFacts | undefined> {
    let facts = this.scripts.get(name);
    if (!facts) this.scripts.set(name, (facts = this.readScript(name)));
    return facts;
  }

  /**
   * A file's text, within its own limit and what is left of the package's budget.
   * @param reportFailure report a file that cannot be read (pages; a script that cannot be read is left out)
   */
  private async text(name: string, limit: number, reportFailure: boolean): Promise<string | undefined> {
    const allowed = Math.min(limit, this.bytesLeft);
    const read = await this.source.read(name, allowed);
    if ('error' in read) {
      if (read.tooLarge && allowed < limit) this.exhausted = true;
      else if (reportFailure && !read.damaged) this.sink.report(this.source.label, undefined, read.tooLarge ? 'package-launch-unverified' : 'package-zip-invalid', read.error);
      return undefined;
    }
    this.bytesLeft -= read.data.length;
    return read.data.toString('utf8');
  }

  private async readPage(name: string): Promise<PageFacts | undefined> {
    const html = await this.text(name, MAX_PAGE_BYTES, true);
    if (html === undefined) return undefined;
    const folder = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
    const facts: PageFacts = { inline: [], scripts: [], remote: 0, missing: 0, frames: 0, framePages: [] };
    const { scripts, targets } = scanHtml(html);
    for (const script of scripts) {
      if (!CODE_TYPES.test(script.type.trim())) continue;
      if (script.src === undefined) facts.inline.push(scriptFacts(script.code, [], false));
      else if (isUrl(script.src)) facts.remote++;
      else {
        const ref = this.files.resolve(script.src, folder);
        if (ref.type === 'found') facts.scripts.push(ref.path);
        else {
          facts.missing++;
          this.sink.report(this.source.fileLabel(name), script.place, 'package-missing-file', `<script src="${script.src}"> is not in the package`);
        }
      }
    }
    // Frames and redirects: the API may be looked up by the page they open.
    for (const target of targets) {
      facts.frames++;
      if (isUrl(target)) continue;
      const ref = this.files.resolve(target, folder);
      if (ref.type === 'found' && /\.html?$/i.test(ref.path)) facts.framePages.push(ref.path);
    }
    return facts;
  }

  private async readScript(name: string): Promise<ScriptFacts | undefined> {
    const code = await this.text(name, MAX_FILE_BYTES, false);
    if (code === undefined) return undefined;
    const folder = path.posix.dirname(name) === '.' ? '' : `${path.posix.dirname(name)}/`;
    const imports: string[] = [];
    let unreadable = false;
    for (const specifier of moduleSpecifiers(code)) {
      const ref = /^\.{1,2}\//.test(specifier) ? this.files.resolve(specifier, folder) : undefined;
      if (ref?.type === 'found') imports.push(ref.path);
      else unreadable = true; // a bare or missing module: what it does cannot be read here
    }
    return scriptFacts(code, imports, unreadable);
  }
}

function scriptFacts(code: string, imports: string[], unreadableImport: boolean): ScriptFacts {
  const names = new Set((Object.keys(NAMES) as Name[]).filter((n) => NAMES[n].test(code)));
  return { names, hasCode: code.trim() !== '', minified: hasLongLine(code, 1000), dynamic: unreadableImport || DYNAMIC_LOADING.test(code), imports };
}

function hasLongLine(text: string, length: number): boolean {
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    if ((end === -1 ? text.length : end) - start > length) return true;
    if (end === -1) return false;
    start = end + 1;
  }
}

/** Inspect one launch page and report what it lacks. */
export async function checkLaunch(launchFiles: LaunchFiles, descriptor: string, launch: Launch): Promise<void> {
  const collected: Collected = { names: new Set(), hasCode: false, remote: 0, missing: 0, minified: false, dynamic: false, frames: 0, files: 0 };
  await collectPage(launchFiles, launch.path, collected, new Set(), 0);
  const need = NEEDS[launch.need];
  if (need.names.every((n) => collected.names.has(n))) return;

  const { sink } = launchFiles;
  const page = `launch page "${launch.path}"`;
  if (collected.missing) return; // the missing script is the problem, and is reported as such
  // A page that could not be read (too large, damaged) is reported as such, not as one without script.
  if (!(await launchFiles.page(launch.path)) && !launchFiles.exhausted) return;
  const truncated = launchFiles.exhausted || collected.files >= MAX_FILES;
  if (!collected.hasCode && !collected.remote && !collected.frames && !truncated) {
    sink.report(descriptor, launch.place, 'package-launch-api', `${page} runs no script, so it cannot find ${need.what}`);
  } else if (collected.remote || collected.minified || collected.dynamic || truncated) {
    const why = collected.remote
      ? 'loads remote scripts'
      : collected.dynamic
        ? 'loads scripts at run time'
        : collected.minified
          ? 'has minified scripts'
          : launchFiles.exhausted
            ? `leads to more than ${MAX_LAUNCH_BYTES / 1024 ** 2} MiB of pages and scripts in the package, more than is read`
            : 'loads too many files';
    sink.report(descriptor, launch.place, 'package-launch-unverified', `${page} ${why}, and ${need.what} is not named in what could be read`);
  } else {
    sink.report(descriptor, launch.place, 'package-launch-api', `no script of ${page} refers to ${need.what}`);
  }
}

async function collectPage(launchFiles: LaunchFiles, page: string, out: Collected, visited: Set<string>, depth: number): Promise<void> {
  if (visited.has(page) || visited.size >= MAX_FILES) return;
  visited.add(page);
  out.files = visited.size;
  const facts = await launchFiles.page(page);
  if (!facts) return;
  out.remote += facts.remote;
  out.missing += facts.missing;
  out.frames += facts.frames;
  for (const inline of facts.inline) addScript(out, inline);
  for (const script of facts.scripts) await collectScript(launchFiles, script, out, visited);
  if (depth >= MAX_FRAME_DEPTH) return;
  for (const target of facts.framePages) await collectPage(launchFiles, target, out, visited, depth + 1);
}

/** A local script and, for ES modules, the local modules it imports. */
async function collectScript(launchFiles: LaunchFiles, script: string, out: Collected, visited: Set<string>): Promise<void> {
  if (visited.has(script) || visited.size >= MAX_FILES) return;
  visited.add(script);
  out.files = visited.size;
  const facts = await launchFiles.script(script);
  if (!facts) return;
  addScript(out, facts);
  for (const module of facts.imports) await collectScript(launchFiles, module, out, visited);
}

function addScript(out: Collected, facts: ScriptFacts): void {
  for (const name of facts.names) out.names.add(name);
  out.hasCode ||= facts.hasCode;
  out.minified ||= facts.minified;
  out.dynamic ||= facts.dynamic;
}

interface ScannedScript {
  type: string;
  src?: string;
  code: string;
  place: Place;
}

/** Elements whose content the HTML parser reads as text, and how (as a browser with scripting on). */
const TEXT_CONTENT: Record<string, (typeof TokenizerMode)[keyof typeof TokenizerMode]> = {
  script: TokenizerMode.SCRIPT_DATA,
  style: TokenizerMode.RAWTEXT,
  xmp: TokenizerMode.RAWTEXT,
  iframe: TokenizerMode.RAWTEXT,
  noembed: TokenizerMode.RAWTEXT,
  noframes: TokenizerMode.RAWTEXT,
  noscript: TokenizerMode.RAWTEXT,
  textarea: TokenizerMode.RCDATA,
  title: TokenizerMode.RCDATA,
  plaintext: TokenizerMode.PLAINTEXT,
};

/** Script bodies longer than this are found by a search rather than tokenized. */
const SKIPPED_SCRIPT_BYTES = 4096;
/** Where a script's raw text could end, or where the tokenizer's escaping rules start to matter. */
const SCRIPT_END_OR_ESCAPE = /<\/script[\t\n\f\r />]|<!--/gi;

/**
 * Where a script body starting at `from` ends (the offset of its `</script`), when a
 * plain search can tell: with no `<!--` before it, the tokenizer's script-data states
 * never leave the plain one, so the first `</script` followed by a space, `/` or `>`
 * ends the body. Undefined when only the tokenizer can tell.
 */
function plainScriptEnd(html: string, from: number): number | undefined {
  SCRIPT_END_OR_ESCAPE.lastIndex = from;
  const found = SCRIPT_END_OR_ESCAPE.exec(html);
  return found && found[0] !== '<!--' ? found.index : undefined;
}

/**
 * The scripts a page runs and the pages its frames and refreshes open, in one
 * linear pass of parse5's tokenizer. The tree builder's one job that matters
 * here is done alongside: switching the tokenizer to text after <script>,
 * <noscript>, <iframe>… (so a <script> in a comment or a <noscript> is text).
 * What a <template> holds is inert, and skipped; a script never closed before
 * the end of the page does not run, and is dropped, as browsers do. A long
 * script body (a page's embedded data) is passed over by a search where that
 * gives the tokenizer's answer, and the tokenizer resumes at its end tag.
 * (Foreign content is not tracked: an <svg><script> is read as HTML's.)
 */
export function scanHtml(html: string): { scripts: ScannedScript[]; targets: string[] } {
  const lines = new LineIndex(html);
  const scripts: ScannedScript[] = [];
  const targets: string[] = [];
  let templates = 0;
  let open: { script: ScannedScript; bodyStart: number; chunks: string[] } | undefined;
  /** Where the running tokenizer's input starts in `html`. */
  let base = 0;
  /** Set when the tokenizer was paused to pass over a script body ending there. */
  let skipTo: number | undefined;
  const text = (token: Token.CharacterToken) => open?.chunks.push(token.chars);
  const closeScript = (code: string) => {
    if (open && !templates) scripts.push({ ...open.script, code });
    open = undefined;
  };
  const handler: TokenHandler = {
    onStartTag(token) {
      const mode = TEXT_CONTENT[token.tagName];
      if (mode !== undefined) tokenizer.state = mode;
      if (token.tagName === 'template') templates++;
      const get = (name: string) => token.attrs.find((a) => a.name === name)?.value;
      if (token.tagName === 'script') {
        const bodyStart = base + token.location!.endOffset;
        open = { script: { type: get('type') ?? '', src: get('src'), code: '', place: lines.place(base + token.location!.startOffset) }, bodyStart, chunks: [] };
        const end = plainScriptEnd(html, bodyStart);
        if (end !== undefined && end - bodyStart > SKIPPED_SCRIPT_BYTES) {
          skipTo = end;
          tokenizer.pause();
        }
      } else if (templates) {
        return;
      } else if ((token.tagName === 'iframe' || token.tagName === 'frame') && get('src') !== undefined) {
        targets.push(get('src')!);
      } else if (token.tagName === 'meta' && get('http-equiv')?.trim().toLowerCase() === 'refresh') {
        const url = /url\s*=\s*["']?([^"']*)/i.exec(get('content') ?? '')?.[1]?.trim();
        if (url) targets.push(url);
      }
    },
    onEndTag(token) {
      if (token.tagName === 'script' && open) closeScript(open.chunks.join(''));
      if (token.tagName === 'template' && templates) templates--;
    },
    onCharacter: text,
    onWhitespaceCharacter: text,
    onNullCharacter: text,
    onComment() {},
    onDoctype() {},
    onEof() {},
  };
  let tokenizer: Tokenizer;
  for (;;) {
    tokenizer = new Tokenizer({ sourceCodeLocationInfo: true }, handler);
    skipTo = undefined;
    tokenizer.write(base ? html.slice(base) : html, true);
    if (skipTo === undefined) break;
    // A fresh tokenizer at the end tag is in the state this one would reach there.
    closeScript(html.slice(open!.bodyStart, skipTo));
    base = skipTo;
  }
  return { scripts, targets };
}

const KEYWORD = /\b(?:import|export)\b/g;
const DYNAMIC_IMPORT = /\s*\(\s*(["'`])([^"'`\s]{1,500})\1\s*\)/y;
const BARE_IMPORT = /\s*(["'`])([^"'`\s]{1,500})\1/y;
const QUOTED = /(["'`])([^"'`\s]{1,500})\1/y;
/** What may stand between `import`/`export` and `from`: names, braces, `*`, commas, spaces. */
const CLAUSE = /[\w*{}\s,$]*/y;

/**
 * The module specifiers of `import … from "x"`, `export … from "x"`, `import "x"` and
 * `import("x")`, in linear time: the clause between a keyword and its `from` is a run of
 * name characters, and every keyword inside one run shares that run's end, which is
 * measured once.
 */
function moduleSpecifiers(code: string): string[] {
  const found: string[] = [];
  let runEnd = -1;
  let runFrom: { at: number; specifier: string } | undefined;
  for (const match of code.matchAll(KEYWORD)) {
    const after = match.index + match[0].length;
    const direct = match[0] === 'import' ? sticky(DYNAMIC_IMPORT, code, after) ?? sticky(BARE_IMPORT, code, after) : sticky(BARE_IMPORT, code, after);
    if (direct) {
      found.push(direct[2]!);
      continue;
    }
    if (after > runEnd) {
      CLAUSE.lastIndex = after;
      runEnd = after + CLAUSE.exec(code)![0].length;
      runFrom = fromAtEnd(code, after, runEnd);
    }
    if (runFrom && runFrom.at >= after) found.push(runFrom.specifier);
  }
  return found;
}

function sticky(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** A run of clause characters that ends in `from` and a quoted specifier: where `from` starts, and the specifier. */
function fromAtEnd(code: string, start: number, end: number): { at: number; specifier: string } | undefined {
  const quoted = sticky(QUOTED, code, end);
  if (!quoted) return undefined;
  let word = end;
  while (word > start && /\s/.test(code[word - 1]!)) word--;
  const at = word - 4;
  if (at < start || code.slice(at, word) !== 'from' || (at > 0 && /\w/.test(code[at - 1]!))) return undefined;
  return { at, specifier: quoted[2]! };
}
