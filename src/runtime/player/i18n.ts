/**
 * Every string the player shows comes from a language table (src/runtime/strings/):
 * each table is a small script of its own in the package, loaded before the player for
 * the course's language and on demand for the learner's preferred one, so a package
 * carries every language but a learner downloads only what they read. Placeholders are
 * `{name}`; `one|other` gives a string's singular and plural, chosen by its `{n}`.
 *
 * Notice keys (what adapters pass in `Notice.key`; `Notice.detail`, when given, is
 * shown after the message between the interface's brackets, `notice.detail`: full-width in
 * Chinese; a detail that is itself a message key is shown in the interface's words):
 * - `lms.not-found`      no LMS API found: running disconnected, progress kept in this browser
 * - `lms.error`          the LMS reported an error (detail: code and text)
 * - `lms.commit-failed`  the LMS did not accept a commit: progress may not be recorded
 * - `lrs.queued`         xAPI statements are queued and will be sent later
 * - `lrs.unauthorized`   the LRS refused the credentials: results are not recorded
 * - `lrs.offline`        no network: statements wait until the connection returns
 * - `lrs.delivered`      queued statements were delivered after all
 * - `lrs.rejected`       the LRS refused statements, or they could not be sent any more: set aside (detail: its message,
 *   or `lrs.expired` when the session that made them has ended)
 * - `lrs.session-ended`  cmi5: this launch's session has ended (e.g. the page was reloaded after leaving); nothing more is recorded
 * - `state.corrupt`      saved progress could not be read and was reset (raised by the player)
 * - `state.updated`      saved progress belongs to an earlier edition of the course and was carried over
 *   (with `state.updated-lessons`, `-answers`, `-attempt` saying what changed; params `{n}`)
 * - `storage.unavailable` the browser refused local storage: progress lasts only this visit
 * Any other key is shown with a generic sentence naming it, so a new adapter never shows nothing.
 */
import type { Language } from '../../course/model.js';
import type { Notice } from '../lms/adapter.js';
import type { MessageKey, Messages } from '../strings/en.js';

export type { MessageKey, Messages } from '../strings/en.js';

/** Where the language scripts put their tables. */
type StringRegistry = Partial<Record<Language, Messages>>;
const registry = (): StringRegistry => ((globalThis as { skillpackStrings?: StringRegistry }).skillpackStrings ??= {});

/**
 * Make a language table available (what each language script does when it loads).
 * @param language its tag
 * @param table its strings
 */
export function registerStrings(language: Language, table: Messages): void {
  registry()[language] = table;
}

/** Is a language's table loaded? */
export function hasStrings(language: string): boolean {
  return Boolean(registry()[language as Language]);
}

/**
 * Load a language's table from the package (runtime/strings-<tag>.js, beside the player's
 * script) unless it is there already; resolves false when it cannot be loaded.
 * @param language the language tag
 */
export function loadStrings(language: string): Promise<boolean> {
  if (hasStrings(language)) return Promise.resolve(true);
  if (!/^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?$/.test(language) || typeof document === 'undefined') return Promise.resolve(false);
  const player = document.querySelector<HTMLScriptElement>('script[src$="player.js"]');
  const base = player ? new URL('.', player.src) : new URL('runtime/', location.href);
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = new URL(`strings-${language}.js`, base).href;
    const done = () => resolve(hasStrings(language));
    script.onload = done;
    script.onerror = done;
    setTimeout(done, 10_000);
    document.head.append(script);
  });
}

/** Look up a string and fill in its `{placeholders}`. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * A translator for a language (its table must be loaded; the English one, then any loaded
 * one, stand in for a table that is missing, and a key stands for itself last).
 * @param language the language tag
 */
export function translator(language: Language | string): Translate {
  const tables = registry();
  const table = tables[language as Language] ?? tables.en ?? Object.values(tables)[0];
  return (key, params) => {
    // `one|other`: a language with plural forms (English) writes both; the count is `{n}` (1 is one).
    const forms = (table?.[key] ?? key).split('|');
    return forms[String(params?.n) === '1' ? 0 : forms.length - 1]!.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
  };
}

/** True when a string is a known UI key (notices come from adapters as plain strings). */
export function isMessageKey(key: string): key is MessageKey {
  const table = registry().en ?? Object.values(registry())[0];
  return Boolean(table && Object.prototype.hasOwnProperty.call(table, key));
}

/**
 * The sentence to show for an adapter notice, detail appended.
 * @param t the course's translator
 * @param notice the notice from `LmsAdapter.onNotice`
 */
export function noticeText(t: Translate, notice: Notice): string {
  const base = isMessageKey(notice.key) ? t(notice.key, notice.params) : t('notice.unknown', { key: notice.key });
  const detail = notice.detail && isMessageKey(notice.detail) ? t(notice.detail) : notice.detail;
  return detail ? base + t('notice.detail', { detail }) : base;
}

/**
 * Format a number for display in the course language (decimal comma-free, at most 2 decimals).
 * @param value the number
 * @param language `course.language`
 */
export function formatNumber(value: number, language: string): string {
  try {
    return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
  } catch {
    return String(Math.round(value * 100) / 100);
  }
}
