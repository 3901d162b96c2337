/**
 * `skillpack bench`: measure build speed, package size and runtime speed; print
 * a table with the targets of issue 7 and write every figure as JSON to
 * bench/results/<timestamp>.json and bench/results/latest.json.
 *
 * Order matters for a 2-core machine: every build runs alone (nothing else of the
 * bench runs meanwhile), and the browser comes last.
 */
import { cpus, loadavg, platform, release, arch, totalmem, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { catalogueCourses, coldBuilds, emptyProject, stressProject, type BuildFigures } from './builds.js';
import { fmt, REPO, runColdOk, stat, type Stat } from './measure.js';
import { previewLatency, type PreviewFigures } from './preview.js';
import { checkTarget, formatTable, type CheckedTarget, type Row } from './report.js';
import { packageSizes, runtimeSizes, type PackageSize, type RuntimeSize } from './sizes.js';
import type { BrowserFigures } from './browser.js';
import type { StressCourse } from './stress-course.js';

export interface BenchOptions {
  /** Project folder whose courses/ is the catalogue. */
  root: string;
  /** Measured runs per figure. */
  runs: number;
  /** Two runs, no 4× stress course, no browser figures. */
  quick: boolean;
  /** ANSI colours in the table. */
  color?: boolean;
  /** Progress lines (default: standard error). */
  progress?: (line: string) => void;
}

interface StressFigures extends Omit<BuildFigures, 'packagesPerSecond'> {
  scale: number;
  course: Omit<StressCourse, 'dir'>;
}

/** Every figure, as written to JSON. */
export interface BenchResults {
  schema: 1;
  date: string;
  durationMs: number;
  options: { runs: number; quick: boolean; scaleRuns: number };
  machine: {
    cpus: number;
    cpuModel: string;
    memoryMB: number;
    platform: string;
    release: string;
    arch: string;
    node: string;
    loadavgStart: number[];
    loadavgEnd: number[];
    chromium: string | null;
  };
  notes: string[];
  catalogue: BuildFigures & { root: string };
  emptyCourse: { wallMs: Stat; cpuMs: Stat; maxRssMB: Stat; packages: PackageSize[] };
  stress: StressFigures[];
  scaling: Array<{ from: number; to: number; wall: number; wallNetOfStartup: number; cpu: number; memory: number }>;
  preview: PreviewFigures;
  runtime: RuntimeSize[];
  browser: BrowserFigures | null;
  targets: CheckedTarget[];
}

/** Markdown bytes of a course folder (lessons and banks), to pick the largest real course. */
function markdownBytes(dir: string): number {
  let total = 0;
  for (const sub of ['lessons', 'banks']) {
    try {
      for (const name of readdirSync(path.join(dir, sub))) if (name.endsWith('.md')) total += statSync(path.join(dir, sub, name)).size;
    } catch {
      // No banks: fine.
    }
  }
  return total;
}

const withoutRuns = <T extends { runs?: unknown }>(figures: T): Omit<T, 'runs'> => {
  const { runs: _runs, ...rest } = figures;
  return rest;
};

/** Run the benchmark; returns the results (also written to bench/results/). */
export async function runBench(options: BenchOptions): Promise<{ results: BenchResults; table: string; file: string }> {
  const started = performance.now();
  const progress = options.progress ?? ((line: string) => process.stderr.write(`bench: ${line}\n`));
  const root = path.resolve(options.root);
  const runs = options.quick ? Math.min(2, Math.max(1, options.runs)) : Math.max(1, Math.floor(options.runs));
  // The 2× and 4× builds take the longest; fewer runs keep the bench within a few minutes.
  const scaleRuns = Math.max(Math.min(2, runs), Math.ceil(runs / 2));
  const loadavgStart = loadavg();
  const notes: string[] = [];
  if (loadavgStart[0]! > cpus().length * 0.5) {
    notes.push(`the machine was busy when the bench started (load average ${loadavgStart[0]!.toFixed(2)} on ${cpus().length} CPUs): wall times are inflated`);
  }

  const courses = catalogueCourses(root);
  if (courses.length === 0) throw new Error(`no courses in ${path.join(root, 'courses')}: run the bench in a project folder (or pass -C <dir>)`);
  const largest = courses.map((c) => path.join(root, 'courses', c)).sort((a, b) => markdownBytes(b) - markdownBytes(a))[0]!;
  const work = mkdtempSync(path.join(tmpdir(), 'skillpack-bench-'));
  try {
    // 1. Whole catalogue, every target, cold. The warm-up also fills the runtime bundle cache.
    const catalogue = await coldBuilds(root, work, runs, 1, 'catalogue build', progress);
    notes.push('cold = a fresh `node src/bin.js build` process per run into an empty folder (Node and tsx start-up included); the runtime bundle cache in node_modules/.cache/skillpack stays warm, so Vite does not run');

    // 2. The smallest course: the fixed cost of any build (start-up) and the package sizes.
    const emptyRoot = emptyProject(work);
    progress('empty course: builds');
    const emptyRuns = [];
    const emptyOut = path.join(work, 'empty-out');
    for (let i = 0; i < runs; i++) {
      rmSync(emptyOut, { recursive: true, force: true });
      emptyRuns.push(await runColdOk(['build', '-C', emptyRoot, '--out', emptyOut], 'empty course'));
    }
    const emptyCourse = {
      wallMs: stat(emptyRuns.map((r) => r.wallMs)),
      cpuMs: stat(emptyRuns.map((r) => r.cpuMs)),
      maxRssMB: stat(emptyRuns.map((r) => r.maxRssMB)),
      packages: packageSizes(emptyOut, 'empty'),
    };

    // 3. Stress courses at 1×, 2× (and 4×), checked once at 1×.
    const stress: StressFigures[] = [];
    for (const scale of options.quick ? [1, 2] : [1, 2, 4]) {
      progress(`stress ${scale}×: generating`);
      const project = stressProject(work, scale, scale === 1);
      const figures = await coldBuilds(project.root, work, scale === 1 ? runs : scaleRuns, 0, `stress ${scale}× build`, progress);
      const { dir: _dir, ...course } = project.course;
      stress.push({ scale, course, ...withoutRuns(figures) });
      rmSync(project.root, { recursive: true, force: true });
    }
    const startup = emptyCourse.wallMs.median;
    const scaling = stress.slice(1).map((s, i) => {
      const prev = stress[i]!;
      return {
        from: prev.scale,
        to: s.scale,
        wall: s.wallMs.median / prev.wallMs.median,
        wallNetOfStartup: (s.wallMs.median - startup) / (prev.wallMs.median - startup),
        cpu: s.cpuMs.median / prev.cpuMs.median,
        memory: s.maxRssMB.median / prev.maxRssMB.median,
      };
    });

    // 4. Preview: save → served.
    progress(`preview: editing ${path.basename(largest)}`);
    const preview = await previewLatency(largest, runs);
    if (preview.fallbackReason) notes.push(`the preview server could not start (${preview.fallbackReason}); measured the in-process rebuild instead`);

    // 5. Sizes.
    progress('runtime sizes');
    const runtime = await runtimeSizes();

    // 6. Chromium.
    let browser: BrowserFigures | null = null;
    if (!options.quick) {
      const { browserFigures } = await import('./browser.js');
      browser = await browserFigures(root, largest, runs, progress);
    }

    const loadavgEnd = loadavg();
    const rows = tableRows({ catalogue, courses: courses.length, emptyCourse, stress, scaling, preview, runtime, browser, largest: path.basename(largest) });
    const targets = rows.map(checkTarget).filter((t): t is CheckedTarget => t !== null);
    const results: BenchResults = {
      schema: 1,
      date: new Date().toISOString(),
      durationMs: performance.now() - started,
      options: { runs, quick: options.quick, scaleRuns },
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryMB: Math.round(totalmem() / 1024 / 1024),
        platform: platform(),
        release: release(),
        arch: arch(),
        node: process.version,
        loadavgStart,
        loadavgEnd,
        chromium: browser?.chromium ?? null,
      },
      notes,
      catalogue: { root, ...withoutRuns(catalogue) },
      emptyCourse,
      stress,
      scaling,
      preview,
      runtime,
      browser,
      targets,
    };
    const header = [
      `skillpack bench · ${results.date} · node ${process.version} · ${results.machine.cpus} × ${results.machine.cpuModel} · ${results.machine.memoryMB} MB`,
      `runs: ${runs} per figure (2× and 4× stress: ${scaleRuns}); builds after one unmeasured warm-up build, preview and browser after one unmeasured edit or page · load average ${loadavgStart[0]!.toFixed(2)} → ${loadavgEnd[0]!.toFixed(2)}`,
      ...notes.map((n) => `note: ${n}`),
      '',
    ].join('\n');
    const passed = targets.filter((t) => t.pass).length;
    const table = `${header}${formatTable(rows, options.color ?? false)}\n\n${passed} of ${targets.length} targets met · ${fmt.ms(results.durationMs)} in all`;
    const file = writeResults(results);
    return { results, table, file };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** bench/results/<timestamp>.json and latest.json. */
function writeResults(results: BenchResults): string {
  const dir = path.join(REPO, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  // An ISO timestamp, with ':' replaced so the name is valid on every file system.
  const file = path.join(dir, `${results.date.replace(/:/g, '-')}.json`);
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(path.join(dir, 'latest.json'), json);
  return file;
}

interface TableInput {
  catalogue: BuildFigures;
  courses: number;
  emptyCourse: BenchResults['emptyCourse'];
  stress: StressFigures[];
  scaling: BenchResults['scaling'];
  preview: PreviewFigures;
  runtime: RuntimeSize[];
  browser: BrowserFigures | null;
  largest: string;
}

const XAPI_ENTRIES = new Set(['xapi', 'cmi5']);

function tableRows(input: TableInput): Row[] {
  const { catalogue, emptyCourse, stress, scaling, preview, runtime, browser } = input;
  const ms = fmt.ms;
  const mb = fmt.mb;
  const kb = fmt.kb;
  const rows: Row[] = [
    { label: `Catalogue: ${catalogue.courses} courses × 5 targets = ${catalogue.packages} packages, cold (fresh process per run)` },
    { label: '  wall time', stat: catalogue.wallMs, format: ms, target: { below: 3000, text: '3 s' } },
    { label: '  CPU time (user+system)', stat: catalogue.cpuMs, format: ms },
    { label: '  peak memory (max RSS)', stat: catalogue.maxRssMB, format: mb, target: { below: 250, text: '250 MB' } },
    { label: '  packages per second', stat: catalogue.packagesPerSecond, format: (n) => n.toFixed(1) },
    { label: '  start-up: empty course, 5 targets', stat: emptyCourse.wallMs, format: ms, note: `${mb(emptyCourse.maxRssMB.median)} peak` },
  ];
  for (const s of stress) {
    const c = s.course;
    rows.push({ label: `Stress course ${s.scale}×: ${c.lessons} lessons, ${(c.bankQuestions + c.practiceQuestions).toLocaleString('en')} questions (9 types), ${c.images} images × 5 targets` });
    rows.push({ label: '  wall time', stat: s.wallMs, format: ms, target: s.scale === 1 ? { below: 5000, text: '5 s' } : undefined });
    rows.push({ label: '  CPU time (user+system)', stat: s.cpuMs, format: ms });
    rows.push({ label: '  peak memory (max RSS)', stat: s.maxRssMB, format: mb, target: s.scale === 1 ? { below: 500, text: '500 MB' } : undefined });
  }
  if (scaling.length) {
    rows.push({ label: 'Growth per doubling (2.00× = linear)' });
    for (const g of scaling) {
      rows.push({ label: `  ${g.from}× → ${g.to}× wall time`, value: g.wall, format: fmt.ratio, note: `${fmt.ratio(g.wallNetOfStartup)} net of start-up` });
      rows.push({ label: `  ${g.from}× → ${g.to}× CPU time`, value: g.cpu, format: fmt.ratio });
      rows.push({ label: `  ${g.from}× → ${g.to}× peak memory`, value: g.memory, format: fmt.ratio });
    }
  }
  rows.push({ label: `Preview (${preview.course})` });
  rows.push({ label: `  ${preview.kind === 'save-to-served' ? 'save a lesson → new text served' : 'rebuild of one course (in process)'}`, stat: preview.latencyMs, format: ms, target: { below: 150, text: '150 ms' } });
  if (preview.rebuildMs) rows.push({ label: '  of which the rebuild (preview\'s own timing)', stat: preview.rebuildMs, format: ms });

  rows.push({ label: 'Runtime per entry: JS + CSS, gzip -9 (raw)' });
  for (const r of runtime) {
    const xapi = XAPI_ENTRIES.has(r.entry);
    rows.push({
      label: `  ${r.entry}`,
      value: r.totalGzip,
      format: kb,
      target: xapi ? undefined : { below: 30 * 1024, text: '30 KB' },
      note: `js ${kb(r.jsGzip)} (${kb(r.jsBytes)}) + css ${kb(r.cssGzip)} (${kb(r.cssBytes)})${xapi ? ' · carries the @xapi/xapi client, no target' : ''}`,
    });
  }
  rows.push({ label: 'Empty course (one short lesson, no exam): package size' });
  for (const p of emptyCourse.packages) {
    const folder = p.kind === 'folder';
    rows.push({ label: `  ${p.target}`, value: p.bytes, format: kb, target: folder ? undefined : { below: 50 * 1024, text: '50 KB' }, note: folder ? 'folder, uncompressed: not a zip' : undefined });
  }
  if (browser) {
    rows.push({ label: `Chromium ${browser.chromium}: fresh page per run` });
    rows.push({ label: `  first lesson rendered (${browser.firstLesson.course}, web)`, stat: browser.firstLesson.headingMs, format: ms, target: { below: 300, text: '300 ms' }, note: 'navigation start → heading in DOM' });
    rows.push({ label: '  first contentful paint', stat: browser.firstLesson.fcpMs, format: ms });
    rows.push({ label: `  score + report ${browser.exam.questions}-question exam (scorm2004)`, stat: browser.exam.submitMs, format: ms, target: { below: 50, text: '50 ms' }, note: `click → results in DOM, ${browser.exam.interactions} interactions at the LMS` });
    rows.push({ label: '  … to the next frame', stat: browser.exam.nextFrameMs, format: ms, note: 'style, layout and paint of the results' });
  }
  return rows;
}

/** Read a results file (for comparing runs). */
export function readResults(file: string): BenchResults {
  return JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
}
