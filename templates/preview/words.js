// The workspace's words, in the page's language (src/languages/preview/<tag>.ts): the server
// writes them into the page as JSON (#preview-words), since the page's CSP allows no inline
// script. Every word the scripts show comes from here; what the course reported is shown as it is.

/** The words, by part of the workspace (chrome, stage, overlay, panel, targets, sources, formats). */
export const words = JSON.parse(document.getElementById('preview-words').textContent);

const plurals = new Intl.PluralRules(document.documentElement.lang);

/** `template` with each `{name}` replaced by its value in `values`. */
export function say(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** The form of a counted message for `count` (`{count}`), filled in. */
export function count(message, n, values = {}) {
  return say(message[plurals.select(n)] ?? message.other, { count: n, ...values });
}
