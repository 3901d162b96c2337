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
import { fmt, REPO, runColdOk, stat, WARM_ENV, type Stat } from './measure.js';
import { previewLatency, type PreviewFigures } from './preview.js';
import { checkTarget, formatTable, type CheckedTarget } from './report.js';
import { tableRows } from './table.js';
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

export interface StressFigures extends Omit<BuildFigures, 'packagesPerSecond'> {
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
  /** The same build with the content-hash cache of course models filled (a rebuild). */
  warmCatalogue: BuildFigures;
  /** The largest catalogue course to one format (scorm12): what peers' figures are quoted for. */
  oneCourse: BuildFigures & { course: string; target: 'scorm12' };
  emptyCourse: { wallMs: Stat; cpuMs: Stat; maxRssMB: Stat; packages: PackageSize[] };
  stress: StressFigures[];
  /** Ratios of medians per doubling; "net" ones subtract the empty course's figure (start-up) from both sides. */
  scaling: Array<{ from: number; to: number; wall: number; wallNet: number; cpu: number; cpuNet: number; memory: number; memoryNet: number }>;
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
  if (courses.length === 0) throw new Error(`no courses in ${root}: run the bench in a project folder (or pass -C <dir>)`);
  const largest = [...courses].sort((a, b) => markdownBytes(b) - markdownBytes(a))[0]!;
  const work = mkdtempSync(path.join(tmpdir(), 'skillpack-bench-'));
  try {
    // 1. Whole catalogue, every target, cold. The warm-up also fills the runtime bundle cache.
    const catalogue = await coldBuilds(root, work, runs, 1, 'catalogue build', progress);
    notes.push('cold = a fresh `node src/bin.js build` process per run into an empty folder (Node and tsx start-up included), every course parsed (SKILLPACK_NO_CACHE=1); the runtime bundle cache in node_modules/.cache/skillpack stays warm, so Vite does not run');
    // The same with the content-hash cache of course models filled: what a rebuild after an edit costs.
    const warmCatalogue = withoutRuns(await coldBuilds(root, work, runs, 1, 'catalogue build, warm cache', progress, [], WARM_ENV));

    // One real course to one format, as other tools are usually timed.
    const oneCourse = { course: path.basename(largest), target: 'scorm12' as const, ...withoutRuns(await coldBuilds(root, work, runs, 0, `${path.basename(largest)} → scorm12`, progress, [largest, '-t', 'scorm12'])) };

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
      const project = await stressProject(work, scale, scale === 1);
      const figures = await coldBuilds(project.root, work, scale === 1 ? runs : scaleRuns, 0, `stress ${scale}× build`, progress);
      const { dir: _dir, ...course } = project.course;
      stress.push({ scale, course, ...withoutRuns(figures) });
      rmSync(project.root, { recursive: true, force: true });
    }
    const ratio = (to: Stat, from: Stat, base = 0) => (to.median - base) / (from.median - base);
    const scaling = stress.slice(1).map((s, i) => {
      const prev = stress[i]!;
      return {
        from: prev.scale,
        to: s.scale,
        wall: ratio(s.wallMs, prev.wallMs),
        wallNet: ratio(s.wallMs, prev.wallMs, emptyCourse.wallMs.median),
        cpu: ratio(s.cpuMs, prev.cpuMs),
        cpuNet: ratio(s.cpuMs, prev.cpuMs, emptyCourse.cpuMs.median),
        memory: ratio(s.maxRssMB, prev.maxRssMB),
        memoryNet: ratio(s.maxRssMB, prev.maxRssMB, emptyCourse.maxRssMB.median),
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
      try {
        const { browserFigures } = await import('./browser.js');
        browser = await browserFigures(root, largest, runs, progress);
      } catch (error) {
        // The other figures are still worth having; the table says what is missing and why.
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        notes.push(`browser figures NOT measured: ${reason}`);
        progress(`browser figures failed: ${reason}`);
      }
    }

    const loadavgEnd = loadavg();
    const rows = tableRows({ catalogue, warmCatalogue, oneCourse, emptyCourse, stress, scaling, preview, runtime, browser });
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
      warmCatalogue,
      oneCourse,
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

/** Read a results file (for comparing runs). */
export function readResults(file: string): BenchResults {
  return JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
}
