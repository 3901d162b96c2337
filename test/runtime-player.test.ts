// @vitest-environment jsdom
/**
 * The player's rules, in jsdom with a recording adapter: what is reported, when,
 * and what review mode and a platform's mastery score change. The browser test
 * covers the same screens in real Chromium.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Course, Question, Response } from '../src/course/model.js';
import type { AnswerRecord, ExamResult, LaunchInfo, LmsAdapter, Notice, ProgressInfo } from '../src/runtime/lms/adapter.js';
import { boot } from '../src/runtime/boot.js';
import { bankQuestions, drawAttempt, seededRandom } from '../src/runtime/draw.js';
import { StandaloneAdapter, storageKey } from '../src/runtime/lms/standalone.js';
import { translator } from '../src/runtime/player/i18n.js';
import { renderQuestion } from '../src/runtime/player/question.js';
import { decodeState, emptyState, encodeState, type ResumeState } from '../src/runtime/state.js';
import './support/strings.js';

// jsdom replaces the global URL, so resolve the fixture with paths.
const course = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'runtime-course.json'), 'utf8')) as Course;
const all = bankQuestions(course);
const t = translator('en');

/** The right response for any fixture question. */
function rightAnswer(q: Question): Response {
  switch (q.type) {
    case 'true-false':
      return { type: 'true-false', value: q.answer };
    case 'single':
      return { type: 'single', value: q.correct[0]! };
    case 'multiple':
      return { type: 'multiple', value: q.correct };
    case 'fill-in':
      return { type: 'fill-in', value: q.answers[0]! };
    case 'numeric':
      return { type: 'numeric', value: q.min };
    case 'matching':
      return { type: 'matching', value: q.pairs };
    case 'sequencing':
      return { type: 'sequencing', value: q.items.map((i) => i.id) };
    case 'likert':
      return { type: 'likert', value: q.scale[0]!.id };
    case 'essay':
      return { type: 'essay', value: 'An answer.' };
  }
}

type Call = [string, ...unknown[]];

class RecordingAdapter implements LmsAdapter {
  readonly name = 'recording';
  calls: Call[] = [];
  private listener: ((n: Notice) => void) | null = null;
  constructor(private launch: Partial<LaunchInfo> = {}, private startNotices: Notice[] = []) {}
  async start(): Promise<LaunchInfo> {
    this.calls.push(['start']);
    for (const notice of this.startNotices) this.listener?.(notice);
    return { learnerName: 'Li Wei', savedState: null, masteryScore: null, mode: 'normal', platform: 'Test LMS', connected: true, ...this.launch };
  }
  progress(info: ProgressInfo) { this.calls.push(['progress', info]); }
  lessonViewed(id: string) { this.calls.push(['lessonViewed', id]); }
  answered(record: AnswerRecord) { this.calls.push(['answered', record]); }
  examFinished(result: ExamResult) { this.calls.push(['examFinished', result]); }
  completed() { this.calls.push(['completed']); }
  saveState(state: string) { this.calls.push(['saveState', state]); }
  async commit() { this.calls.push(['commit']); }
  async finish() { this.calls.push(['finish']); }
  onNotice(listener: (n: Notice) => void) { this.listener = listener; }
  named(name: string) { return this.calls.filter((c) => c[0] === name); }
  lastState(): ResumeState | null {
    const last = this.named('saveState').at(-1);
    return last ? decodeState(course, last[1] as string) : null;
  }
}

