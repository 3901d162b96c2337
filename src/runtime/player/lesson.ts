/**
 * A lesson: its HTML, practice questions mounted into their placeholders, and
 * previous/next navigation.
 */
import type { Player, View } from './app.js';
import { h } from './dom.js';
import { mountPractice } from './practice.js';

/**
 * Render lesson `index`.
 * @param player the player
 * @param index lesson index in course order
 */
export function renderLesson(player: Player, index: number): View {
  const { course, t } = player;
  const lesson = course.lessons[index];
  if (!lesson) throw new Error(`no lesson ${index}`);
  const body = h('div', { class: 'sp-prose', html: lesson.html });
  // The compiler may keep the lesson's own `#` heading: then it is the view's heading.
  const first = body.firstElementChild;
  const heading = first instanceof HTMLHeadingElement && first.tagName === 'H1' ? first : h('h1', null, lesson.title);
  if (heading !== first) body.prepend(heading);
  // Demote any further h1 so the outline has one top heading.
  body.querySelectorAll('h1').forEach((el) => {
    if (el !== heading) el.replaceWith(h('h2', { html: el.innerHTML }));
  });

  // Wide tables scroll on their own instead of widening the page; the scroller must be
  // reachable from the keyboard, hence a named, focusable region.
  body.querySelectorAll('table').forEach((table, i) => {
    const caption = table.caption?.textContent?.trim();
    const scroller = h('div', { class: 'sp-scroll', tabindex: 0, role: 'region', 'aria-label': caption || t('lesson.table', { n: i + 1 }) });
    table.replaceWith(scroller);
    scroller.appendChild(table);
  });

  for (const placeholder of body.querySelectorAll<HTMLElement>('[data-practice]')) {
    const question = lesson.practice.find((q) => q.id === placeholder.dataset.practice);
    if (question) mountPractice(placeholder, question, t, (record) => player.reportPractice(record));
  }

  const prev = course.lessons[index - 1];
  const next = course.lessons[index + 1];
  const link = (href: string, label: string, cls: string, rel?: string) => h('a', { class: `sp-btn ${cls}`, href, rel }, label);
  const pager = h(
    'nav',
    { class: 'sp-pager', 'aria-label': t('lesson.pager') },
    prev ? link(`#/lesson/${encodeURIComponent(prev.id)}`, `← ${t('lesson.prev')}`, 'sp-btn-quiet', 'prev') : h('span'),
    next
      ? link(`#/lesson/${encodeURIComponent(next.id)}`, `${t('lesson.next')} →`, 'sp-btn-primary', 'next')
      : course.exam
        ? link('#/exam', `${t('lesson.to-exam')} →`, 'sp-btn-primary')
        : link('#/', t('lesson.to-overview'), 'sp-btn-primary'),
  );
  const el = h(
    'article',
    { class: 'sp-lesson' },
    h('p', { class: 'sp-eyebrow' }, t('lesson.position', { n: index + 1, total: course.lessons.length })),
    body,
    pager,
  );
  return { el, heading };
}
