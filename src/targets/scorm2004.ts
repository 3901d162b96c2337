/**
 * SCORM 2004 4th edition packages: a single-SCO organisation whose completion
 * and satisfaction are set by the content, the passing score as
 * minNormalizedMeasure with satisfiedByMeasure (CAM ch. 3, SN defaults in CHECKLIST §2.2).
 */
import { render } from '../package/templates.js';
import { scormIdentifiers } from './identifiers.js';
import type { Target } from './target.js';

export const scorm2004: Target = {
  name: 'target:scorm2004',
  id: 'scorm2004',
  kind: 'package',
  label: 'SCORM 2004 4th Ed.',
  runtime: 'scorm2004',
  connectSrc: () => "'none'",
  descriptors: (course, files) => [
    {
      path: 'imsmanifest.xml',
      data: render('scorm2004-imsmanifest.xml.hbs', {
        course,
        ids: scormIdentifiers(course),
        passingScaled: course.exam ? (course.exam.passingScore / 100).toFixed(4) : null,
        files,
      }),
    },
  ],
};
