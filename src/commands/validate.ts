/**
 * `skillpack validate <zip or folder>...`: check packages as an importing LMS
 * would, print every diagnostic, exit 1 on any error.
 */
import path from 'node:path';
import { formatReport } from '../diagnostics/reporter.js';
import { validatePackages, type PackageReport } from '../validate/index.js';

export interface ValidateOptions {
  /** Folder that relative package paths start from. */
  root: string;
  packages: string[];
  json: boolean;
  color: boolean;
}

/** Validate the packages; returns the exit status. */
export async function validateCommand(options: ValidateOptions): Promise<number> {
  const started = performance.now();
  const report = await validatePackages(options.packages, path.resolve(options.root));
  if (options.json) {
    // Each package carries its own diagnostics; the flat list would only repeat them.
    const { packages, errors, warnings } = report;
    process.stdout.write(`${JSON.stringify({ packages, errors, warnings }, null, 2)}\n`);
  } else {
    const width = Math.max(...report.packages.map((p) => p.path.length));
    for (const p of report.packages) process.stdout.write(`${p.path.padEnd(width)}  ${(p.kinds.join(', ') || 'unknown').padEnd(22)}  ${verdict(p)}\n`);
    process.stdout.write(`${formatReport(report.diagnostics, { color: options.color, root: path.resolve(options.root) })}\n`);
    const count = report.packages.length;
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    process.stdout.write(`validated ${count} package${count === 1 ? '' : 's'} in ${seconds} s\n`);
  }
  return report.errors > 0 ? 1 : 0;
}

function verdict(p: PackageReport): string {
  if (p.errors) return `${p.errors} error${p.errors === 1 ? '' : 's'}`;
  if (p.warnings) return `valid, ${p.warnings} warning${p.warnings === 1 ? '' : 's'}`;
  return 'valid';
}
