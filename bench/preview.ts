/**
 * The preview as a user meets it, always the real `node src/bin.js preview
 * --port 0 --db :memory:` process on a scratch copy of the catalogue:
 * - start: from the spawn (Node's start-up included) until the first course's
 *   page is served with its course data, then until every course is built; the
 *   process is then stopped with SIGTERM and reports its peak memory;
 * - save → frame showing the new text: the preview's page is open in Chromium on
 *   the first lesson; a lesson file is saved with a new sentence and the clock runs
 *   until the course frame shows that sentence, laid out (the page hands the player
 *   a lesson's new text in place, or launches the package again where the reviewer was).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { untilTrue } from './browser.js';
import { discarded, processFigures, sleep, spawnCli, stat, toolchainState, WARM_ENV, type CliProcess, type ColdRun, type ProcessFigures, type Stat } from './measure.js';

export interface PreviewStartFigures extends ProcessFigures {
  /** Spawn → first course's web page served with its course data (the target applies here). */
  firstPageMs: Stat;
  /** Spawn → the workspace page (/) answered. */
  listeningMs: Stat;
  /** Spawn → the preview's log says every course is built (not waited for under --quick). */
  allBuiltMs: Stat | null;
  course: string;
}

export interface PreviewReloadFigures {
  course: string;
  lesson: string;
  /** Save → the course frame shows the new sentence. */
  latencyMs: Stat;
  /** The preview's own log of each rebuild ("<course>: rebuilt in N ms"), when it printed one. */
  rebuildMs: Stat | null;
}

