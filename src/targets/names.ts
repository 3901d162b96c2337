/**
 * The names of the output targets, in the order builds and reports list them. Kept
 * apart from the targets themselves so that the command line can list them without
 * loading the compiler.
 */
export const TARGET_NAMES = ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];
