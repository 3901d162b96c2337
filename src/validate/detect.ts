/**
 * Which descriptors a package has: imsmanifest.xml (SCORM) and cmi5.xml at
 * the root of the package, exactly so named; tincan.xml at the root or inside
 * wrapper folders that each hold nothing but one sub-folder (Rustici's
 * packaging rule).
 */
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';
import type { PackageSource } from './package.js';
import type { PackageFiles } from './references.js';

export type DescriptorKind = 'scorm' | 'cmi5' | 'tincan';

export interface FoundDescriptor {
  kind: DescriptorKind;
  /** Path inside the package. */
  path: string;
  /** Its folder: '' or `wrapper/`. */
  base: string;
}

const NAMES: Record<DescriptorKind, string> = { scorm: 'imsmanifest.xml', cmi5: 'cmi5.xml', tincan: 'tincan.xml' };

/** Find the package's descriptors; report when there is none where an LMS looks. */
export function findDescriptors(source: PackageSource, files: PackageFiles, sink: DiagnosticSink): FoundDescriptor[] {
  const found: FoundDescriptor[] = [];
  if (files.has(NAMES.scorm)) found.push({ kind: 'scorm', path: NAMES.scorm, base: '' });
  if (files.has(NAMES.cmi5)) found.push({ kind: 'cmi5', path: NAMES.cmi5, base: '' });
  const base = wrapperBase(files.names);
  if (files.has(`${base}${NAMES.tincan}`)) found.push({ kind: 'tincan', path: `${base}${NAMES.tincan}`, base });
  if (found.length || source.problem && !source.entries.length) return found;

  const elsewhere = files.names.filter((n) => Object.values(NAMES).includes(n.split('/').pop()!.toLowerCase()));
  sink.report(
    source.label,
    undefined,
    'package-no-descriptor',
    elsewhere.length
      ? `no imsmanifest.xml, cmi5.xml or tincan.xml where an LMS looks for it; found ${elsewhere.slice(0, 3).map((n) => `"${n}"`).join(', ')}`
      : 'no imsmanifest.xml, cmi5.xml or tincan.xml in the package',
  );
  return found;
}

/** Descend through folders that hold nothing but one sub-folder. */
function wrapperBase(names: string[]): string {
  let base = '';
  for (let depth = 0; depth < 10; depth++) {
    const inside = names.filter((n) => n.startsWith(base)).map((n) => n.slice(base.length));
    const tops = new Set(inside.map((n) => n.split('/')[0]));
    if (tops.size !== 1 || !inside.every((n) => n.includes('/'))) return base;
    base += `${[...tops][0]}/`;
  }
  return base;
}
