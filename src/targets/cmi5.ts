/**
 * cmi5 packages: cmi5.xml at the zip root with one AU, its moveOn rule from the
 * course completion rule and its masteryScore from the passing score (cmi5 §13.1.4).
 */
import type { CompletionRule, Course } from '../course/model.js';
import { render } from '../package/templates.js';
import type { Target } from './target.js';

const MOVE_ON: Record<CompletionRule, string> = {
  lessons: 'Completed',
  exam: 'Passed',
  'lessons-and-exam': 'CompletedAndPassed',
};

/**
 * The AU as an LMS sees it: its id, moveOn rule and scaled mastery score. Shared by
 * cmi5.xml and the preview, which plays the LMS and must launch with the same values.
 * @param course the course the AU delivers
 */
export function cmi5Au(course: Course): { auId: string; moveOn: string; masteryScore: number | null } {
  return {
    auId: `${course.activityId}/au`,
    moveOn: MOVE_ON[course.exam ? course.completion : 'lessons'],
    masteryScore: course.exam ? Math.round(course.exam.passingScore * 100) / 10000 : null,
  };
}

export const cmi5: Target = {
  name: 'target:cmi5',
  id: 'cmi5',
  kind: 'package',
  label: 'cmi5',
  runtime: 'cmi5',
  // The LRS is named by the LMS at launch, so it cannot be known here.
  connectSrc: () => 'http: https:',
  descriptors: (course) => {
    const au = cmi5Au(course);
    return [
      {
        path: 'cmi5.xml',
        data: render('cmi5.xml.hbs', { course, auId: au.auId, moveOn: au.moveOn, masteryScaled: au.masteryScore === null ? null : String(au.masteryScore) }),
      },
    ];
  },
};
