/**
 * The welcome screen: what the course is, what it leads to, how it is completed,
 * and whether progress is reaching a learning platform.
 */
import type { Player, View } from './app.js';
import { h } from './dom.js';
import { formatNumber } from './i18n.js';
import { recordedCard } from './recorded.js';

/** Status line about the platform connection (the launch mode is a shell notice). */
function statusLine(player: Player): HTMLElement {
  const { t, launch } = player;
  return h(
    'p',
    { class: `sp-status ${launch.connected ? 'sp-connected' : 'sp-offline'}` },
    h('span', { class: 'sp-dot', 'aria-hidden': 'true' }),
    launch.connected ? t('status.connected', { platform: launch.platform }) : t(launch.platform ? 'status.offline' : 'status.unsaved'),
  );
}

/**
 * Render the welcome screen.
 * @param player the player
 */
export function renderWelcome(player: Player): View {
  const { course, t, state, launch } = player;
  const lang = course.language;
  const heading = h('h1', null, course.title);
  const started = state.viewed.some(Boolean) || state.attemptsUsed > 0;
  const next = state.viewed.findIndex((v) => !v);
  const fact = (label: string, ...value: Array<string | HTMLElement>) => h('div', { class: 'sp-fact' }, h('dt', null, label), h('dd', null, ...value));
  const cert = course.certificate;
  const lessons = course.lessons.length;
  const el = h(
    'div',
    { class: 'sp-welcome' },
    h(
      'section',
      { class: 'sp-hero' },
      launch.learnerName ? h('p', { class: 'sp-eyebrow' }, t('welcome.greeting', { name: launch.learnerName })) : h('p', { class: 'sp-eyebrow' }, course.occupation),
      heading,
      h('p', { class: 'sp-lead' }, course.summary),
      state.completed ? h('p', { class: 'sp-badge sp-good' }, t('welcome.completed')) : null,
      h(
        'div',
        { class: 'sp-actions' },
        h(
          'a',
          {
            class: 'sp-btn sp-btn-primary',
            href: next >= 0 ? `#/lesson/${encodeURIComponent(course.lessons[next]?.id ?? '')}` : course.exam ? '#/exam' : '#/lesson/' + encodeURIComponent(course.lessons[0]?.id ?? ''),
          },
          started ? t('welcome.continue') : t('welcome.start'),
        ),
      ),
      statusLine(player),
    ),
    recordedCard(player),
    h(
      'section',
      { class: 'sp-card', 'aria-labelledby': 'sp-facts-h' },
      h('h2', { id: 'sp-facts-h' }, t('welcome.facts')),
      h(
        'dl',
        { class: 'sp-facts' },
        fact(t('welcome.occupation'), course.occupation),
        fact(t('welcome.certificate'), h('span', { class: 'sp-strong' }, cert.name), h('span', { class: 'sp-sub' }, `${cert.level} · ${t('welcome.issuer')} ${cert.issuer}`)),
        fact(t('welcome.credits'), t('welcome.credits-value', { n: formatNumber(course.credits, lang) })),
        fact(t('welcome.hours'), t('welcome.hours-value', { n: formatNumber(course.hours, lang) })),
        fact(t('welcome.content'), t(course.exam ? 'welcome.content-exam' : 'welcome.content-value', { n: lessons })),
      ),
      h('p', { class: 'sp-note' }, t(`welcome.rule.${course.completion}`)),
    ),
  );
  return { el, heading };
}
