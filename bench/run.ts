/**
 * `skillpack bench`: what users wait for, measured as the wall clock and peak
 * memory of the real `node src/bin.js …` process (Node's start-up included),
 * median and best of at least 3 runs, on today's catalogue and on one four
 * times its size; printed beside the targets and written as JSON to
 * bench/results/<timestamp>.json and bench/results/latest.json.
 *
 * Order matters on a 2-core machine: every measured process runs alone (nothing
 * else of the bench runs meanwhile), and the browser only drives the preview.
 */
import { arch, cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { catalogueCourses, coldBuilds, emptyProject } from './builds.js';
import { brokenCourses, copyCatalogue, markdownBytes, type CatalogueCopy } from './catalogue.js';
import { freshInstall, npmTest, type FreshInstallFigures, type TimedCommand } from './install.js';
import { COLD_ENV, discarded, fmt, processFigures, REPO, runColdOk, runNodeAlone, WARM_ENV, type ColdRun, type ProcessFigures } from './measure.js';
import { previewReload, previewStart, type PreviewReloadFigures, type PreviewStartFigures } from './preview.js';
import { checkTarget, formatTable, type CheckedTarget } from './report.js';
import { packageSizes, runtimeSizes, type PackageSize, type RuntimeSize } from './sizes.js';
import { tableRows } from './table.js';
import type { BrowserFigures } from './browser.js';

export interface BenchOptions {
  /** Project folder whose courses/ is the catalogue. */
  root: string;
  /** Measured runs per figure (at least 3). */
  runs: number;
  /** No `npm ci`, no first-lesson and exam figures, preview start warm and to the first page only. */
  quick: boolean;
  /** Time `npm test` too (minutes); also turned on by SKILLPACK_BENCH_WITH_TESTS=1. */
  withTests?: boolean;
  /** ANSI colours in the table. */
  color?: boolean;
  /** Progress lines (default: standard error). */
  progress?: (line: string) => void;
}

/** Every figure of one catalogue. */
export interface CatalogueFigures {
  /** 1 = today's catalogue, 4 = every course four times. */
  scale: number;
  courses: number;
  packages: number;
  markdownBytes: number;
  /** `build`, every course and target, SKILLPACK_NO_CACHE=1. */
  buildCold: ProcessFigures;
  /** `build` again with the course cache filled (a rebuild). */
  buildWarm: ProcessFigures;
  /** `build` into the folder of the last build, just after one lesson of one course was edited. */
  buildEdited: ProcessFigures;
  /** `check <the largest course>`, cold and warm. */
  checkCourse: string;
  checkCold: ProcessFigures;
  checkWarm: ProcessFigures;
  /** `check <the largest course>` just after one of its lessons was edited (the rest of the cache warm). */
  checkEdited: ProcessFigures;
  /** `--help` in the project folder. */
  help: ProcessFigures;
  /** `node -e 0`, measured beside `--help`: Node's own start-up, which every command pays. */
  nodeAlone: ProcessFigures;
  /** Not measured under --quick. */
  previewCold: PreviewStartFigures | null;
  previewWarm: PreviewStartFigures;
  previewReload: PreviewReloadFigures | null;
}

/** 4× over 1×: what the figure grows by when the content grows four times. */
export interface Growth {
  figure: string;
  /** Ratio of medians. */
  ratio: number;
  /** Ratio of medians minus the `--help` process's median (Node's start-up and the CLI's). */
  net: number;
}

/** Every figure, as written to JSON. */
export interface BenchResults {
  schema: 2;
  date: string;
  durationMs: number;
  options: { runs: number; quick: boolean; withTests: boolean };
  machine: {
    description: string;
    cpus: number;
    cpuModel: string;
    memoryMB: number;
    platform: string;
    release: string;
    arch: string;
    node: string;
    loadavgStart: number[];
    loadavgEnd: number[];
    busy: boolean;
    chromium: string | null;
  };
  notes: string[];
  catalogues: CatalogueFigures[];
  growth: Growth[];
  runtime: RuntimeSize[];
  /** Packages of the smallest useful course (one short lesson, no exam). */
  emptyCourse: PackageSize[];
  /** Packages of the largest catalogue course. */
  largestCourse: { course: string; packages: PackageSize[] };
  install: FreshInstallFigures | null;
  tests: TimedCommand | null;
  browser: BrowserFigures | null;
  targets: CheckedTarget[];
}

export type Progress = (line: string) => void;

/** Run `args` warm-up + runs times, each a fresh process, and summarise the measured runs. */
function repeated(label: string, args: string[], runs: number, warmup: number, env: Record<string, string>, progress: Progress): Promise<ProcessFigures> {
  return measuredRuns(label, runs, warmup, progress, () => runColdOk(args, label, env));
}

/** Call `once` warm-up + runs times and summarise the measured runs. */
async function measuredRuns(label: string, runs: number, warmup: number, progress: Progress, once: () => Promise<ColdRun>): Promise<ProcessFigures> {
  const measured: ColdRun[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    progress(`${label}: ${i < warmup ? 'warm-up' : `run ${i - warmup + 1}/${runs}`}`);
    const run = await once();
    if (i >= warmup) measured.push(run);
  }
  return processFigures(measured);
}

/** Every process figure of one catalogue. */
async function measureCatalogue(catalogue: CatalogueCopy, checkCourse: string, work: string, runs: number, quick: boolean, browser: Browser | null, progress: Progress, notes: string[]): Promise<CatalogueFigures> {
  const { root } = catalogue;
  const tag = `${catalogue.copies}×`;
  const help = await repeated(`${tag} --help`, ['-C', root, '--help'], runs, 1, COLD_ENV, progress);
  // Node's start-up, with nothing of skillpack.
  const nodeAlone = await measuredRuns(`${tag} node -e 0`, runs, 1, progress, runNodeAlone);
  const checkDir = path.join(root, 'courses', checkCourse);
  const checkCold = await repeated(`${tag} check ${checkCourse}, cold`, ['-C', root, 'check', checkDir], runs, 1, COLD_ENV, progress);
  // The first warm run fills the course cache for this copy of the course.
  const checkWarm = await repeated(`${tag} check ${checkCourse}, warm`, ['-C', root, 'check', checkDir], runs, 1, WARM_ENV, progress);
  // An author's loop: save a lesson, check the course. The first run makes the course one being edited.
  const lesson = firstLesson(checkDir);
  const edited = (args: string[], what: string) => () => {
    appendFileSync(lesson, `\n编辑 ${Date.now()}。\n`);
    return runColdOk(args, what, WARM_ENV);
  };
  const checkEdited = await measuredRuns(`${tag} check ${checkCourse} after an edit`, runs, 1, progress, edited(['-C', root, 'check', checkDir], `check ${checkCourse} after an edit`));
  const cold = await coldBuilds(root, work, runs, 1, `${tag} build, cold`, progress, [], COLD_ENV);
  const warm = await coldBuilds(root, work, runs, 1, `${tag} build, warm`, progress, [], WARM_ENV);
  // …and build the catalogue again into the same folder (the warm-up builds all of it).
  const editedOut = path.join(work, `${tag}-build-after-edit`);
  const buildEdited = await measuredRuns(`${tag} build after an edit`, runs, 1, progress, edited(['build', '-C', root, '--out', editedOut], 'build after an edit'));
  rmSync(editedOut, { recursive: true, force: true });
  const first = path.basename(catalogue.courses[0]!);
  let previewCold: PreviewStartFigures | null = null;
  if (!quick) {
    progress(`${tag} preview start, cold`);
    previewCold = await previewStart(root, first, runs, 0, COLD_ENV);
  }
  progress(`${tag} preview start, warm`);
  const previewWarm = await previewStart(root, first, runs, 1, WARM_ENV, !quick);
  let reload: PreviewReloadFigures | null = null;
  if (browser) {
    progress(`${tag} preview save → frame shows the new text`);
    reload = await previewReload(browser, root, catalogue.courses[0]!, runs);
  } else if (catalogue.copies === 1) {
    notes.push('preview save → frame shows the new text NOT measured: Chromium did not start');
  }
  return {
    scale: catalogue.copies,
    courses: cold.courses,
    packages: cold.packages,
    markdownBytes: catalogue.markdownBytes,
    buildCold: { wallMs: cold.wallMs, cpuMs: cold.cpuMs, maxRssMB: cold.maxRssMB },
    buildWarm: { wallMs: warm.wallMs, cpuMs: warm.cpuMs, maxRssMB: warm.maxRssMB },
    buildEdited,
    checkCourse,
    checkCold,
    checkWarm,
    checkEdited,
    help,
    nodeAlone,
    previewCold,
    previewWarm,
    previewReload: reload,
  };
}

/** A course's first lesson file. */
function firstLesson(courseDir: string): string {
  const name = readdirSync(path.join(courseDir, 'lessons')).filter((f) => f.endsWith('.md')).sort()[0];
  if (!name) throw new Error(`no lesson in ${courseDir}`);
  return path.join(courseDir, 'lessons', name);
}

/** Growth of each figure from the 1× to the 4× catalogue. */
function growthOf(small: CatalogueFigures, large: CatalogueFigures): Growth[] {
  const base = small.help.wallMs.median;
  const pairs: Array<[string, number, number, number]> = [
    ['build, cold: wall time', small.buildCold.wallMs.median, large.buildCold.wallMs.median, base],
    ['build, cold: CPU time', small.buildCold.cpuMs.median, large.buildCold.cpuMs.median, small.help.cpuMs.median],
    ['build, cold: peak memory', small.buildCold.maxRssMB.median, large.buildCold.maxRssMB.median, small.help.maxRssMB.median],
    ['build, warm: wall time', small.buildWarm.wallMs.median, large.buildWarm.wallMs.median, base],
    ['build, warm: CPU time', small.buildWarm.cpuMs.median, large.buildWarm.cpuMs.median, small.help.cpuMs.median],
    ['check one course, cold: wall time', small.checkCold.wallMs.median, large.checkCold.wallMs.median, base],
    ['preview start → first page', small.previewWarm.firstPageMs.median, large.previewWarm.firstPageMs.median, base],
  ];
  if (small.previewWarm.allBuiltMs && large.previewWarm.allBuiltMs) pairs.push(['preview start → every course built', small.previewWarm.allBuiltMs.median, large.previewWarm.allBuiltMs.median, base]);
  if (small.previewReload && large.previewReload) pairs.push(['preview save → frame shows the new text', small.previewReload.latencyMs.median, large.previewReload.latencyMs.median, 0]);
  return pairs.map(([figure, from, to, startup]) => ({ figure, ratio: to / from, net: (to - startup) / Math.max(1e-9, from - startup) }));
}

/** The machine, in one line. */
function describeMachine(): string {
  const cpu = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB, ${platform()} ${release()} ${arch()}, Node ${process.version}`;
}

/** Run the benchmark; returns the results (also written to bench/results/). */
export async function runBench(options: BenchOptions): Promise<{ results: BenchResults; table: string; file: string }> {
  const started = performance.now();
  const progress = options.progress ?? ((line: string) => process.stderr.write(`bench: ${line}\n`));
  const root = path.resolve(options.root);
  // At least 3 runs per figure, so a median and a best mean something; --quick keeps to 3.
  const runs = options.quick ? 3 : Math.max(3, Math.floor(options.runs));
  const withTests = options.withTests ?? Boolean(process.env.SKILLPACK_BENCH_WITH_TESTS);
  const loadavgStart = loadavg();
  const notes: string[] = [];
  const busy = loadavgStart[0]! > cpus().length * 0.5;
  if (busy) {
    notes.push(`BUSY MACHINE: load average ${loadavgStart[0]!.toFixed(2)} on ${cpus().length} CPUs when the bench started; other work shares the cores, so wall times are inflated (CPU times less so)`);
    progress(`warning: the machine is busy (load average ${loadavgStart.map((l) => l.toFixed(2)).join(', ')} on ${cpus().length} CPUs): wall-clock figures will be inflated`);
  }
  notes.push('every figure is a fresh `node src/bin.js …` process timed from spawn to exit (or to the page served), Node start-up included; cold = SKILLPACK_NO_CACHE=1 (every course parsed), warm = the course cache filled by an unmeasured run; the compiled CLI bundle and the runtime bundles in node_modules/.cache/skillpack are warm in both');

  const courses = catalogueCourses(root);
  if (courses.length === 0) throw new Error(`no courses in ${root}: run the bench in a project folder (or pass -C <dir>)`);
  // Courses with errors (being edited) are left out of everything measured, so every build succeeds.
  progress('checking the catalogue');
  const broken = new Set(await brokenCourses(root));
  if (broken.size) notes.push(`left out of the measured catalogues, since \`skillpack check\` finds errors in them: ${[...broken].join(', ')}`);
  const healthy = courses.filter((dir) => !broken.has(path.basename(dir)));
  if (healthy.length === 0) throw new Error(`every course in ${root} has errors: run \`skillpack check\``);
  const largest = [...healthy].sort((a, b) => markdownBytes(b) - markdownBytes(a))[0]!;
  const checkCourse = path.basename(largest);
  const work = mkdtempSync(path.join(tmpdir(), 'skillpack-bench-'));
  let browser: Browser | null = null;
  try {
    try {
      const { launchBrowser } = await import('../test/support/browser.js');
      browser = await launchBrowser();
    } catch (error) {
      progress(`Chromium did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }

    // 1. Today's catalogue and one four times its size, each a scratch copy (the preview edits a lesson).
    const catalogues: CatalogueFigures[] = [];
    for (const copies of [1, 4]) {
      progress(`${copies}× catalogue: copying`);
      const copy = copyCatalogue(root, path.join(work, `catalogue-${copies}x`), copies, broken);
      catalogues.push(await measureCatalogue(copy, checkCourse, work, runs, options.quick, browser, progress, notes));
      rmSync(copy.root, { recursive: true, force: true });
    }
    const growth = growthOf(catalogues[0]!, catalogues[1]!);
    if (options.quick) notes.push('--quick: preview start measured warm only, up to the first page (peak memory of the start, not of every course built); no `npm ci`, no first-lesson and exam figures');

    // 2. What learners download.
    progress('runtime and package sizes');
    const runtime = await runtimeSizes();
    const emptyRoot = emptyProject(work);
    const emptyOut = path.join(work, 'empty-out');
    await runColdOk(['build', '-C', emptyRoot, '--out', emptyOut], 'empty course');
    const emptyCourse = packageSizes(emptyOut, 'empty');
    const largestOut = path.join(work, 'largest-out');
    await runColdOk(['build', largest, '-C', root, '--out', largestOut], checkCourse);
    const largestCourse = { course: checkCourse, packages: packageSizes(largestOut, checkCourse) };

    // 3. Chromium: first lesson and exam submit (issue 7's runtime figures).
    let browserFigs: BrowserFigures | null = null;
    if (!options.quick) {
      try {
        const { browserFigures } = await import('./browser.js');
        browserFigs = await browserFigures(root, largest, runs, progress);
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        notes.push(`first-lesson and exam figures NOT measured: ${reason}`);
        progress(`browser figures failed: ${reason}`);
      }
    }
    const chromium = browser?.version() ?? null;
    await browser?.close();
    browser = null;

    // 4. Contributors: a fresh install, and the test suite.
    let install: FreshInstallFigures | null = null;
    if (options.quick) {
      notes.push('`npm ci` in a fresh copy NOT measured (--quick)');
    } else {
      progress('npm ci in a fresh copy of the repository');
      install = await freshInstall();
      if (install.ci.exitCode !== 0) notes.push(`npm ci failed (exit ${install.ci.exitCode}):\n${install.ci.tail ?? ''}`);
    }
    let tests: TimedCommand | null = null;
    if (withTests) {
      progress('npm test (minutes)');
      tests = await npmTest();
      if (tests.exitCode !== 0) notes.push(`npm test failed (exit ${tests.exitCode}): its time is not a passing run's`);
    } else {
      notes.push('`npm test` NOT measured: set SKILLPACK_BENCH_WITH_TESTS=1 to time it (minutes)');
    }

    if (discarded.count) notes.push(`${discarded.count} runs were repeated because the CLI or the players were compiled again during them (src/ changed meanwhile)`);
    const loadavgEnd = loadavg();
    const rows = tableRows({ catalogues, growth, runtime, emptyCourse, largestCourse, install, tests, browser: browserFigs });
    const targets = rows.map(checkTarget).filter((t): t is CheckedTarget => t !== null);
    const results: BenchResults = {
      schema: 2,
      date: new Date().toISOString(),
      durationMs: performance.now() - started,
      options: { runs, quick: options.quick, withTests },
      machine: {
        description: describeMachine(),
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryMB: Math.round(totalmem() / 1024 / 1024),
        platform: platform(),
        release: release(),
        arch: arch(),
        node: process.version,
        loadavgStart,
        loadavgEnd,
        busy,
        chromium,
      },
      notes,
      catalogues,
      growth,
      runtime,
      emptyCourse,
      largestCourse,
      install,
      tests,
      browser: browserFigs,
      targets,
    };
    const header = [
      `skillpack bench · ${results.date} · ${results.machine.description}`,
      `${runs} runs per figure (median, best, worst) after an unmeasured warm-up · load average ${loadavgStart.map((l) => l.toFixed(2)).join(' ')} at start → ${loadavgEnd.map((l) => l.toFixed(2)).join(' ')} at end`,
      ...notes.map((n) => `note: ${n}`),
      '',
    ].join('\n');
    const passed = targets.filter((t) => t.pass).length;
    const missed = targets.filter((t) => !t.pass).map((t) => t.id);
    const table = `${header}${formatTable(rows, options.color ?? false)}\n\n${passed} of ${targets.length} targets met${missed.length ? ` (not met: ${missed.join(', ')})` : ''} · ${fmt.ms(results.durationMs)} in all`;
    const file = writeResults(results);
    return { results, table, file };
  } finally {
    await browser?.close();
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
