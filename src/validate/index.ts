/**
 * `validatePackages`: check e-learning packages (zips or folders, made by
 * skillpack or any other tool) as an importing LMS would, and more. Each
 * package is opened, its container checked, its descriptors found, parsed and
 * checked; then every descriptor is validated against the official schemas,
 * in one xmllint run per schema set.
 */
import path from 'node:path';
import type { RuleId } from '../diagnostics/catalogue.js';
import { DiagnosticSink, sortDiagnostics, type Diagnostic, type Place } from '../diagnostics/diagnostic.js';
import { checkCmi5 } from './cmi5.js';
import type { DescriptorContext, DescriptorResult } from './descriptor.js';
import { findDescriptors, type FoundDescriptor } from './detect.js';
import { checkEntries, checkStoredData, unsafeNameReason } from './entries.js';
import { checkLaunch, LaunchFiles } from './launch.js';
import { openPackage, type PackageSource } from './package.js';
import { PackageFiles } from './references.js';
import { validateSchemas, type SchemaError, type SchemaJob } from './schema.js';
import { checkQti, isQtiManifest } from './qti.js';
import { checkScorm } from './scorm.js';
import { checkTincan } from './tincan.js';
import { decodeXml, descendants, parseXmlAsync, type XmlElement } from './xml.js';

/** Descriptors larger than this are refused unread. */
export const MAX_DESCRIPTOR_BYTES = 8 * 1024 ** 2;
const PARALLEL_PACKAGES = 4;
const PACKAGES_PER_ROUND = 300;
/** Diagnostics kept per rule and package: past this, the rest are counted, and one more says how many. */
const MAX_PER_RULE = 50;

export interface PackageReport {
  /** The package as given. */
  path: string;
  /** What it is: "SCORM 1.2", "cmi5", …; several when it has several descriptors. */
  kinds: string[];
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
}

export interface ValidationReport {
  packages: PackageReport[];
  /** Every package's diagnostics, in order. */
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

/**
 * A package's diagnostics, at most MAX_PER_RULE of each rule: a package with 300,000
 * missing files would otherwise print 77 MB, and a few such packages more text than a
 * string can hold, so that no report at all came out.
 */
class PackageSink extends DiagnosticSink {
  private readonly made = new Map<RuleId, number>();

  override report(file: string, place: Place | undefined, rule: RuleId, message: string, hint?: string): void {
    const made = (this.made.get(rule) ?? 0) + 1;
    this.made.set(rule, made);
    if (made <= MAX_PER_RULE) super.report(file, place, rule, message, hint);
  }

  /** Whether another diagnostic of `rule` would only be counted (so need not be worked out). */
  full(rule: RuleId): boolean {
    return (this.made.get(rule) ?? 0) >= MAX_PER_RULE;
  }

  /** Count a diagnostic of `rule` that is left out without being made. */
  count(rule: RuleId): void {
    this.made.set(rule, (this.made.get(rule) ?? 0) + 1);
  }

  /** For each rule past its limit, one diagnostic after the last one kept, saying how many were left out. */
  close(): void {
    for (const [rule, made] of this.made) {
      if (made <= MAX_PER_RULE) continue;
      const last = sortDiagnostics(this.items.filter((d) => d.rule === rule)).pop()!;
      super.report(last.file, last, rule, `${made - MAX_PER_RULE} more of these (${rule}) in this package, not shown`);
    }
  }
}

interface PendingSchema {
  job: SchemaJob;
  sink: PackageSink;
  file: string;
  root: XmlElement;
}

/**
 * Validate packages.
 * @param paths zip files or package folders, named in diagnostics as given
 * @param cwd the folder relative paths start from (default: the working directory)
 */
export async function validatePackages(paths: string[], cwd = process.cwd()): Promise<ValidationReport> {
  const sinks = paths.map(() => new PackageSink());
  const kinds: string[][] = paths.map(() => []);
  // In rounds, so that the parsed descriptors waiting for their schema run stay few.
  for (let start = 0; start < paths.length; start += PACKAGES_PER_ROUND) {
    const end = Math.min(paths.length, start + PACKAGES_PER_ROUND);
    const pending: PendingSchema[] = [];
    let next = start;
    const worker = async () => {
      while (next < end) {
        const i = next++;
        await checkPackage(path.resolve(cwd, paths[i]!), paths[i]!, sinks[i]!, kinds[i]!, pending);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_PACKAGES, end - start) }, worker));
    const results = await validateSchemas(pending.map((p) => p.job));
    pending.forEach((p, i) => reportSchemaErrors(p, results[i]!));
    for (const sink of sinks.slice(start, end)) sink.close();
  }

  const packages = paths.map((p, i): PackageReport => {
    const diagnostics = sortDiagnostics(sinks[i]!.items);
    return {
      path: p,
      kinds: kinds[i]!,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
      diagnostics,
    };
  });
  return {
    packages,
    diagnostics: packages.flatMap((p) => p.diagnostics),
    errors: packages.reduce((n, p) => n + p.errors, 0),
    warnings: packages.reduce((n, p) => n + p.warnings, 0),
  };
}

