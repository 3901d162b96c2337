/**
 * Preview latency: the preview server runs on a temporary copy of one course; a
 * lesson file is saved with a new sentence, and the clock runs until GET of the
 * course's web package page returns that sentence. The preview's own record of
 * the rebuild time is kept alongside, so the figure splits into "noticing the
 * save" and "rebuilding". If the server cannot start, the in-process rebuild of
 * one course (loadCourse + packageEntries for every target) is measured instead
 * and labelled as such.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import { CONTENT_PREFIX } from '../src/course/markdown.js';
import { TARGET_NAMES } from '../src/course/schema.js';
import { packageEntries, type RuntimeBundle } from '../src/package/assemble.js';
import { themeCss } from '../src/package/theme.js';
import { buildRuntime } from '../src/runtime/bundle.js';
import { selectTargets } from '../src/targets/index.js';
import { sleep, stat, type Stat } from './measure.js';

export interface PreviewFigures {
  /** What was measured: the served round trip, or the in-process rebuild only. */
  kind: 'save-to-served' | 'in-process-rebuild';
  label: string;
  course: string;
  latencyMs: Stat;
  /** The preview's own timing of each rebuild (loadCourse + packages in memory). */
  rebuildMs: Stat | null;
  /** Why the served measurement was not made, when it was not. */
  fallbackReason?: string;
}

const agent = new Agent({ keepAlive: true });

/** GET a URL's body as text (keep-alive, so polling costs little). */
function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The first lesson file of a course folder. */
function firstLesson(courseDir: string): string {
  const lessons = readdirSync(path.join(courseDir, 'lessons')).filter((f) => f.endsWith('.md')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (!lessons[0]) throw new Error(`${courseDir} has no lessons`);
  return path.join(courseDir, 'lessons', lessons[0]);
}

/**
 * The lesson with a new paragraph right after its `#` title (or its frontmatter):
 * text appended at the end could fall into a practice question's section.
 * @param text the lesson's Markdown
 * @param paragraph the sentence to add
 */
export function withParagraph(text: string, paragraph: string): string {
  const lines = text.split('\n');
  let at = lines.findIndex((line) => /^#\s/.test(line));
  if (at < 0 && lines[0] === '---') at = lines.indexOf('---', 1);
  lines.splice(at + 1, 0, '', paragraph, '');
  return lines.join('\n');
}

/**
 * Measure save-to-served latency.
 * @param source course folder to copy
 * @param runs measured edits (after one warm-up edit)
 */
export async function previewLatency(source: string, runs: number): Promise<PreviewFigures> {
  const project = mkdtempSync(path.join(tmpdir(), 'skillpack-bench-preview-'));
  const id = path.basename(source);
  const courseDir = path.join(project, 'courses', id);
  cpSync(source, courseDir, { recursive: true });
  const lesson = firstLesson(courseDir);
  const original = readFileSync(lesson, 'utf8');
  const log: string[] = [];
  let server: { url: string; builds: { get(key: string): { ms: number; version: number } | undefined }; close(): Promise<void> } | null = null;
  try {
    let reason: string | undefined;
    try {
      const { startPreview } = await import('../src/preview/server.js');
      server = await startPreview({ root: project, port: 0, db: ':memory:', log: (line) => log.push(line) });
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    if (!server) return { ...(await inProcessRebuild(source, runs)), fallbackReason: reason };

    const page = `${server.url}pkg/${encodeURIComponent(id)}/web/index.html`;
    // The start-up build must be done before the first edit.
    for (let i = 0; i < 200 && !server.builds.get(id)?.version; i++) await sleep(25);
    if (!(await get(page)).includes('course-data')) throw new Error(`the preview does not serve ${page}`);

    const latency: number[] = [];
    const rebuild: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const marker = `Benchmark edit ${i} ${Date.now().toString(36)}`;
      const before = server.builds.get(id)!.version;
      const saved = performance.now();
      writeFileSync(lesson, withParagraph(original, marker));
      let served = false;
      while (!served) {
        if (performance.now() - saved > 10_000) throw new Error(`the preview did not serve the edited lesson within 10 s (${page}); its log:\n${log.slice(-10).join('\n')}`);
        served = (await get(page)).includes(marker);
        if (!served) await sleep(1);
      }
      const ms = performance.now() - saved;
      const entry = server.builds.get(id)!;
      // i = 0 is the warm-up edit.
      if (i > 0) {
        latency.push(ms);
        if (entry.version > before) rebuild.push(entry.ms);
      }
      // Let the watcher settle, so edits are not batched together.
      await sleep(150);
    }
    return {
      kind: 'save-to-served',
      label: 'preview: save a lesson → new text served',
      course: id,
      latencyMs: stat(latency),
      rebuildMs: rebuild.length ? stat(rebuild) : null,
    };
  } finally {
    await server?.close();
    agent.destroy();
    rmSync(project, { recursive: true, force: true });
  }
}

/**
 * Fallback: rebuild one course in this process, as the preview would (no zip).
 * @param dir course folder
 * @param runs measured rebuilds (after one warm-up)
 */
export async function inProcessRebuild(dir: string, runs: number): Promise<PreviewFigures> {
  const project = loadProject(path.resolve(dir, '..', '..'));
  const targets = selectTargets(TARGET_NAMES);
  const runtimes = new Map<string, RuntimeBundle>();
  for (const target of targets) runtimes.set(target.runtime, await buildRuntime(target.runtime));
  const theme = themeCss(project.config);
  const samples: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    const loaded = loadCourse(dir, project);
    if (!loaded.course) throw new Error(`${dir} has errors`);
    const content = loaded.assets.map((relative) => ({ path: CONTENT_PREFIX + relative, data: readFileSync(path.join(loaded.dir, relative)) }));
    for (const target of targets) packageEntries(target, { course: loaded.course, content, runtime: runtimes.get(target.runtime)!, themeCss: theme, options: {} });
    if (i > 0) samples.push(performance.now() - started);
  }
  return { kind: 'in-process-rebuild', label: 'rebuild of one course (in process)', course: path.basename(dir), latencyMs: stat(samples), rebuildMs: null };
}
