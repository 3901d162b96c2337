/**
 * A target is one output format. Adding a format means adding one file here
 * (and its templates): the build knows targets only through these shapes.
 * Two kinds: a player package (a zip, or the web folder) that carries the
 * runtime, and an export (QTI, Moodle XML) that carries questions only.
 */
import type { Course } from '../course/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PackageEntry } from '../package/zip.js';
import type { CourseFiles } from './course-files.js';
import type { ExportName, TargetName } from './names.js';

export interface TargetOptions {
  /** xapi only: an LRS baked into a standalone build (explicit build option). */
  lrs?: { endpoint: string; auth?: string };
}

/** A player package: the course page, the runtime and the target's descriptors. */
export interface Target {
  /** Plug-in name, e.g. "target:scorm12". */
  readonly name: `target:${TargetName}`;
  readonly id: TargetName;
  /** A zip to import, or a folder to host as it is (the web build). */
  readonly kind: 'package' | 'folder';
  /** Human name for reports and the catalogue, e.g. "SCORM 1.2" (which platforms take it: each language's `catalogue.platforms`). */
  readonly label: string;
  /** Which runtime bundle the package carries (the LMS adapter differs per target). */
  readonly runtime: TargetName;
  /** CSP connect-src: where the package may send data. */
  connectSrc(options: TargetOptions): string;
  /** Launch defaults written into the page (never credentials unless asked for explicitly). */
  launchDefaults?(options: TargetOptions): object | null;
  /** Descriptor files (manifest, cmi5.xml, tincan.xml) given every other file of the package. */
  descriptors(course: Course, files: string[]): PackageEntry[];
}

/** What an export makes of a course: its files, and what it could not carry over. */
export interface ExportResult {
  /** One entry is written as a single file; several as a zip. */
  entries: PackageEntry[];
  /** Questions the format has no type for (reported, never dropped silently), and the like. */
  diagnostics: Diagnostic[];
}

/** An export: the course's banks (and exam) for an LMS's own quiz engine; no player, no lessons. */
export interface ExportTarget {
  readonly name: `target:${ExportName}`;
  readonly id: ExportName;
  readonly kind: 'export';
  readonly label: string;
  /** The output file's name for a course, e.g. `hr-manager-qti.zip`. */
  fileName(course: Course): string;
  /** Whether the entries are packed as a zip (else the one entry is written as it is). */
  readonly zip: boolean;
  /** Asynchronous: an export loads its own modules on first use. `files` reads the course files its questions show. */
  build(course: Course, files: CourseFiles): Promise<ExportResult>;
}

export type OutputTarget = Target | ExportTarget;
