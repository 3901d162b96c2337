/**
 * Manifest identifiers derive from the course id only, never from its version,
 * so an LMS can replace an imported package with a newer one.
 */
import type { Course } from '../course/model.js';

export function scormIdentifiers(course: Course) {
  return {
    manifest: `skillpack.${course.id}`,
    organization: `ORG-${course.id}`,
    item: `ITEM-${course.id}`,
    resource: `RES-${course.id}`,
    objective: `urn:skillpack:${course.id}:exam`,
  };
}
