/**
 * Numbers through the Moodle profile of the test LMS (templates/preview/moodle-profile.js), in a
 * browser: a numeric answer at the edge of its tolerance is right, one with more integer
 * digits than Moodle's SCORM 2004 decimals hold reaches the record whole (as type `other`)
 * instead of being refused and lost, a 150-point question's SCORM 1.2 weighting fits
 * Moodle's −100…100, and the gradebook keeps the score's two decimals. The course:
 * test/fixtures/courses/numbers-course.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Course } from '../src/course/model.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { it } from './support/concurrent.js';
import { startAttempt, submit, viewAllLessons } from './support/learner.js';
import { lmsRoutes, MoodleSite } from './support/lms.js';
import { newTestPage, servePackages } from './support/harness.js';
import type { RunningServer } from './support/static-server.js';

let course: Course;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ({ course, server } = await servePackages(['scorm12', 'scorm2004'], lmsRoutes, 'test/fixtures/courses/numbers-course'));
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
  await server?.close();
});

describe.concurrent.each(['1.2', '2004'] as const)('SCORM %s package in Moodle', (version) => {
  const v12 = version === '1.2';

  it('records the edge of a tolerance as right, a six-digit answer whole and every weighting, with nothing refused', async () => {
    const page = await newTestPage(browser);
    const site = new MoodleSite({ version, src: `/pkg/${v12 ? 'scorm12' : 'scorm2004'}/index.html`, mastery: v12 ? 60 : 0.6 });
    const scope = await site.launch(page, server.origin);
    await viewAllLessons(scope, course);
    await startAttempt(scope, 1);
    await scope.locator('section[data-qid="gravity"] input').fill('9.7');
    await scope.locator('section[data-qid="severance"] input').fill('396000');
    await scope.locator('section[data-qid="conductors"] input[value="c"]').check();
    await submit(scope);
    await scope.getByRole('button', { name: 'Exit' }).click();
    await site.finished();

    const report = site.report();
    expect(report.refused, 'calls Moodle refused').toEqual([]);
    const [gravity, severance, conductors] = report.interactions;
    const response = v12 ? 'student_response' : 'learner_response';
    const pattern = (i: Record<string, string>) => i['correct_responses.0.pattern'];
    expect([gravity!.type, gravity![response], pattern(gravity!), gravity!.result]).toEqual(v12 ? ['numeric', '9.7', undefined, 'correct'] : ['numeric', '9.7', '9.7[:]9.9', 'correct']);
    // SCORM 1.2 has no numeric range pattern; Moodle's 1.2 responses are plain text.
    expect([severance!.type, severance![response], pattern(severance!), severance!.result]).toEqual(v12 ? ['numeric', '396000', undefined, 'correct'] : ['other', '396000', '395999[:]396001', 'correct']);
    // Points 1, 2 and 150: in SCORM 1.2 each over ten, as one is worth more than 100.
    // SCORM 2004 writes no weighting: Moodle re-posts every field of every answer (see the Moodle notes).
    expect([gravity, severance, conductors].map((i) => i!.weighting)).toEqual(v12 ? ['0.1', '0.2', '15'] : [undefined, undefined, undefined]);
    expect(conductors!.result).toBe(v12 ? 'wrong' : 'incorrect');
    // 3 of 153 points, the only attempt: failed, 1.96 % in the gradebook (Moodle keeps two decimals).
    expect(v12 ? report.status : report.success).toBe('failed');
    expect(report.grade).toBe(1.96);
    await page.context().close();
  });
});
