/**
 * What every descriptor check receives, and what it hands back: the schema
 * set to validate against and the launch pages to inspect.
 */
import type { DiagnosticSink, Place } from '../diagnostics/diagnostic.js';
import type { PackageSource } from './package.js';
import type { PackageFiles } from './references.js';
import type { SchemaSet } from './schema.js';
import { attribute, type XmlElement } from './xml.js';

export interface DescriptorContext {
  source: PackageSource;
  files: PackageFiles;
  sink: DiagnosticSink;
  /** The descriptor's name in diagnostics (`pkg.zip!/imsmanifest.xml`). */
  file: string;
  /** Folder of the descriptor inside the package: '' or `wrapper/`. */
  base: string;
  root: XmlElement;
}

/** What a launch page must do to reach the LMS or LRS. */
export type LaunchNeed = 'scorm12-api' | 'scorm2004-api' | 'cmi5-launch';

export interface Launch {
  /** The page's path inside the package. */
  path: string;
  need: LaunchNeed;
  /** Where the descriptor names it. */
  place: Place;
}

export interface DescriptorResult {
  /** What the package is, for people: "SCORM 2004 4th Edition". */
  kind: string;
  /** The schema set to validate the descriptor against, if any. */
  schema?: SchemaSet;
  launches: Launch[];
}

/** Report every value of `local` attributes used more than once. */
export function checkUniqueIds(context: DescriptorContext, elements: XmlElement[], local: string, what: string): void {
  const seen = new Map<string, Place>();
  for (const element of elements) {
    const a = attribute(element, local);
    if (!a) continue;
    const value = a.value.trim();
    const first = seen.get(value);
    if (first) context.sink.report(context.file, a, 'package-duplicate-id', `${what} "${value}" is already used at line ${first.line}`);
    else seen.set(value, a);
  }
}

/** Whether a string is an absolute IRI (it has a scheme). */
export function isAbsoluteIri(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value.trim());
}