function page(data: unknown = course): void {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  document.body.innerHTML = `<main id="app"></main><script id="course-data" type="application/json">${json}</script>`;
  history.replaceState(null, '', '#');
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A saved state: every lesson viewed, an attempt in progress with the given answers. */
function savedAttempt(answer: (q: Question, i: number) => Response | null, extra: Partial<ResumeState> = {}): string {
  const draw = drawAttempt(course, seededRandom(5));
  const state: ResumeState = {
    ...emptyState(course),
    viewed: [true, true, true],
    place: { view: 'exam' },
    attemptsUsed: 1,
    current: { attempt: 1, ...draw, answers: draw.questions.map((index, i) => answer(all[index]!, i)), elapsed: 0, submitted: false },
    ...extra,
  };
  return encodeState(course, state);
}

const main = () => document.querySelector('main')!;
const button = (name: string | RegExp) =>
  [...document.querySelectorAll('button')].find((b) => (typeof name === 'string' ? b.textContent === name : name.test(b.textContent ?? ''))) as HTMLButtonElement | undefined;

beforeEach(() => {
  window.scrollTo = () => undefined;
});

describe('player and adapter', () => {
  it('shows the welcome screen with the connection status and reports progress', async () => {
    page();
    const adapter = new RecordingAdapter({}, [{ level: 'warning', key: 'lms.commit-failed', detail: '391' }]);
    await boot(adapter);
    expect(document.documentElement.lang).toBe('en');
    expect(main().querySelector('h1')?.textContent).toBe(course.title);
    expect(main().textContent).toContain('Connected to the learning platform (Test LMS): your progress and results are recorded there.');
    expect(main().textContent).toContain('Welcome, Li Wei');
    expect(document.querySelector('.sp-notice')?.textContent).toContain('did not save your latest progress. Keep this window open; the course will try again. (391)');
    expect(adapter.calls[0]).toEqual(['start']);
    expect(adapter.named('progress')[0]).toEqual(['progress', { lessonsViewed: 0, lessonsTotal: 3, location: 'welcome' }]);
  });

  it('marks lessons viewed, reports them once, and saves after each', async () => {
    page();
    const adapter = new RecordingAdapter();
    await boot(adapter);
    for (const id of ['hazards', 'manual-handling', 'hazards', 'fire-safety']) {
      location.hash = `#/lesson/${id}`;
      await settle();
    }
    expect(adapter.named('lessonViewed').map((c) => c[1])).toEqual(['hazards', 'manual-handling', 'fire-safety']);
    expect(adapter.lastState()).toMatchObject({ viewed: [true, true, true], place: { view: 'lesson', index: 2 } });
    // lessons-and-exam: not complete before the exam is passed.
    expect(adapter.named('completed')).toHaveLength(0);
    expect(document.activeElement?.textContent).toBe('Fire safety');
  });

  it('takes a lesson\'s new text from its own page (the preview) and shows it where the learner is, reporting nothing', async () => {
    // The players of earlier tests still listen on this window: their sessions end here, so only this one takes the event.
    dispatchEvent(new Event('pagehide'));
    page();
    const adapter = new RecordingAdapter();
    await boot(adapter);
    location.hash = '#/lesson/manual-handling';
    await settle();
    const calls = adapter.calls.length;
    const send = (id: string, html: string) => dispatchEvent(new CustomEvent('skillpack:lesson', { detail: { id, html }, cancelable: true }));
    expect(send('manual-handling', '<p>Bend your knees: new text.</p>')).toBe(false); // taken: the page need not relaunch
    expect(main().querySelector('.sp-prose')?.textContent).toContain('Bend your knees: new text.');
    expect(main().querySelector('h1')?.textContent).toBe('Lifting safely');
    // A lesson not shown changes where it will be shown; an unknown one is not taken.
    expect(send('fire-safety', '<p>Fire: new text.</p>')).toBe(false);
    expect(main().textContent).not.toContain('Fire: new text.');
    expect(send('no-such-lesson', '<p>x</p>')).toBe(true);
    expect(adapter.calls.length).toBe(calls);
    location.hash = '#/lesson/fire-safety';
    await settle();
    expect(main().querySelector('.sp-prose')?.textContent).toContain('Fire: new text.');
    // The same text again (the rebuild confirming what was drawn): taken, the view left as it is.
    const shown = main().querySelector('.sp-prose');
    expect(send('fire-safety', '<p>Fire: new text.</p>')).toBe(false);
    expect(main().querySelector('.sp-prose')).toBe(shown);
    // After Exit the session is over: not taken (the page launches the package again), nothing drawn.
    button('Exit')!.click();
    await settle();
    const ended = main().textContent;
    expect(send('fire-safety', '<p>After the end.</p>')).toBe(true);
    expect(main().textContent).toBe(ended);
  });

  it('reports every answer, the result and completion on submit, then commits', async () => {
    page();
    const adapter = new RecordingAdapter({ savedState: savedAttempt((q) => rightAnswer(q)) });
    await boot(adapter);
    expect(main().querySelector('h1')?.textContent).toBe('Final exam');
    button('Submit my answers')!.click();
    await settle();
    const answered = adapter.named('answered').map((c) => c[1] as AnswerRecord);
    expect(answered).toHaveLength(9);
    expect(answered.every((r) => r.attempt === 1 && r.correct !== false)).toBe(true);
    expect(adapter.named('examFinished')[0]![1]).toMatchObject({ attempt: 1, raw: 8, max: 8, scaled: 1, passed: true, passingScore: 0.7 });
    expect(adapter.named('completed')).toHaveLength(1);
    const order = adapter.calls.map((c) => c[0]);
    expect(order.lastIndexOf('commit')).toBeGreaterThan(order.lastIndexOf('examFinished'));
    expect(adapter.lastState()).toMatchObject({ passed: true, completed: true, history: [{ attempt: 1, raw: 8, max: 8, passed: true }], place: { view: 'results' } });
    expect(main().textContent).toContain('Warehouse Safety Certificate');
  });

  it('gives the answers of a resumed attempt no time unless they were given on this page', async () => {
    page();
    const adapter = new RecordingAdapter({ savedState: savedAttempt((q) => (q.type === 'numeric' ? null : rightAnswer(q))) });
    await boot(adapter);
    const before = Date.now();
    const numeric = all.find((q) => q.type === 'numeric')!;
    const input = main().querySelector<HTMLInputElement>('input[inputmode="decimal"]')!;
    input.value = String(numeric.min);
    input.dispatchEvent(new Event('input'));
    button('Submit my answers')!.click();
    await settle();
    const answered = adapter.named('answered').map((c) => c[1] as AnswerRecord);
    expect(answered).toHaveLength(9);
    // Answered yesterday, say: the time is not known, so none is claimed (not the submit time).
    expect(answered.filter((r) => r.question.id !== numeric.id).every((r) => r.answeredAt === null)).toBe(true);
    expect(answered.find((r) => r.question.id === numeric.id)!.answeredAt!.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('counts an exam attempt\'s time from a reload on a lesson page, not only once the exam is shown again', async () => {
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'setInterval', 'Date'] });
    try {
      page();
      // An attempt in progress (10 minutes allowed, none used), the page reloaded on a lesson.
      const adapter = new RecordingAdapter({ savedState: savedAttempt(() => null, { place: { view: 'lesson', index: 0 } }) });
      await boot(adapter);
      expect(main().querySelector('h1')?.textContent).toBe(course.lessons[0]!.title);
      vi.advanceTimersByTime(3 * 60_000);
      location.hash = '#/exam';
      await vi.advanceTimersByTimeAsync(0);
      expect(document.querySelector('.sp-time')?.textContent).toBe('07:00');
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts exam time on a monotonic clock: setting the computer\'s clock back adds none', async () => {
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'setInterval', 'Date'] });
    try {
      page();
      await boot(new RecordingAdapter({ savedState: savedAttempt(() => null) }));
      vi.advanceTimersByTime(60_000);
      // The learner sets the clock back an hour: Date goes back, the monotonic clock does not.
      vi.setSystemTime(Date.now() - 3_600_000);
      vi.advanceTimersByTime(60_000);
      expect(document.querySelector('.sp-time')?.textContent).toBe('08:00');
    } finally {
      vi.useRealTimers();
    }
  });

  it('announces the result in the course\'s language, with its punctuation', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      page({ ...course, language: 'zh-CN' });
      await boot(new RecordingAdapter({ savedState: savedAttempt((q) => rightAnswer(q)) }));
      button('提交答案')!.click();
      await vi.advanceTimersByTimeAsync(5000);
      expect([...document.querySelectorAll('[aria-live]')].map((e) => e.textContent)).toContain('考试成绩：100%，通过。8/8 分。');
      expect(main().querySelector('.sp-score-num')?.textContent).toBe('得分：100%');
    } finally {
      vi.useRealTimers();
    }
  });

  it('applies the platform mastery score instead of the course passing score', async () => {
    page();
    // Everything right but the 2-point question: 6 of 8 = 75%, above the course's 70%.
    const adapter = new RecordingAdapter({ masteryScore: 0.8, savedState: savedAttempt((q) => (q.type === 'multiple' ? null : rightAnswer(q))) });
    await boot(adapter);
    window.confirm = () => false;
    button('Submit my answers')!.click();
    await settle();
    // One question unanswered: the confirmation falls back to window.confirm in jsdom.
    expect(adapter.named('examFinished')).toHaveLength(0);
    window.confirm = () => true;
    button('Submit my answers')!.click();
    await settle();
    expect(adapter.named('examFinished')[0]![1]).toMatchObject({ raw: 6, max: 8, passed: false, passingScore: 0.8 });
    expect(main().textContent).toContain('Pass mark: 80%');
    expect(button('Try again (attempt 2)')).toBeDefined();
  });

  it('in review mode records nothing and cannot change a recorded pass', async () => {
    page();
    const saved = savedAttempt((q) => rightAnswer(q), { passed: true, completed: true, history: [{ attempt: 1, raw: 8, max: 8, passed: true }] });
    const state = decodeState(course, saved)!;
    state.current!.submitted = true;
    const adapter = new RecordingAdapter({ mode: 'review', savedState: encodeState(course, state) });
    await boot(adapter);
    expect(main().textContent).toContain('Review mode');
    // The recorded results stay visible.
    location.hash = '#/results';
    await settle();
    expect(main().textContent).toContain('100%');
    location.hash = '#/exam';
    await settle();
    // A practice attempt: drawn, answered badly, submitted; nothing reaches the platform.
    button('Start a practice attempt')!.click();
    window.confirm = () => true;
    button('Submit my answers')!.click();
    await settle();
    expect(main().textContent).toContain('this attempt was not recorded');
    expect(main().textContent).toContain('Not passed');
    for (const name of ['answered', 'examFinished', 'completed', 'saveState', 'lessonViewed']) expect(adapter.named(name), name).toHaveLength(0);
  });

  it('saves and finishes once on pagehide; Exit does the same and says so', async () => {
    page();
    const adapter = new RecordingAdapter();
    await boot(adapter);
    window.dispatchEvent(new Event('pagehide'));
    window.dispatchEvent(new Event('pagehide'));
    expect(adapter.named('finish')).toHaveLength(1);
    const order = adapter.calls.map((c) => c[0]);
    expect(order.lastIndexOf('saveState')).toBeLessThan(order.indexOf('finish'));

    page();
    const second = new RecordingAdapter();
    await boot(second);
    button('Exit')!.click();
    await settle();
    expect(second.named('finish')).toHaveLength(1);
    expect(main().querySelector('h1')?.textContent).toBe('Session ended');
  });

  it('starts cleanly with a notice when the saved state is corrupt', async () => {
    page();
    const adapter = new RecordingAdapter({ savedState: 'not a state' });
    await boot(adapter);
    expect(document.querySelector('.sp-notice')?.textContent).toContain('Your saved progress could not be read');
    expect(main().querySelector('h1')?.textContent).toBe(course.title);
  });

  it('refuses a course of another model version without calling the adapter', async () => {
    page({ ...course, modelVersion: 2 });
    const adapter = new RecordingAdapter();
    await boot(adapter);
    expect(main().textContent).toContain('built for a different player');
    expect(adapter.calls).toEqual([]);
  });

  it('shows a clear message when the page has no course', async () => {
    document.body.innerHTML = '<main id="app"></main>';
    await boot(new RecordingAdapter());
    expect(main().textContent).toBe('This page does not contain a course.');
  });
});

