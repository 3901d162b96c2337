/** Every target, in the order builds and reports list them. */
import type { ExportName, OutputName, TargetName } from './names.js';
import { cmi5 } from './cmi5.js';
import { moodleXml } from './moodle-xml.js';
import { qti } from './qti.js';
import { scorm12 } from './scorm12.js';
import { scorm2004 } from './scorm2004.js';
import type { ExportTarget, OutputTarget, Target } from './target.js';
import { web } from './web.js';
import { xapi } from './xapi.js';

export const TARGETS: Record<TargetName, Target> = { scorm12, scorm2004, xapi, cmi5, web };

/** Exports carry no player: questions and the exam for an LMS's own quiz engine. */
export const EXPORTS: Record<ExportName, ExportTarget> = { qti, 'moodle-xml': moodleXml };

/** Player targets and exports by name (labels for reports and the catalogue). */
export const OUTPUTS: Record<OutputName, OutputTarget> = { ...TARGETS, ...EXPORTS };

/** The player targets to build, in a stable order whatever order they were asked for in. */
export function selectTargets(names: readonly OutputName[]): Target[] {
  return (Object.keys(TARGETS) as TargetName[]).filter((n) => names.includes(n)).map((n) => TARGETS[n]);
}

/** The exports to build, in a stable order. */
export function selectExports(names: readonly OutputName[]): ExportTarget[] {
  return (Object.keys(EXPORTS) as ExportName[]).filter((n) => names.includes(n)).map((n) => EXPORTS[n]);
}