async function checkPackage(file: string, label: string, sink: PackageSink, kinds: string[], pending: PendingSchema[]): Promise<void> {
  const source = await openPackage(file, label);
  try {
    checkEntries(source, sink);
    // Unsafe names are reported once, as such, and are not files a reference may resolve to.
    const files = new PackageFiles(source.entries.filter((e) => !e.symlink && !e.badUtf8 && !unsafeNameReason(e.name)));
    const launchFiles = new LaunchFiles(source, files, sink);
    for (const found of findDescriptors(source, files, sink)) {
      await checkDescriptor(source, files, sink, found, kinds, pending, launchFiles);
    }
    // Last: the entries read above are not unpacked again, what their reading found is checked.
    await checkStoredData(source, sink);
  } finally {
    source.close();
  }
}

async function checkDescriptor(
  source: PackageSource,
  files: PackageFiles,
  sink: PackageSink,
  found: FoundDescriptor,
  kinds: string[],
  pending: PendingSchema[],
  launchFiles: LaunchFiles,
): Promise<void> {
  const file = source.fileLabel(found.path);
  const read = await source.read(found.path, MAX_DESCRIPTOR_BYTES);
  if ('error' in read) {
    // Damaged data is reported with the other entries' (checkStoredData).
    if (!read.damaged) sink.report(source.label, undefined, read.tooLarge ? 'package-too-large' : 'package-zip-invalid', read.error);
    return;
  }
  const decoded = decodeXml(read.data);
  if ('error' in decoded) return void sink.report(file, undefined, 'package-xml-syntax', `${found.path}: ${decoded.error}`);
  const { root, problems } = await parseXmlAsync(decoded.text);
  for (const problem of problems) sink.report(file, problem, problem.kind === 'character' ? 'package-xml-character' : 'package-xml-syntax', problem.message);
  if (!root) return;

  const context: DescriptorContext = { source, files, sink, file, base: found.base, root };
  const result: DescriptorResult | undefined =
    found.kind === 'scorm' ? (isQtiManifest(context) ? checkQti(context) : await checkScorm(context)) : found.kind === 'cmi5' ? checkCmi5(context) : checkTincan(context);
  if (!result) return;
  kinds.push(result.kind);
  // A document libxml2 cannot parse would only repeat the problems above.
  if (result.schema && !problems.length) pending.push({ job: { set: result.schema, data: read.data }, sink, file, root });
  const seen = new Set<string>();
  for (const launch of result.launches) {
    if (seen.has(launch.path)) continue;
    seen.add(launch.path);
    await checkLaunch(launchFiles, file, launch);
  }
}

/** Turn xmllint's messages into diagnostics placed on the element (or attribute) they name. */
function reportSchemaErrors(pending: PendingSchema, errors: SchemaError[]): void {
  const { sink, file, root } = pending;
  const elements = [root, ...descendants(root)];
  const prefixes = new Map<string, string>();
  for (const [prefix, ns] of root.scope) if (!prefixes.has(ns)) prefixes.set(ns, prefix);
  const duplicateLines = new Set(sink.items.filter((d) => d.file === file && d.rule === 'package-duplicate-id').map((d) => d.line));
  for (const error of errors) {
    // xs:ID clashes are already reported, with the first use, as package-duplicate-id.
    if (duplicateLines.has(error.line) && /xs:ID|already defined/.test(error.message)) continue;
    // Placing an error searches the elements: only for those that will be shown.
    if (sink.full('package-schema')) {
      sink.count('package-schema');
      continue;
    }
    const named = /^Element '(?:\{([^}]*)\})?([^']+)'(?:, attribute '(?:\{[^}]*\})?([^']+)')?/.exec(error.message);
    // libxml2 gives the line of the element's start tag; take the nearest element of that name at or before it.
    const element = named ? elements.filter((e) => e.local === named[2] && e.line <= error.line).reduce<XmlElement | undefined>((best, e) => (!best || e.line >= best.line ? e : best), undefined) : undefined;
    const attribute = named?.[3] ? element?.attributes.find((a) => a.local === named[3]) : undefined;
    const message = error.message.replace(/\{([^}\s']+:[^}\s']*)\}([\w.-]+)/g, (_, ns: string, local: string) => {
      const prefix = prefixes.get(ns);
      return prefix ? `${prefix}:${local}` : local;
    });
    sink.report(file, attribute ?? element ?? { line: error.line, column: 1 }, 'package-schema', message);
  }
}