describe('question widgets', () => {
  it.each(all.map((q) => [q.type, q] as const))('%s: restores and reads back a response', (_type, question) => {
    const view = renderQuestion(question, { t, order: '' });
    document.body.replaceChildren(view.root);
    expect(view.read()).toBeNull();
    const response = rightAnswer(question);
    view.set(response);
    expect(view.read()).toEqual(response);
    expect(view.complete()).toBe(true);
    view.lock();
    expect([...view.root.querySelectorAll('input, select, textarea, button')].every((el) => (el as HTMLInputElement).disabled)).toBe(true);
  });

  it('labels every group with the prompt and every control', () => {
    for (const question of all) {
      const view = renderQuestion(question, { t, order: '' });
      document.body.replaceChildren(view.root);
      const legend = view.root.querySelector('legend, label.sp-label');
      expect(legend?.textContent).toContain(question.promptText);
      for (const control of view.root.querySelectorAll('input, select, textarea')) {
        expect(document.querySelector(`label[for="${control.id}"]`), `${question.id} ${control.outerHTML}`).not.toBeNull();
      }
    }
  });

  it('describes a text field by its hint, and by the error only while it shows (a hidden one would still be read)', () => {
    const described = (input: Element) => (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean).map((id) => document.getElementById(id)?.textContent);
    const fill = renderQuestion(all.find((q) => q.type === 'fill-in')!, { t, order: '' });
    document.body.replaceChildren(fill.root);
    expect(described(fill.root.querySelector('input')!).join(' ')).not.toMatch(/number/i);
    expect(fill.root.querySelector('.sp-error')).toBeNull();
    const numeric = renderQuestion(all.find((q) => q.type === 'numeric')!, { t, order: '' });
    document.body.replaceChildren(numeric.root);
    const input = numeric.root.querySelector('input')!;
    const error = numeric.root.querySelector('.sp-error')!.textContent;
    expect(described(input)).not.toContain(error);
    input.value = 'three';
    input.dispatchEvent(new Event('input'));
    expect(described(input)).toContain(error);
    input.value = '3';
    input.dispatchEvent(new Event('input'));
    expect(described(input)).not.toContain(error);
  });

  it('reads decimal commas and flags what is not a number', () => {
    const question = all.find((q) => q.type === 'numeric')!;
    const view = renderQuestion(question, { t, order: '' });
    document.body.replaceChildren(view.root);
    const input = view.root.querySelector('input')!;
    expect(input.getAttribute('inputmode')).toBe('decimal');
    input.value = '3,5';
    input.dispatchEvent(new Event('input'));
    expect(view.read()).toEqual({ type: 'numeric', value: 3.5 });
    input.value = 'three';
    input.dispatchEvent(new Event('input'));
    expect(view.read()).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect((view.root.querySelector('.sp-error') as HTMLElement).hidden).toBe(false);
  });

  it('counts a partly matched question as incomplete', () => {
    const question = all.find((q) => q.type === 'matching')!;
    const view = renderQuestion(question, { t, order: 'dcba' });
    document.body.replaceChildren(view.root);
    expect([...view.root.querySelectorAll('select')[0]!.options].map((o) => o.value)).toEqual(['', 'd', 'c', 'b', 'a']);
    view.set({ type: 'matching', value: [['1', 'a']] });
    expect(view.complete()).toBe(false);
    expect(view.read()).toEqual({ type: 'matching', value: [['1', 'a']] });
  });

  it('moves sequencing items with buttons, keeping focus on the moved item', () => {
    const question = all.find((q) => q.type === 'sequencing')!;
    let changes = 0;
    const view = renderQuestion(question, { t, order: 'dcba', onChange: () => changes++ });
    document.body.replaceChildren(view.root);
    expect(view.read()).toBeNull();
    const up = (id: string) => view.root.querySelector<HTMLButtonElement>(`li[data-id="${id}"] [data-move="up"]`)!;
    expect(up('d').disabled).toBe(true);
    up('a').click();
    expect(document.activeElement).toBe(up('a'));
    expect(view.read()).toEqual({ type: 'sequencing', value: ['d', 'c', 'a', 'b'] });
    up('a').click();
    up('a').click();
    // At the top, "Move up" is disabled: focus moves to the same item's "Move down".
    expect(document.activeElement).toBe(view.root.querySelector('li[data-id="a"] [data-move="down"]'));
    expect(view.root.querySelector('[aria-live]')?.textContent).toBe('“Plan the route and clear it” is now at position 1 of 4.');
    expect(changes).toBe(3);
  });

  it('limits essays to their maximum length', () => {
    const question = all.find((q) => q.type === 'essay')!;
    const view = renderQuestion(question, { t, order: '' });
    expect(view.root.querySelector('textarea')?.getAttribute('maxlength')).toBe('1000');
    expect(view.root.textContent).toContain('1000 characters left');
  });
});

