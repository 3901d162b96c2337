/** Every target, in the order builds and reports list them. */
import type { TargetName } from '../course/schema.js';
import { cmi5 } from './cmi5.js';
import { scorm12 } from './scorm12.js';
import { scorm2004 } from './scorm2004.js';
import type { Target } from './target.js';
import { web } from './web.js';
import { xapi } from './xapi.js';

export const TARGETS: Record<TargetName, Target> = { scorm12, scorm2004, xapi, cmi5, web };

/** The targets to build, in a stable order whatever order they were asked for in. */
export function selectTargets(names: readonly TargetName[]): Target[] {
  return (Object.keys(TARGETS) as TargetName[]).filter((n) => names.includes(n)).map((n) => TARGETS[n]);
}
