/**
 * A scripted learner for browser tests: reads the drawn questions off the
 * page and answers each one right or wrong the way a person would (keys or
 * clicks, typing, choosing), in a page or in a package frame inside an LMS page.
 */
import type { Frame, Locator, Page } from 'playwright-core';
import { poll } from './concurrent.js';
import type { Course, Language, Question } from '../../src/course/model.js';
import { en, type MessageKey } from '../../src/runtime/strings/en.js';
import { zhCN } from '../../src/runtime/strings/zh-CN.js';

export type Scope = Page | Frame;

/**
 * How the learner works the controls; both are real input events through Chromium's input
 * pipeline. `keyboard` (the default) focuses a control and presses Space or Enter, as a
 * keyboard user does. `mouse` clicks it, which Playwright precedes with scrolling it into
 * view, waiting for its box to hold still over animation frames and a hit test: a 60-question
 * attempt took 10.6 s by clicks and 4.5 s by keys, its journey half again the CPU. Each kind
 * of package keeps journeys answered with the mouse (scorm-lms, xapi-cmi5, runtime-browser).
 */
export type Hand = 'keyboard' | 'mouse';

/** Activate a link or button: Enter on it, or a click. */
const activate = (control: Locator, hand: Hand) => (hand === 'mouse' ? control.click() : control.press('Enter'));

/**
 * Choose a radio button or tick a checkbox: Space on it, or a click. Like `check()`, it leaves
 * a ticked checkbox alone (Space would untick it); Space on a chosen radio button keeps it
 * chosen, so a radio button is not read first. Whether the answer registered is checked per
 * attempt, by the player's count of answered questions and by the score the records show.
 */
async function choose(control: Locator, hand: Hand, kind: 'radio' | 'checkbox'): Promise<void> {
  if (hand === 'mouse') return control.check();
  if (kind === 'checkbox' && (await control.isChecked())) return;
  await control.press('Space');
}

const TABLES: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** What the player shows for `key` in `language`, as a learner reads it on the page. */
export function say(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  return TABLES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
}

export const questionsOf = (course: Course) => new Map<string, Question>(course.banks.flatMap((b) => b.questions).map((q) => [q.id, q]));

export const drawnIds = (scope: Scope) => scope.locator('section[data-qid]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.qid!));

export const heading = (scope: Scope) => scope.locator('main h1').first();

/** Answer question `id` on the exam page, right or wrong. */
export async function answer(scope: Scope, question: Question, correct: boolean, hand: Hand = 'keyboard'): Promise<void> {
  const card = scope.locator(`section[data-qid="${question.id}"]`);
  const check = (value: string, kind: 'radio' | 'checkbox' = 'radio') => choose(card.locator(`input[value="${value}"]`), hand, kind);
  switch (question.type) {
    case 'true-false':
      return check(String(correct ? question.answer : !question.answer));
    case 'single':
    case 'multiple': {
      const wrong = question.choices.find((c) => !question.correct.includes(c.id))!.id;
      for (const value of correct ? question.correct : [wrong]) await check(value, question.type === 'multiple' ? 'checkbox' : 'radio');
      return;
    }
    case 'fill-in':
      return card.locator('input').fill(correct ? `  ${question.answers[0]!.toUpperCase()}  ` : 'sand');
    case 'numeric':
      return card.locator('input').fill(correct ? String(question.min).replace('.', ',') : String(question.max + 1000));
    case 'matching':
      for (const [source, target] of question.pairs) {
        await card.locator(`select[data-source="${source}"]`).selectOption(correct ? target : question.targets.find((t) => t.id !== target)!.id);
      }
      return;
    case 'sequencing': {
      const target = question.items.map((i) => i.id);
      if (!correct) target.reverse();
      let moves = 0;
      for (let i = 0; i < target.length; i++) {
        const order = await card.locator('li[data-id]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id));
        for (let k = order.indexOf(target[i]!); k > i; k--, moves++) await activate(card.locator(`li[data-id="${target[i]}"] [data-move="up"]`), hand);
      }
      if (moves === 0) {
        // Already in the wanted order: a learner still has to touch the list to answer it.
        await activate(card.locator(`li[data-id="${target[0]}"] [data-move="down"]`), hand);
        await activate(card.locator(`li[data-id="${target[0]}"] [data-move="up"]`), hand);
      }
      return;
    }
    case 'likert':
      return check(question.scale[correct ? question.scale.length - 1 : 0]!.id);
    case 'essay':
      return card.locator('textarea').fill('I would listen first, check the records, then explain the rules and agree on next steps.');
  }
}

/** View every lesson from the welcome screen, ending on the last lesson. */
export async function viewAllLessons(scope: Scope, course: Course, hand: Hand = 'keyboard'): Promise<void> {
  await poll(() => heading(scope).textContent()).toBe(course.title);
  const start = new RegExp(`${say(course.language, 'welcome.start')}|${say(course.language, 'welcome.continue')}`);
  await activate(scope.getByRole('link', { name: start }), hand);
  for (let i = 1; i < course.lessons.length; i++) {
    await poll(() => heading(scope).textContent()).toBe(course.lessons[i - 1]!.title);
    await activate(scope.getByRole('link', { name: say(course.language, 'lesson.next') }).first(), hand);
  }
  await poll(() => heading(scope).textContent()).toBe(course.lessons.at(-1)!.title);
}

/** Start the next exam attempt from anywhere; returns the drawn question ids. */
export async function startAttempt(scope: Scope, attempt: number, language: Language = 'en', hand: Hand = 'keyboard'): Promise<string[]> {
  await scope.evaluate(() => (location.hash = '#/exam'));
  await activate(scope.getByRole('button', { name: say(language, 'exam.start', { n: attempt }) }), hand);
  await poll(async () => (await drawnIds(scope)).length).toBeGreaterThan(0);
  return drawnIds(scope);
}

/** Answer every drawn question (right or wrong) and submit; waits for the results screen. */
export async function takeAttempt(scope: Scope, course: Course, attempt: number, correct: boolean, hand: Hand = 'keyboard'): Promise<string[]> {
  const questions = questionsOf(course);
  const ids = await startAttempt(scope, attempt, course.language, hand);
  for (const id of ids) await answer(scope, questions.get(id)!, correct, hand);
  await poll(() => scope.locator('.sp-answered').textContent()).toBe(say(course.language, 'exam.answered', { n: ids.length, total: ids.length }));
  await submit(scope, course.language, hand);
  return ids;
}

/**
 * Click a control that may be a long way down the page (the exam's submit button). Scrolled
 * to first, in a step of its own: when Playwright scrolled and pressed at once, Chromium under
 * load now and then delivered the press to the button and the release to a question higher
 * up, apparently what was at that point before the scroll (a mutation log showed no change
 * to the page in between), so no click reached the button.
 */
export async function clickFarDown(control: Locator): Promise<void> {
  await control.scrollIntoViewIfNeeded();
  await control.click();
}

/** Submit the running attempt, confirming when asked. */
export async function submit(scope: Scope, language: Language = 'en', hand: Hand = 'keyboard'): Promise<void> {
  const button = scope.getByRole('button', { name: say(language, 'exam.submit') });
  await (hand === 'mouse' ? clickFarDown(button) : button.press('Enter'));
  const confirm = scope.getByRole('button', { name: say(language, 'exam.confirm-yes') });
  if (await confirm.isVisible().catch(() => false)) await activate(confirm, hand);
  await poll(() => heading(scope).textContent()).toBe(say(language, 'results.title'));
}
