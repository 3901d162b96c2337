/**
 * What the bench prints: sections and rows, with the targets of issue 7 next
 * to the figures they apply to.
 */
import type { BuildFigures } from './builds.js';
import type { BrowserFigures } from './browser.js';
import { fmt } from './measure.js';
import type { PreviewFigures } from './preview.js';
import type { Row } from './report.js';
import type { BenchResults, StressFigures } from './run.js';
import type { RuntimeSize } from './sizes.js';

export interface TableInput {
  catalogue: BuildFigures;
  warmCatalogue: BuildFigures;
  oneCourse: BenchResults['oneCourse'];
  emptyCourse: BenchResults['emptyCourse'];
  stress: StressFigures[];
  scaling: BenchResults['scaling'];
  preview: PreviewFigures;
  runtime: RuntimeSize[];
  browser: BrowserFigures | null;
}

const XAPI_ENTRIES = new Set(['xapi', 'cmi5']);

/** The rows of the printed table, targets included. */
export function tableRows(input: TableInput): Row[] {
  const { catalogue, warmCatalogue, oneCourse, emptyCourse, stress, scaling, preview, runtime, browser } = input;
  const ms = fmt.ms;
  const mb = fmt.mb;
  const kb = fmt.kb;
  const rows: Row[] = [
    { label: `Catalogue: ${catalogue.courses} courses × ${Math.round(catalogue.packages / catalogue.courses)} targets = ${catalogue.packages} packages, cold (fresh process per run)` },
    { label: '  wall time', stat: catalogue.wallMs, format: ms, target: { id: 'catalogue.wall', below: 3000, text: '3 s' } },
    { label: '  CPU time (user+system)', stat: catalogue.cpuMs, format: ms },
    { label: '  peak memory (max RSS)', stat: catalogue.maxRssMB, format: mb, target: { id: 'catalogue.peak-memory', below: 250, text: '250 MB' } },
    { label: '  packages per second', stat: catalogue.packagesPerSecond, format: (n) => n.toFixed(1) },
    { label: '  wall time, warm course cache (a rebuild)', stat: warmCatalogue.wallMs, format: ms },
    { label: '  peak memory, warm course cache', stat: warmCatalogue.maxRssMB, format: mb },
    { label: `  one course (${oneCourse.course}) → ${oneCourse.target} only`, stat: oneCourse.wallMs, format: ms, note: `${mb(oneCourse.maxRssMB.median)} peak` },
    { label: '  start-up: empty course, 5 targets', stat: emptyCourse.wallMs, format: ms, note: `${mb(emptyCourse.maxRssMB.median)} peak` },
  ];
  for (const s of stress) {
    const c = s.course;
    rows.push({ label: `Stress course ${s.scale}×: ${c.lessons} lessons, ${(c.bankQuestions + c.practiceQuestions).toLocaleString('en')} questions (9 types), ${c.images} images × 5 targets` });
    rows.push({ label: '  wall time', stat: s.wallMs, format: ms, target: s.scale === 1 ? { id: 'stress-1x.wall', below: 5000, text: '5 s' } : undefined });
    rows.push({ label: '  CPU time (user+system)', stat: s.cpuMs, format: ms });
    rows.push({ label: '  peak memory (max RSS)', stat: s.maxRssMB, format: mb, target: s.scale === 1 ? { id: 'stress-1x.peak-memory', below: 500, text: '500 MB' } : undefined });
  }
  if (scaling.length) {
    rows.push({ label: 'Growth per doubling of the stress course (2.00× = linear; net = minus the empty course\'s figure)' });
    for (const g of scaling) {
      rows.push({ label: `  ${g.from}× → ${g.to}× wall time`, value: g.wall, format: fmt.ratio, note: `${fmt.ratio(g.wallNet)} net` });
      rows.push({ label: `  ${g.from}× → ${g.to}× CPU time`, value: g.cpu, format: fmt.ratio, note: `${fmt.ratio(g.cpuNet)} net` });
      rows.push({ label: `  ${g.from}× → ${g.to}× peak memory`, value: g.memory, format: fmt.ratio, note: `${fmt.ratio(g.memoryNet)} net` });
    }
  }
  rows.push({ label: `Preview (${preview.course})` });
  rows.push({ label: `  ${preview.kind === 'save-to-served' ? 'save a lesson → new text served' : 'rebuild of one course (in process)'}`, stat: preview.latencyMs, format: ms, target: { id: 'preview.latency', below: 150, text: '150 ms' } });
  if (preview.rebuildMs) rows.push({ label: '  of which the rebuild (preview\'s own timing)', stat: preview.rebuildMs, format: ms });

  rows.push({ label: 'Runtime per entry: JS + CSS, gzip -9 (raw)' });
  for (const r of runtime) {
    const xapi = XAPI_ENTRIES.has(r.entry);
    rows.push({
      label: `  ${r.entry}`,
      value: r.totalGzip,
      format: kb,
      target: xapi ? undefined : { id: `runtime.${r.entry}.gzip`, below: 30 * 1024, text: '30 KB' },
      note: `js ${kb(r.jsGzip)} (${kb(r.jsBytes)}) + css ${kb(r.cssGzip)} (${kb(r.cssBytes)})${xapi ? ' · carries the @xapi/xapi client, no target' : ''}`,
    });
  }
  rows.push({ label: 'Empty course (one short lesson, no exam): package size' });
  for (const p of emptyCourse.packages) {
    const folder = p.kind === 'folder';
    rows.push({ label: `  ${p.target}`, value: p.bytes, format: kb, target: folder ? undefined : { id: `empty-course.${p.target}`, below: 50 * 1024, text: '50 KB' }, note: folder ? 'folder, uncompressed: not a zip' : undefined });
  }
  if (browser) {
    rows.push({ label: `Chromium ${browser.chromium}: fresh page per run` });
    rows.push({ label: `  first lesson rendered (${browser.firstLesson.course}, web)`, stat: browser.firstLesson.headingMs, format: ms, target: { id: 'browser.first-lesson', below: 300, text: '300 ms' }, note: 'navigation start → heading in DOM' });
    rows.push({ label: '  first contentful paint', stat: browser.firstLesson.fcpMs, format: ms });
    rows.push({ label: `  score + report ${browser.exam.questions}-question exam (scorm2004)`, stat: browser.exam.submitMs, format: ms, target: { id: 'browser.exam-submit', below: 50, text: '50 ms' }, note: `click → results in DOM, ${browser.exam.interactions} interactions at the LMS` });
    rows.push({ label: '  … to the next frame', stat: browser.exam.nextFrameMs, format: ms, note: 'style, layout and paint of the results' });
  }
  return rows;
}
