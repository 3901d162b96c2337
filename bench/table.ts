/**
 * What the bench prints: sections and rows, each figure beside its target
 * (the performance issue's targets: same limits for today's catalogue and the
 * one four times its size).
 */
import type { BrowserFigures } from './browser.js';
import type { FreshInstallFigures, TimedCommand } from './install.js';
import { fmt, type ProcessFigures } from './measure.js';
import type { Row, Target } from './report.js';
import type { CatalogueFigures, Growth } from './run.js';
import type { PackageSize, RuntimeSize } from './sizes.js';

export interface TableInput {
  catalogues: CatalogueFigures[];
  growth: Growth[];
  runtime: RuntimeSize[];
  emptyCourse: PackageSize[];
  largestCourse: { course: string; packages: PackageSize[] };
  install: FreshInstallFigures | null;
  tests: TimedCommand | null;
  browser: BrowserFigures | null;
}

const { ms, mb, kb } = fmt;

/** Wall time (with a target) and peak memory (with a target or not) of one command. */
function processRows(label: string, figures: ProcessFigures, id: string, wall?: Omit<Target, 'id'>, memory?: Omit<Target, 'id'>): Row[] {
  return [
    { label: `  ${label}`, stat: figures.wallMs, format: ms, target: wall && { id: `${id}.wall`, ...wall }, note: `CPU ${ms(figures.cpuMs.median)}` },
    { label: `    peak memory (max RSS)`, stat: figures.maxRssMB, format: mb, target: memory && { id: `${id}.peak-memory`, ...memory } },
  ];
}

