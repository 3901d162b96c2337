/**
 * A target is one output format. Adding a format means adding one file here
 * (and its templates): the build knows targets only through this shape.
 */
import type { Course } from '../course/model.js';
import type { TargetName } from '../course/schema.js';
import type { PackageEntry } from '../package/zip.js';

export interface TargetOptions {
  /** xapi only: an LRS baked into a standalone build (explicit build option). */
  lrs?: { endpoint: string; auth?: string };
}

export interface Target {
  /** Plug-in name, e.g. "target:scorm12". */
  readonly name: `target:${TargetName}`;
  readonly id: TargetName;
  /** Human name for reports, e.g. "SCORM 1.2". */
  readonly label: string;
  /** Which platforms take this package, for the catalogue's "which file for which LMS". */
  readonly platforms: string;
  /** Which runtime bundle the package carries (the LMS adapter differs per target). */
  readonly runtime: TargetName;
  /** CSP connect-src: where the package may send data. */
  connectSrc(options: TargetOptions): string;
  /** Launch defaults written into the page (never credentials unless asked for explicitly). */
  launchDefaults?(options: TargetOptions): object | null;
  /** Descriptor files (manifest, cmi5.xml, tincan.xml) given every other file of the package. */
  descriptors(course: Course, files: string[]): PackageEntry[];
}
