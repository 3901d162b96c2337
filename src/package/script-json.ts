/** JSON safe to place inside a <script> element: `<` cannot close it, and U+2028/2029 stay escaped. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
