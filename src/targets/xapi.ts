/**
 * xAPI (Tin Can) packages: tincan.xml with the launchable course activity and
 * every exam question's interaction definition (Rustici launch convention).
 * Credentials come from the launch; baking an LRS in is an explicit option.
 */
import type { Course } from '../course/model.js';
import { render } from '../package/templates.js';
import { questionActivityId } from '../runtime/lms/activity-ids.js';
import { correctPatterns, interactionType } from '../runtime/lms/interaction-formats.js';
import type { Target } from './target.js';

function questions(course: Course) {
  return course.banks.flatMap((bank) =>
    bank.questions.map((q) => ({
      id: questionActivityId(course, q.id),
      name: q.id,
      description: q.promptText,
      interactionType: interactionType(q, 'xapi'),
      patterns: correctPatterns(q, 'xapi'),
    })),
  );
}

export const xapi: Target = {
  name: 'target:xapi',
  id: 'xapi',
  kind: 'package',
  label: 'xAPI (Tin Can)',
  runtime: 'xapi',
  connectSrc: (options) => (options.lrs ? new URL(options.lrs.endpoint).origin : 'http: https:'),
  launchDefaults: (options) => (options.lrs ? { endpoint: options.lrs.endpoint, auth: options.lrs.auth ?? null } : null),
  descriptors: (course) => [{ path: 'tincan.xml', data: render('tincan.xml.hbs', { course, questions: questions(course) }) }],
};