/** GET a URL: status and body (a fresh connection each time, as a browser's first request). */
function get(url: string, agent?: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Poll until `test` holds, or throw after `limitMs` with `what` and the preview's output.
 * @param preview the running preview (its output goes into the error)
 */
async function until<T>(preview: CliProcess, what: string, limitMs: number, test: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (;;) {
    const value = await test();
    if (value !== undefined) return value;
    if (preview.child.exitCode !== null) throw new Error(`the preview exited (${preview.child.exitCode}) before ${what}:\n${(preview.stdout() + preview.stderr()).trim().split('\n').slice(-15).join('\n')}`);
    if (performance.now() - preview.started > limitMs) throw new Error(`no ${what} within ${limitMs / 1000} s:\n${(preview.stdout() + preview.stderr()).trim().split('\n').slice(-15).join('\n')}`);
    await sleep(2);
  }
}

/** The address the preview prints ("skillpack preview  http://127.0.0.1:port/"). */
const printedUrl = (preview: CliProcess) => /skillpack preview\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(preview.stdout())?.[1];

/**
 * Start the real preview on `root` and wait for its address.
 * @param root project folder
 */
export async function startPreviewProcess(root: string): Promise<{ preview: CliProcess; url: string }> {
  const preview = spawnCli(['preview', '-C', root, '--port', '0', '--db', ':memory:'], root, WARM_ENV);
  const url = await until(preview, 'address printed', 60_000, () => printedUrl(preview));
  return { preview, url };
}

/** Stop the preview as Ctrl+C would and collect its figures. */
export async function stopPreviewProcess(preview: CliProcess): Promise<ColdRun> {
  preview.child.kill('SIGTERM');
  const killer = setTimeout(() => preview.child.kill('SIGKILL'), 30_000);
  try {
    return await preview.exited;
  } finally {
    clearTimeout(killer);
  }
}

/**
 * Time the preview's start, `warmup + runs` times, each a fresh process.
 * @param root project folder (a scratch catalogue)
 * @param firstCourse folder name of the course the preview opens first (the first in name order)
 * @param runs measured starts
 * @param warmup unmeasured starts first
 * @param env COLD_ENV (no course cache) or WARM_ENV
 * @param waitForAll run until every course is built (else stop at the first page: peak memory is then the start's only)
 */
export async function previewStart(root: string, firstCourse: string, runs: number, warmup = 1, env: Record<string, string> = WARM_ENV, waitForAll = true): Promise<PreviewStartFigures> {
  const firstPage: number[] = [];
  const listening: number[] = [];
  const allBuilt: number[] = [];
  const measured: ColdRun[] = [];
  for (let i = 0, retries = 0; i < warmup + runs; i++) {
    const toolchain = toolchainState();
    const preview = spawnCli(['preview', '-C', root, '--port', '0', '--db', ':memory:'], root, env);
    try {
      const url = await until(preview, 'address printed', 60_000, () => printedUrl(preview));
      await until(preview, 'workspace page', 60_000, async () => ((await get(url)).status === 200 ? true : undefined));
      const listened = performance.now() - preview.started;
      const page = `${url}pkg/${encodeURIComponent(firstCourse)}/web/index.html`;
      await until(preview, `page ${page}`, 60_000, async () => {
        const { status, body } = await get(page);
        return status === 200 && body.includes('course-data') ? true : undefined;
      });
      const served = performance.now() - preview.started;
      if (waitForAll) await until(preview, 'every course built', 600_000, () => (/\d+ courses? built in/.test(preview.stdout()) ? true : undefined));
      const built = performance.now() - preview.started;
      const run = await stopPreviewProcess(preview);
      // Compiled the CLI or the players first (someone edited src/): not a start a user waits for twice.
      if (toolchainState() !== toolchain && retries < 3) {
        retries++;
        discarded.count++;
        i--;
        continue;
      }
      if (i >= warmup) {
        firstPage.push(served);
        listening.push(listened);
        allBuilt.push(built);
        measured.push(run);
      }
    } finally {
      if (preview.child.exitCode === null) preview.child.kill('SIGKILL');
    }
  }
  return { course: firstCourse, firstPageMs: stat(firstPage), listeningMs: stat(listening), allBuiltMs: waitForAll ? stat(allBuilt) : null, ...processFigures(measured) };
}

/** The first lesson file of a course folder (numeric name order, as the course lists them). */
export function firstLessonFile(courseDir: string): string {
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

/** The course frame of the preview page, once it shows a package. */
async function courseFrame(page: Page): Promise<Frame> {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const frame = page.frame({ name: 'course' });
    if (frame && frame.url().includes('/pkg/')) return frame;
    if (performance.now() > deadline) throw new Error(`the preview page never showed a package in its frame (at ${frame?.url() ?? 'no frame'})`);
    await sleep(20);
  }
}

/** Now on the wall clock, to the microsecond, as Node and the page each keep it. */
const wallNow = () => performance.timeOrigin + performance.now();

/**
 * How far the page's wall clock is ahead of Node's: each process fixed its own at its start, and
 * a step of the system clock since (a VM paused, a time sync) would add straight into the figure.
 * Taken from the quickest of three round trips, as the middle of it.
 */
async function pageClockAhead(page: Page): Promise<number> {
  let best = { trip: Infinity, ahead: 0 };
  for (let i = 0; i < 3; i++) {
    const sent = wallNow();
    const there = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const back = wallNow();
    if (back - sent < best.trip) best = { trip: back - sent, ahead: there - (sent + back) / 2 };
  }
  return best.ahead;
}

/**
 * Installed in the preview's page: notes, on its wall clock (performance.timeOrigin + now), the moment the course frame first shows an expected sentence, its text laid
 * out (innerText). It looks when the frame's document changes (a MutationObserver, moved to each
 * new document as the frame is launched again), so the measuring adds no work while the preview
 * works: asking the frame over the DevTools protocol in a loop took a share of the two cores.
 */
const WATCH_FRAME = `(() => {
  const frame = document.getElementById('course-frame');
  const watch = { marker: null, shownAt: null };
  const check = () => {
    if (!watch.marker || watch.shownAt !== null) return;
    const body = frame.contentDocument && frame.contentDocument.body;
    if (body && body.innerText.includes(watch.marker)) watch.shownAt = performance.timeOrigin + performance.now();
  };
  const observer = new MutationObserver(check);
  let watched = null;
  setInterval(() => {
    const doc = frame.contentDocument;
    if (!doc || doc === watched) return;
    watched = doc;
    observer.disconnect();
    observer.observe(doc, { subtree: true, childList: true, characterData: true });
    check();
  }, 1);
  window.skillpackBench = { expect(marker) { watch.marker = marker; watch.shownAt = null; check(); }, shownAt: () => watch.shownAt };
})()`;

/**
 * Time save → frame showing the new text, `runs` times after one warm-up edit.
 * @param browser Chromium (see test/support/browser.ts)
 * @param root project folder (a scratch catalogue: its lesson is edited)
 * @param courseDir the course the preview opens first
 * @param runs measured edits
 */
export async function previewReload(browser: Browser, root: string, courseDir: string, runs: number): Promise<PreviewReloadFigures> {
  const lesson = firstLessonFile(courseDir);
  const original = readFileSync(lesson, 'utf8');
  const { preview, url } = await startPreviewProcess(root);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const frame = await courseFrame(page);
    // Open the edited lesson in the frame, as a reviewer editing it would have it open.
    const data = (await frame.evaluate(`JSON.parse(document.getElementById('course-data').textContent)`)) as { lessons: Array<{ id: string; title: string }> };
    const first = data.lessons[0];
    if (!first) throw new Error(`${courseDir} has no lessons in its package`);
    await frame.evaluate(`location.hash = ${JSON.stringify(`#/lesson/${first.id}`)}`);
    await untilTrue(frame, `Boolean(document.querySelector('article h1')) && document.querySelector('article h1').textContent.trim() === ${JSON.stringify(first.title.trim())}`, 30_000);

    const latency: number[] = [];
    const logged = () => [...preview.stdout().matchAll(/: rebuilt in ([\d.]+) ?(ms|s)\b/g)].map((m) => Number(m[1]) * (m[2] === 's' ? 1000 : 1));
    const rebuildBefore = logged().length;
    await page.evaluate(WATCH_FRAME);
    for (let i = 0; i <= runs; i++) {
      const marker = `Benchmark edit ${i} ${Date.now().toString(36)}`;
      await page.evaluate(`window.skillpackBench.expect(${JSON.stringify(marker)})`);
      const ahead = await pageClockAhead(page);
      const saved = wallNow();
      writeFileSync(lesson, withParagraph(original, marker));
      let shownAt: number | null = null;
      while (shownAt === null) {
        await sleep(20);
        shownAt = (await page.evaluate('window.skillpackBench.shownAt()')) as number | null;
        if (shownAt === null && wallNow() - saved > 30_000) {
          throw new Error(`the preview frame did not show the edited lesson within 30 s (${page.frame({ name: 'course' })?.url()}); the preview's output:\n${preview.stdout().trim().split('\n').slice(-10).join('\n')}`);
        }
      }
      // i = 0 is the warm-up edit.
      if (i > 0) latency.push(shownAt - ahead - saved);
      // Let the watcher settle, so edits are not batched together.
      await sleep(300);
    }
    // The warm-up edit's rebuild is left out, like its latency.
    const rebuilds = logged().slice(rebuildBefore + 1);
    return { course: path.basename(courseDir), lesson: first.id, latencyMs: stat(latency), rebuildMs: rebuilds.length ? stat(rebuilds) : null };
  } finally {
    writeFileSync(lesson, original);
    await context.close();
    await stopPreviewProcess(preview).catch(() => undefined);
  }
}
