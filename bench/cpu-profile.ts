/**
 * Where the time goes: summarise `.cpuprofile` files written by `node --cpu-prof`
 * into self time per function and per module (a package in node_modules, a
 * source file of skillpack, or Node's internals), and inclusive time of the
 * functions that mark the build's phases.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof src/bin.js build --out /tmp/out
 *   npx tsx bench/cpu-profile.ts /tmp/prof
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

/** The JSON `node --cpu-prof` writes. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Row {
  name: string;
  ms: number;
  /** Share of the profile's sampled time. */
  share: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  byFunction: Row[];
  byModule: Row[];
  /** Inclusive time of the functions named in `phases`. */
  phases: Row[];
  /** When each phase function was first and last on the stack (ms from the profile's start). */
  spans: Array<{ name: string; first: number; last: number }>;
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The module a script URL belongs to: "pkg" for node_modules, "src/x.ts" for ours, "node:internal" for Node. */
export function moduleOf(url: string): string {
  if (!url) return '(native or VM)';
  // node:internal/modules/esm/loader -> node:internal/modules: enough to tell module loading from the rest.
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  // A browser profile (Chrome DevTools protocol): the script's path on the server.
  if (/^https?:/.test(url)) return new URL(url).pathname;
  const file = url.startsWith('file://') ? fileURLToPath(url.split('?')[0]!) : url;
  const nm = file.lastIndexOf(`node_modules${path.sep}`);
  if (nm >= 0) {
    const parts = file.slice(nm + 'node_modules/'.length).split(path.sep);
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return path.relative(REPO, file).split(path.sep).join('/');
}

const label = (frame: CallFrame) => {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  return `${name}  ${moduleOf(frame.url)}:${frame.lineNumber + 1}`;
};

/**
 * Summarise one profile.
 * @param file path of a .cpuprofile
 * @param phases function names whose inclusive time to report
 * @param top rows per table
 */
export function summarise(file: string, phases: string[] = [], top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfByNode = new Map<number, number>();
  profile.samples.forEach((id, i) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const total = [...selfByNode.values()].reduce((a, b) => a + b, 0);

  const fn = new Map<string, number>();
  const mod = new Map<string, number>();
  const phase = new Map<string, number>();
  const spans = new Map<string, { first: number; last: number }>();
  let clock = 0;
  profile.samples.forEach((id, i) => {
    clock += (profile.timeDeltas[i] ?? 0) / 1000;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)!.callFrame.functionName;
      if (!phases.includes(name)) continue;
      const span = spans.get(name);
      if (span) span.last = clock;
      else spans.set(name, { first: clock, last: clock });
    }
  });
  for (const [id, ms] of selfByNode) {
    const frame = byId.get(id)!.callFrame;
    fn.set(label(frame), (fn.get(label(frame)) ?? 0) + ms);
    const m = frame.url ? moduleOf(frame.url) : frame.functionName.startsWith('(') ? frame.functionName : '(native or VM)';
    mod.set(m, (mod.get(m) ?? 0) + ms);
    // Inclusive: each phase function on this node's stack gets the time once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)!.callFrame.functionName;
      if (phases.includes(name) && !seen.has(name)) {
        seen.add(name);
        phase.set(name, (phase.get(name) ?? 0) + ms);
      }
    }
  }
  const rows = (map: Map<string, number>, n: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, ms]) => ({ name, ms, share: total ? ms / total : 0 }));
  return { file, totalMs: total, byFunction: rows(fn, top), byModule: rows(mod, top), phases: rows(phase, phases.length), spans: [...spans].map(([name, s]) => ({ name, ...s })).sort((a, b) => a.first - b.first) };
}

/** The build's phases, by the function names in src/. */
export const BUILD_PHASES = ['buildCommand', 'build', 'loadCatalogue', 'loadCourse', 'parseLesson', 'renderLesson', 'loadBank', 'renderHtml', 'parseMarkdown', 'buildRuntime', 'runtimeHash', 'packageEntries', 'render', 'descriptors', 'writeZip', 'writeFolder', 'folderDigest', 'writeCatalogue'];

function print(summary: ProfileSummary): void {
  const table = (title: string, rows: Row[]) => {
    process.stdout.write(`\n${title}\n`);
    for (const r of rows) process.stdout.write(`${r.ms.toFixed(0).padStart(7)} ms ${(r.share * 100).toFixed(1).padStart(5)} %  ${r.name}\n`);
  };
  process.stdout.write(`\n== ${path.basename(summary.file)}: ${summary.totalMs.toFixed(0)} ms sampled\n`);
  table('self time by module', summary.byModule);
  table('self time by function', summary.byFunction);
  if (summary.phases.length) table('inclusive time of build phases', summary.phases);
  if (summary.spans.length) {
    process.stdout.write('\nphase spans (first to last sample on the stack, ms from start)\n');
    for (const s of summary.spans) process.stdout.write(`${s.first.toFixed(0).padStart(7)} .. ${s.last.toFixed(0).padStart(5)}  ${s.name}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (!target) {
    process.stderr.write('usage: npx tsx bench/cpu-profile.ts <file.cpuprofile | folder of them>\n');
    process.exit(2);
  }
  const files = statSync(target).isDirectory() ? readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).sort().map((f) => path.join(target, f)) : [target];
  const top = Number(process.argv[3] ?? 25);
  const summaries = files.map((file) => summarise(file, BUILD_PHASES, 10_000));
  for (const summary of summaries) print(cut(summary, top));
  if (summaries.length > 1) print(cut(combine(summaries), top));
}

/** Keep the first `top` rows of each table. */
function cut(summary: ProfileSummary, top: number): ProfileSummary {
  return { ...summary, byFunction: summary.byFunction.slice(0, top), byModule: summary.byModule.slice(0, top) };
}

/**
 * Every thread together (main, course workers, tsx's loader threads): CPU time
 * where it was spent, so idle time is left out.
 * @param summaries one per thread's profile
 */
export function combine(summaries: ProfileSummary[]): ProfileSummary {
  const merge = (pick: (s: ProfileSummary) => Row[]) => {
    const map = new Map<string, number>();
    for (const s of summaries) for (const r of pick(s)) if (r.name !== '(idle)') map.set(r.name, (map.get(r.name) ?? 0) + r.ms);
    const total = [...map.values()].reduce((a, b) => a + b, 0);
    return { rows: [...map].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms, share: total ? ms / total : 0 })), total };
  };
  const fns = merge((s) => s.byFunction);
  const phases = merge((s) => s.phases).rows.map((r) => ({ ...r, share: fns.total ? r.ms / fns.total : 0 }));
  return { file: `all ${summaries.length} threads, idle excluded`, totalMs: fns.total, byFunction: fns.rows, byModule: merge((s) => s.byModule).rows, phases, spans: [] };
}
