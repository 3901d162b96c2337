/**
 * Filling in the catalogue page's words (src/languages/catalogue-words.ts): `{name}`
 * placeholders, and the form a counted message takes for a number in the page's language.
 * The page's script (templates/catalogue.js) does the same for the few words it writes.
 */
import Handlebars from 'handlebars';
import type { Counted, Language } from '../languages/index.js';

export const escapeHtml = Handlebars.escapeExpression;

/** `template` with each `{name}` replaced by its value (a name without a value is left as it is). */
export function fill(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

const pluralRules = new Map<Language, Intl.PluralRules>();

/** The form of `message` that `count` takes in `language`, filled in (`{count}` is the count). */
export function counted(language: Language, message: Counted, count: number, values: Readonly<Record<string, string | number>> = {}): string {
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  return fill(message[rules.select(count)] ?? message.other, { count, ...values });
}

/**
 * HTML for a `{{{ }}}` in a template: `template`'s own text escaped, each placeholder replaced
 * by the markup given for it (a `<code>` or `<time>` element, escaped by whoever built it).
 */
export function fillHtml(template: string, markup: Readonly<Record<string, string>>): string {
  return template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name !== undefined && Object.hasOwn(markup, name) ? markup[name] : escapeHtml(part);
    })
    .join('');
}