describe('StandaloneAdapter', () => {
  it('keeps state in localStorage per course id and version, disconnected', async () => {
    localStorage.clear();
    const adapter = new StandaloneAdapter();
    expect((await adapter.start(course)).savedState).toBeNull();
    adapter.saveState('1~x~{}');
    expect(localStorage.getItem(storageKey(course))).toBe('1~x~{}');
    expect(storageKey(course)).toBe('skillpack:safety-basics@1.0.0');
    const again = new StandaloneAdapter();
    expect(await again.start(course)).toMatchObject({ savedState: '1~x~{}', connected: false, mode: 'normal', masteryScore: null });
  });

  it('warns once, through a notice, when storage is unavailable', async () => {
    const failing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } } as unknown as Storage;
    const adapter = new StandaloneAdapter(() => failing);
    const notices: Notice[] = [];
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      await adapter.start(course);
      adapter.saveState('x');
      adapter.onNotice((n) => notices.push(n));
    } finally {
      console.warn = warn;
    }
    expect(notices).toEqual([{ level: 'warning', key: 'storage.unavailable' }]);
  });

  it('does not claim to keep progress in a browser that refuses storage', async () => {
    page();
    const failing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } } as unknown as Storage;
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      await boot(new StandaloneAdapter(() => failing));
    } finally {
      console.warn = warn;
    }
    expect(main().querySelector('.sp-status')?.textContent).toBe('Not connected to a learning platform, and this browser keeps no progress.');
    expect(document.querySelector('.sp-notice')?.textContent).toContain('does not allow the course to save progress');
  });
});