/** The rows of the printed table, targets included. */
export function tableRows(input: TableInput): Row[] {
  const rows: Row[] = [];
  for (const c of input.catalogues) {
    const scale = `${c.scale}x`;
    const today = c.scale === 1 ? "today's catalogue" : `the catalogue × ${c.scale} (every course copied under new ids)`;
    rows.push({ label: `${today}: ${c.courses} courses, ${(c.markdownBytes / 1024).toFixed(0)} KB of Markdown → ${c.packages} packages` });
    rows.push(...processRows('build, cold (no course cache)', c.buildCold, `${scale}.build-cold`, { below: 2000, text: '2 s' }, { below: 150, text: '150 MB' }));
    rows.push(...processRows('build, warm (course cache filled)', c.buildWarm, `${scale}.build-warm`, { below: 1000, text: '1 s' }));
    rows.push(...processRows('build again after editing a lesson of one course', c.buildEdited, `${scale}.build-edited`, { below: 1000, text: '1 s' }));
    rows.push(...processRows(`check ${c.checkCourse}, cold`, c.checkCold, `${scale}.check-cold`, { below: 300, text: '300 ms' }));
    rows.push(...processRows(`check ${c.checkCourse}, warm`, c.checkWarm, `${scale}.check-warm`, { below: 300, text: '300 ms' }));
    rows.push(...processRows(`check ${c.checkCourse} after editing a lesson`, c.checkEdited, `${scale}.check-edited`, { below: 300, text: '300 ms' }));
    rows.push(...processRows('--help', c.help, `${scale}.help`, { below: 150, text: '150 ms' }));
    rows.push({ label: "    Node's own start-up (node -e 0), which every command pays", stat: c.nodeAlone.wallMs, format: ms, note: `CPU ${ms(c.nodeAlone.cpuMs.median)}` });
    for (const [kind, p] of [['cold', c.previewCold], ['warm', c.previewWarm]] as const) {
      if (!p) continue;
      rows.push({ label: `  preview, ${kind}: start → ${p.course} page served`, stat: p.firstPageMs, format: ms, note: `listening after ${ms(p.listeningMs.median)}` });
      if (p.allBuiltMs) rows.push({ label: '    … → every course built', stat: p.allBuiltMs, format: ms });
      rows.push({ label: `    peak memory (max RSS)${p.allBuiltMs ? '' : ', to the first page'}`, stat: p.maxRssMB, format: mb });
    }
    if (c.previewReload) {
      const r = c.previewReload;
      rows.push({
        label: `  preview: save a lesson → the frame shows its new text (${r.course})`,
        stat: r.latencyMs,
        format: ms,
        target: { id: `${scale}.preview-reload`, below: 50, text: '50 ms' },
        note: r.rebuildMs ? `rebuild ${ms(r.rebuildMs.median)} (preview's log)` : undefined,
      });
    }
  }
  if (input.growth.length) {
    rows.push({ label: 'Growth from 1× to 4× content (4.00× = linear; net = minus the --help process, i.e. start-up)' });
    for (const g of input.growth) {
      // CPU time is the figure to judge: wall time also grows or shrinks with the machine's other work.
      const linear = /CPU time/.test(g.figure);
      rows.push({ label: `  ${g.figure}`, value: g.ratio, format: fmt.ratio, target: linear ? { id: `growth.${g.figure.replace(/\W+/g, '-')}`, below: 4.4, text: '4.4× (linear)' } : undefined, note: `${fmt.ratio(g.net)} net` });
    }
  }
  rows.push({ label: 'Runtime per player: JS + CSS, gzip -9 (raw)' });
  for (const r of input.runtime) {
    rows.push({
      label: `  ${r.entry}`,
      value: r.totalGzip,
      format: kb,
      target: { id: `runtime.${r.entry}.gzip`, below: 30 * 1024, text: '30 KB' },
      note: `js ${kb(r.jsGzip)} (${kb(r.jsBytes)}) + css ${kb(r.cssGzip)} (${kb(r.cssBytes)})`,
    });
  }
  rows.push({ label: 'Package size: the smallest useful course (one short lesson, no exam)' });
  for (const p of input.emptyCourse) {
    const folder = p.kind === 'folder';
    rows.push({ label: `  ${p.target}`, value: p.bytes, format: kb, target: folder ? undefined : { id: `empty-course.${p.target}`, below: 50 * 1024, text: '50 KB' }, note: folder ? 'folder, uncompressed' : undefined });
  }
  rows.push({ label: `Package size: the largest course (${input.largestCourse.course})` });
  for (const p of input.largestCourse.packages) rows.push({ label: `  ${p.target}`, value: p.bytes, format: kb, note: p.kind === 'folder' ? 'folder, uncompressed' : undefined });

  if (input.browser) {
    const b = input.browser;
    rows.push({ label: `Chromium ${b.chromium}: fresh page per run` });
    rows.push({ label: `  first lesson rendered (${b.firstLesson.course}, web)`, stat: b.firstLesson.headingMs, format: ms, target: { id: 'browser.first-lesson', below: 300, text: '300 ms' }, note: 'navigation start → heading in DOM' });
    rows.push({ label: '  first contentful paint', stat: b.firstLesson.fcpMs, format: ms });
    rows.push({ label: `  score + report ${b.exam.questions}-question exam (scorm2004)`, stat: b.exam.submitMs, format: ms, target: { id: 'browser.exam-submit', below: 50, text: '50 ms' }, note: `click → results in DOM, ${b.exam.interactions} interactions at the LMS` });
  }
  if (input.install || input.tests) rows.push({ label: 'Contributors' });
  if (input.install) {
    const { ci, firstHelp } = input.install;
    rows.push({ label: '  npm ci in a fresh copy (--prefer-offline)', value: ci.exitCode === 0 ? ci.wallMs : Number.NaN, format: ms, target: { id: 'npm-ci', below: 60_000, text: '60 s' }, note: ci.exitCode === 0 ? 'once' : `FAILED (exit ${ci.exitCode}) after ${ms(ci.wallMs)}` });
    rows.push({ label: '  then the first --help there', value: firstHelp.wallMs, format: ms, note: firstHelp.exitCode === 0 ? 'the fresh copy works' : `FAILED (exit ${firstHelp.exitCode})` });
  }
  if (input.tests) {
    rows.push({ label: '  npm test (type check + every test)', value: input.tests.exitCode === 0 ? input.tests.wallMs : Number.NaN, format: ms, target: { id: 'npm-test', below: 180_000, text: '3 min' }, note: input.tests.exitCode === 0 ? 'once' : `FAILED (exit ${input.tests.exitCode}) after ${ms(input.tests.wallMs)}` });
  }
  return rows;
}
