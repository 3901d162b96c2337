/**
 * Where the time of Submit goes on a 100-question exam: the benchmark's exam
 * figure (scorm2004 package in an LMS page with scorm-again), with Chromium's
 * CPU profiler (DevTools protocol) running around the timed click. Prints the
 * self time per script and function, and the inclusive time of the player's
 * and adapter's methods (their names survive minification).
 *
 *   npx tsx bench/profile-exam.ts [questions] [out.cpuprofile]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../test/support/browser.js';
import { launchInLms, lmsRoutes } from '../test/support/lms.js';
import { serve } from '../test/support/static-server.js';
import { ANSWER_ALL, TIMED_SUBMIT, unzip, untilTrue, type SubmitTiming } from './browser.js';
import { summarise } from './cpu-profile.js';
import { runColdOk } from './measure.js';
import { writeExamCourse } from './stress-course.js';

const METHODS = ['submit', 'go', 'answered', 'writeInteraction', 'examFinished', 'commit', 'saveNow', 'updateShell', 'focus', 'scrollTo', 'setValue', 'processListeners'];

const questions = Number(process.argv[2] ?? 100);
const work = mkdtempSync(path.join(tmpdir(), 'skillpack-profile-exam-'));
try {
  const course = writeExamCourse(path.join(work, 'project'), 'exam', questions);
  await runColdOk(['build', '-C', path.join(work, 'project'), '-t', 'scorm2004', '--out', path.join(work, 'out')], 'exam course');
  await unzip(path.join(work, 'out', 'exam', 'exam-scorm2004.zip'), path.join(work, 'pkg'));
  const server = await serve({ '/pkg/': path.join(work, 'pkg') }, lmsRoutes);
  const browser = await launchBrowser();
  try {
    // The first page warms the browser up; the second is profiled.
    for (let run = 0; run < 2; run++) {
      const page = await browser.newPage();
      const sco = await launchInLms(page, server.origin, { version: '2004', src: '/pkg/index.html' });
      await sco.waitForSelector('main h1');
      await sco.evaluate(`location.hash = '#/exam'`);
      await sco.getByRole('button', { name: 'Start attempt 1' }).click();
      await untilTrue(sco, `document.querySelectorAll('section[data-qid]').length === ${course.examQuestions}`);
      await sco.evaluate(ANSWER_ALL);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      const timing = (await sco.evaluate(TIMED_SUBMIT)) as SubmitTiming;
      const { profile } = await cdp.send('Profiler.stop');
      await page.close();
      if (run === 0) continue;
      const file = process.argv[3] ?? path.join(work, 'exam.cpuprofile');
      writeFileSync(file, JSON.stringify(profile));
      process.stdout.write(`Submit of ${course.examQuestions} questions: ${timing.ms.toFixed(1)} ms to results + ${timing.interactions} interactions, ${timing.nextFrameMs.toFixed(1)} ms to the next frame\n`);
      const summary = summarise(file, METHODS, 15);
      for (const [title, rows] of [['self time by script', summary.byModule], ['self time by function', summary.byFunction], ['inclusive time of player and adapter methods', summary.phases]] as const) {
        process.stdout.write(`\n${title}\n`);
        for (const row of rows) process.stdout.write(`${row.ms.toFixed(1).padStart(7)} ms  ${row.name}\n`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  if (!process.argv[3]) rmSync(work, { recursive: true, force: true });
}