describe('notices', () => {
  it('keep one message per key, and delivery clears the waiting ones', async () => {
    page();
    let emit: (n: Notice) => void = () => undefined;
    const adapter = new RecordingAdapter();
    adapter.onNotice = (listener) => {
      emit = listener;
    };
    await boot(adapter);
    emit({ level: 'warning', key: 'lrs.queued', detail: '3' });
    emit({ level: 'warning', key: 'lrs.queued', detail: '5' });
    emit({ level: 'error', key: 'lrs.unauthorized' });
    const texts = () => [...document.querySelectorAll('.sp-notice p')].map((p) => p.textContent);
    expect(texts()).toEqual([
      'Your results are queued and will be sent to the learning record store shortly. (5)',
      'The learning record store refused access. Your results are kept in this browser and will be sent once access is restored: please tell your course administrator.',
    ]);
    emit({ level: 'info', key: 'lrs.delivered' });
    expect(texts()).toEqual([expect.stringContaining('refused access'), 'Your queued results have been sent.']);
    expect(document.querySelector('.sp-notices')?.getAttribute('aria-live')).toBe('polite');
    (document.querySelector('.sp-notice button') as HTMLButtonElement).click();
    expect(texts()).toHaveLength(1);
    // Dismissing moves focus to the next message, then to the content's heading: never to the page.
    emit({ level: 'warning', key: 'lrs.queued', detail: '1' });
    (document.querySelector('.sp-notice button') as HTMLButtonElement).focus();
    (document.activeElement as HTMLButtonElement).click();
    expect(document.activeElement).toBe(document.querySelector('.sp-notice button'));
    (document.activeElement as HTMLButtonElement).click();
    expect(document.activeElement).toBe(main().querySelector('h1'));
  });
});

