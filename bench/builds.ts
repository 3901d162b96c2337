/**
 * Catalogue builds, each run a fresh `node src/bin.js build` into an empty output
 * folder, measured from outside.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { courseFolders } from '../src/catalogue.js';
import { loadProject } from '../src/course/config.js';
import { COLD_ENV, runColdOk, stat, type ColdRun, type Stat } from './measure.js';
import { writeEmptyCourse } from './stress-course.js';

/** Figures of a repeated cold build. */
export interface BuildFigures {
  wallMs: Stat;
  cpuMs: Stat;
  maxRssMB: Stat;
  packagesPerSecond: Stat;
  packages: number;
  courses: number;
}

export type Progress = (line: string) => void;

/** The catalogue's course folders (absolute), as `skillpack build` finds them. */
export function catalogueCourses(root: string): string[] {
  return courseFolders(loadProject(root));
}

/** Packages a build wrote: one zip per zip target and one web folder per course. */
function countPackages(out: string): number {
  let count = 0;
  for (const course of readdirSync(out, { withFileTypes: true })) {
    if (!course.isDirectory() || course.name.startsWith('.')) continue;
    for (const entry of readdirSync(path.join(out, course.name), { withFileTypes: true })) {
      if (entry.name.endsWith('.zip') || entry.name === 'web') count++;
    }
  }
  return count;
}

/**
 * Build `root`'s catalogue (or the given courses) `warmup + runs` times, each in a fresh process into a fresh folder.
 * @param root project folder
 * @param work scratch folder for outputs
 * @param runs measured runs
 * @param warmup unmeasured runs first (file cache, runtime bundle cache)
 * @param label for progress lines
 * @param select CLI arguments choosing courses and targets (default: all of them)
 * @param env COLD_ENV (parse everything) or WARM_ENV (the course cache may answer)
 */
export async function coldBuilds(root: string, work: string, runs: number, warmup: number, label: string, progress: Progress, select: string[] = [], env: Record<string, string> = COLD_ENV): Promise<BuildFigures & { runs: ColdRun[] }> {
  const measured: ColdRun[] = [];
  let packages = 0;
  let courses = 0;
  for (let i = 0; i < warmup + runs; i++) {
    const base = path.join(work, `${label.replace(/\W+/g, '-')}-${i}`);
    const out = path.join(base, 'out');
    mkdirSync(base, { recursive: true });
    progress(`${label}: ${i < warmup ? 'warm-up' : `run ${i - warmup + 1}/${runs}`}`);
    const run = await runColdOk(['build', ...select, '-C', root, '--out', out], label, env);
    packages = countPackages(out);
    courses = readdirSync(out, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).length;
    rmSync(base, { recursive: true, force: true });
    if (i >= warmup) measured.push(run);
  }
  return {
    wallMs: stat(measured.map((r) => r.wallMs)),
    cpuMs: stat(measured.map((r) => r.cpuMs)),
    maxRssMB: stat(measured.map((r) => r.maxRssMB)),
    packagesPerSecond: stat(measured.map((r) => packages / (r.wallMs / 1000))),
    packages,
    courses,
    runs: measured,
  };
}

/**
 * A project with the smallest useful course (one short lesson, no exam).
 * @param work scratch folder
 */
export function emptyProject(work: string): string {
  const root = path.join(work, 'empty-project');
  rmSync(root, { recursive: true, force: true });
  writeEmptyCourse(root, 'empty');
  return root;
}
