/**
 * `skillpack build`: check, then package. Shows progress on a terminal, prints
 * every diagnostic and a summary table, and updates the catalogue (catalog.json and
 * the catalogue page) to describe what is on disk. Exit status 1 when any course has errors.
 */
import path from 'node:path';
import { build, type BuiltPackage } from '../build.js';
import { courseFolders, declaredCourseId } from '../catalogue.js';
import { editionFacts } from '../course/facts.js';
import { readProject } from '../course/project-cache.js';
import type { OutputName } from '../targets/names.js';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { formatReport } from '../diagnostics/reporter.js';
import { catalogueEntries, mergeCatalogue, readCatalogue, stageCatalogue } from '../package/catalogue-files.js';
import { lockOutput } from '../package/build-lock.js';
import { OutputTransaction, recoverOutput } from '../package/output.js';

export interface BuildCommandOptions {
  root: string;
  courses: string[];
  targets?: OutputName[];
  out?: string;
  lrs?: { endpoint: string; auth?: string };
  color: boolean;
  interactive: boolean;
}

export async function buildCommand(options: BuildCommandOptions): Promise<number> {
  const started = performance.now();
  const sink = new DiagnosticSink();
  const project = await readProject(options.root, sink);
  const folders = courseFolders(project, options.courses);
  const out = path.resolve(project.root, options.out ?? project.config.out);
  const targets = options.targets ?? project.config.targets;
  if (options.lrs) {
    process.stderr.write('warning: --lrs-endpoint/--lrs-auth bake an LRS into the xapi packages; anyone with the package can read them. Use it only for a standalone build you control.\n');
  }
  let total = folders.length * targets.length;
  let done = 0;
  const progress = (built: BuiltPackage) => {
    done++;
    total = Math.max(total, done); // translations add packages the count did not foresee
    if (options.interactive) process.stderr.write(`\r\x1b[2Kbuilding ${done}/${total}  ${built.file}`);
  };
  const output = new OutputTransaction(out);
  const release = await lockOutput(output.out, (owner) => {
    process.stderr.write(`waiting for another build of ${path.relative(process.cwd(), out) || '.'} to finish (process ${owner.pid} on ${owner.host}, started ${owner.started})…\n`);
  });
  // Interrupted (Ctrl-C, kill): drop the staged files; the output keeps its previous packages.
  const interrupted = () => {
    output.abort();
    release();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let result: Awaited<ReturnType<typeof build>>;
  // Courses with errors, by id: no packages, their old catalogue entries kept (stale).
  let failed: string[] = [];
  try {
    recoverOutput(output.out);
    const previous = readCatalogue(output.out);
    result = await build({ project, folders, targets, lmsExports: !options.targets, out: output.out, output, reuse: true, factsOnly: true, options: options.lrs ? { lrs: options.lrs } : {}, onPackage: progress });
    if (options.interactive) process.stderr.write('\r\x1b[2K');
    // From the courses' facts: a course whose packages all came from the package cache is never read whole.
    const built = result.courses.flatMap(editionFacts);
    // Catalogue entries are by course id, which need not be the folder's name.
    const ids = result.courses.map((c) => ({ id: editionFacts(c)[0]?.id ?? declaredCourseId(c.dir), failed: editionFacts(c).length === 0 }));
    failed = ids.filter((c) => c.failed).map((c) => c.id);
    const whole = options.courses.length === 0;
    const entries = mergeCatalogue(output.out, previous, catalogueEntries(built, result.packages), { failed, ...(whole ? { all: ids.map((c) => c.id) } : {}) });
    // A whole build describes the course folder even when it is empty now (its last course removed).
    if (entries.length > 0 || (whole && previous)) stageCatalogue(output, entries, project.config.catalogueLanguage);
    output.commit();
  } catch (error) {
    output.abort();
    throw error;
  } finally {
    release();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }

  const diagnostics = [...sink.items, ...result.diagnostics];
  if (diagnostics.length) process.stdout.write(`${formatReport(diagnostics, { color: options.color, root: project.root })}\n\n`);
  process.stdout.write(`${summaryTable(result.packages, targets)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stdout.write(`${result.packages.length} packages from ${folders.length - failed.length} of ${folders.length} courses in ${seconds} s → ${path.relative(process.cwd(), out) || '.'}${failed.length ? ` (${failed.length} with errors, not built)` : ''}\n`);
  return failed.length > 0 || folders.length === 0 ? 1 : 0;
}

/** Course × target table of package sizes in KB. */
function summaryTable(packages: BuiltPackage[], requested: readonly OutputName[]): string {
  // One row per course and language: a translation's row names its language.
  const translation = (p: BuiltPackage) => p.file.includes(`/${p.course}-${p.language}-`) || p.file.endsWith(`/web-${p.language}/`);
  const editions = [...new Map(packages.map((p) => [`${p.course} ${p.language}`, p])).values()].sort((a, b) => a.course.localeCompare(b.course) || Number(translation(a)) - Number(translation(b)));
  const label = (p: BuiltPackage) => (translation(p) ? `${p.course} (${p.language})` : p.course);
  // Exports built for courses whose exam the LMS delivers get a column too.
  const targets = [...requested, ...new Set(packages.map((p) => p.target).filter((t) => !requested.includes(t)))];
  const header = ['course', ...targets];
  const rows = editions.map((edition) => [label(edition), ...targets.map((t) => {
    const p = packages.find((x) => x.course === edition.course && x.language === edition.language && x.target === t);
    return p ? `${(p.bytes / 1024).toFixed(1)} KB` : '-';
  })]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
