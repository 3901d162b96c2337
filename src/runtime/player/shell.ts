/**
 * The app shell: skip link, header (logo, course title, progress, Exit), the lesson
 * list, the notice area and a polite announcer. Views render into `shell.view`.
 *
 * The page provides `<main id="app">`; the shell wraps it so the header and the
 * navigation are landmarks of their own rather than parts of the main content.
 */
import type { Course } from '../../course/model.js';
import type { Notice } from '../lms/adapter.js';
import type { Place } from '../state.js';
import { append, h } from './dom.js';
import { noticeText, type Translate } from './i18n.js';
import { placeHash, samePlace } from './router.js';

export interface ShellState {
  viewed: readonly boolean[];
  place: Place;
  passed: boolean;
}

export interface Shell {
  /** Where views render. */
  view: HTMLElement;
  /** Refresh progress and the lesson list. */
  update(state: ShellState): void;
  /** Show an adapter notice (polite live region). */
  notice(notice: Notice): void;
  /** Say something to screen-reader users without showing it. */
  announce(text: string): void;
  /** The session is over: hide what could start more work. */
  ended(): void;
}

/**
 * Build the shell around the page's main element.
 * @param main the page's `<main id="app">`
 * @param course the course
 * @param t translator
 * @param onExit the Exit button's action
 */
export function createShell(main: HTMLElement, course: Course, t: Translate, onExit: () => void): Shell {
  const progressText = h('span', { class: 'sp-progress-text' });
  const bar = h('span', { class: 'sp-bar-fill' });
  const exit = h('button', { type: 'button', class: 'sp-btn sp-btn-quiet sp-exit', onclick: onExit }, t('header.exit'));
  const header = h(
    'header',
    { class: 'sp-header' },
    h(
      'div',
      { class: 'sp-header-inner' },
      h('div', { class: 'sp-brand' }, h('span', { class: 'sp-logo', 'aria-hidden': 'true' }), h('p', { class: 'sp-course-title' }, course.title)),
      h('div', { class: 'sp-progress' }, progressText, h('span', { class: 'sp-bar', 'aria-hidden': 'true' }, bar)),
      exit,
    ),
  );

  const listId = 'sp-nav-list';
  const list = h('ol', { class: 'sp-nav-list', id: listId });
  const toggle = h('button', { type: 'button', class: 'sp-nav-toggle', 'aria-expanded': 'false', 'aria-controls': listId }, t('nav.toggle'));
  const nav = h('nav', { class: 'sp-nav', 'aria-label': t('nav.label') }, toggle, list);
  const setOpen = (open: boolean) => {
    nav.classList.toggle('sp-open', open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => setOpen(!nav.classList.contains('sp-open')));
  // On phones the list is a disclosure: close it once a place is chosen.
  list.addEventListener('click', (event) => {
    if ((event.target as Element).closest('a')) setOpen(false);
  });

  const notices = h('div', { class: 'sp-notices', 'aria-live': 'polite', 'aria-label': t('notices.label'), role: 'region' });
  const view = h('div', { class: 'sp-view' });
  const announcer = h('div', { class: 'sp-vh', 'aria-live': 'polite' });

  const skip = h('a', { class: 'sp-skip', href: '#app' }, t('skip'));
  const focusContent = () => {
    const heading = view.querySelector<HTMLElement>('h1') ?? main;
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  };
  skip.addEventListener('click', (event) => {
    // Not a route: focus the content instead of changing the hash.
    event.preventDefault();
    focusContent();
  });

  const layout = h('div', { class: 'sp-layout' }, nav);
  main.replaceWith(h('div', { class: 'sp-root' }, skip, header, layout, announcer));
  main.classList.add('sp-main');
  main.replaceChildren(notices, view);
  layout.appendChild(main);

  const entry = (place: Place, label: string, state: ShellState, done: boolean, doneLabel: string, number?: number) => {
    const current = samePlace(place, state.place);
    return h(
      'li',
      { class: done ? 'sp-done' : null },
      h(
        'a',
        { href: placeHash(place, course), 'aria-current': current ? 'page' : null },
        h('span', { class: number === undefined ? 'sp-nav-num sp-nav-blank' : 'sp-nav-num', 'aria-hidden': 'true' }, number ?? ''),
        h('span', { class: 'sp-nav-text' }, label),
        done ? h('span', { class: 'sp-vh' }, ` ${doneLabel}`) : null,
        h('span', { class: 'sp-nav-mark', 'aria-hidden': 'true' }, done ? '✓' : ''),
      ),
    );
  };

  return {
    view,
    update(state) {
      const viewed = state.viewed.filter(Boolean).length;
      const total = course.lessons.length;
      progressText.textContent = t('header.progress', { viewed, total });
      bar.style.width = `${total ? (viewed / total) * 100 : 100}%`;
      list.replaceChildren();
      append(list, [
        entry({ view: 'welcome' }, t('nav.welcome'), state, false, ''),
        course.lessons.map((lesson, index) =>
          entry({ view: 'lesson', index }, lesson.title, state, state.viewed[index] === true, t('nav.viewed'), index + 1),
        ),
        // The results belong to the exam entry.
        course.exam && entry({ view: 'exam' }, t('nav.exam'), { ...state, place: state.place.view === 'results' ? { view: 'exam' } : state.place }, state.passed, t('nav.passed')),
      ]);
    },
    notice(notice) {
      // One message per key: a queue reporting its backlog again replaces its old message,
      // and delivery clears the waiting ones.
      const stale = notice.key === 'lrs.delivered' ? ['lrs.queued', 'lrs.offline', notice.key] : [notice.key];
      for (const old of notices.querySelectorAll<HTMLElement>('[data-key]')) if (stale.includes(old.dataset.key ?? '')) old.remove();
      const item = h(
        'div',
        { class: `sp-notice sp-notice-${notice.level}`, 'data-key': notice.key },
        h('p', null, noticeText(t, notice)),
        h('button', {
          type: 'button',
          class: 'sp-icon',
          'aria-label': t('notice.dismiss'),
          // Focus goes to the next message, or to the content: never lost to the page.
          onclick: () => {
            const next = (item.nextElementSibling ?? item.previousElementSibling)?.querySelector('button');
            item.remove();
            if (next) next.focus();
            else focusContent();
          },
        }, '×'),
      );
      notices.appendChild(item);
    },
    announce(text) {
      // Clear first so that the same sentence twice is announced twice.
      announcer.textContent = '';
      setTimeout(() => {
        announcer.textContent = text;
      }, 50);
    },
    ended() {
      nav.hidden = true;
      exit.hidden = true;
      layout.classList.add('sp-session-ended');
    },
  };
}