describe('exam review and scores', () => {
  it('shows the questions with their answers only as the exam\'s review setting allows', async () => {
    const { answersShown } = await import('../src/runtime/player/results.js');
    const failedWithRetake = { recording: true, passed: false, retakeLeft: true };
    const failedOut = { recording: true, passed: false, retakeLeft: false };
    const passed = { recording: true, passed: true, retakeLeft: false };
    expect([answersShown('always', failedWithRetake), answersShown('always', failedOut), answersShown('always', passed)]).toEqual([true, true, true]);
    expect([answersShown('final', failedWithRetake), answersShown('final', failedOut), answersShown('final', passed)]).toEqual([false, true, true]);
    expect([answersShown('never', failedWithRetake), answersShown('never', failedOut), answersShown('never', passed)]).toEqual([false, false, false]);
    // Review and browse launches record nothing: their practice attempts are always shown.
    expect(answersShown('never', { ...failedWithRetake, recording: false })).toBe(true);
  });

  it('rounds scores, but never shows a fail as the pass mark', async () => {
    const { percent } = await import('../src/runtime/player/exam.js');
    expect(percent(2 / 3, 'en')).toBe('66.7');
    expect(percent(0.8549, 'en')).toBe('85.5');
    expect(percent(0.5996, 'en', 0.6)).toBe('59.9');
    expect(percent(0.59949, 'en', 0.6)).toBe('59.9');
    expect(percent(0.6, 'en')).toBe('60');
  });
});
