/**
 * QTI 2.1 content package (IMS QTI 2.1 Final, Integration Guide): one assessmentItem
 * per bank question, and an assessmentTest built from the exam's draws, listed in an
 * IMS Content Packaging imsmanifest.xml. Canvas ("QTI .zip file") and Blackboard
 * (Import Package / Test from QTI 2.1) import it as a question bank and a quiz.
 *
 * The exam's draws become one section each, `<selection select="count">` with ordering
 * shuffled when the exam shuffles questions; each item is weighted by its points, and
 * the test's PASS outcome applies the course's passing score. Practice questions stay
 * in the lessons and are not exported.
 */
import type { ExportTarget } from './target.js';

export const qti: ExportTarget = {
  name: 'target:qti',
  id: 'qti',
  kind: 'export',
  label: 'QTI 2.1',
  fileName: (course) => `${course.id}-qti.zip`,
  zip: true,
  // Loaded on use: it needs the compiler's question types and an HTML parser, which a build that
  // makes no export (or takes every package from the cache) never loads.
  build: async (course, files) => (await import('./qti-package.js')).qtiPackage(course, files),
};
