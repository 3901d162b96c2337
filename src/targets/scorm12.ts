/** SCORM 1.2 packages: imsmanifest.xml with adlcp:masteryscore (CAM ch. 2). */
import { render } from '../package/templates.js';
import { scormIdentifiers } from './identifiers.js';
import type { Target } from './target.js';

export const scorm12: Target = {
  name: 'target:scorm12',
  id: 'scorm12',
  kind: 'package',
  label: 'SCORM 1.2',
  runtime: 'scorm12',
  connectSrc: () => "'none'",
  descriptors: (course, files) => [
    {
      path: 'imsmanifest.xml',
      data: render('scorm12-imsmanifest.xml.hbs', {
        course,
        ids: scormIdentifiers(course),
        masteryPercent: course.exam ? course.exam.passingScore : null,
        files,
      }),
    },
  ],
};
