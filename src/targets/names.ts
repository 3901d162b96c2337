/**
 * The names of the output targets, in the order builds and reports list them. Kept
 * apart from the targets themselves so that the command line can list them without
 * loading the compiler.
 */
export const TARGET_NAMES = ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/**
 * Exports: question banks and the exam for an LMS's own quiz engine, with no player.
 * Built only when asked for (`--target qti`), or by default for a course whose exam is
 * delivered by the LMS (`exam.delivery: lms`).
 */
export const EXPORT_NAMES = ['qti', 'moodle-xml'] as const;
export type ExportName = (typeof EXPORT_NAMES)[number];

/** Every name `--target` accepts: the player packages, then the exports. */
export const OUTPUT_NAMES = [...TARGET_NAMES, ...EXPORT_NAMES] as const;
export type OutputName = TargetName | ExportName;
