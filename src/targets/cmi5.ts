/**
 * cmi5 packages: cmi5.xml at the zip root with one AU, its moveOn rule from the
 * course completion rule and its masteryScore from the passing score (cmi5 §13.1.4).
 */
import type { CompletionRule } from '../course/model.js';
import { render } from '../package/templates.js';
import type { Target } from './target.js';

const MOVE_ON: Record<CompletionRule, string> = {
  lessons: 'Completed',
  exam: 'Passed',
  'lessons-and-exam': 'CompletedAndPassed',
};

export const cmi5: Target = {
  name: 'target:cmi5',
  id: 'cmi5',
  label: 'cmi5',
  runtime: 'cmi5',
  // The LRS is named by the LMS at launch, so it cannot be known here.
  connectSrc: () => 'http: https:',
  descriptors: (course) => [
    {
      path: 'cmi5.xml',
      data: render('cmi5.xml.hbs', {
        course,
        auId: `${course.activityId}/au`,
        moveOn: MOVE_ON[course.exam ? course.completion : 'lessons'],
        masteryScaled: course.exam ? String(Math.round(course.exam.passingScore * 100) / 10000) : null,
      }),
    },
  ],
};
