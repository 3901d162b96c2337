/**
 * xAPI (Tin Can) packages: tincan.xml with the launchable course activity and
 * every exam question's interaction definition (Rustici launch convention).
 * Credentials come from the launch; baking an LRS in is an explicit option.
 */
import type { Course } from '../course/model.js';
import { render } from '../package/templates.js';
import { questionActivityId } from '../runtime/lms/activity-ids.js';
import { interactionDefinition } from '../runtime/lms/xapi-statements.js';
import type { Target } from './target.js';

/** Each exam question's activity, named and described as the statements about it define it. */
function questions(course: Course) {
  const text = (map: unknown) => Object.values(map as Record<string, string>)[0];
  return course.banks.flatMap((bank) =>
    bank.questions.map((q) => {
      const definition = interactionDefinition(course, q);
      return {
        id: questionActivityId(course, q.id),
        name: text(definition.name),
        description: text(definition.description),
        interactionType: definition.interactionType,
        patterns: definition.correctResponsesPattern ?? [],
      };
    }),
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
