/**
 * Brackets that look like a task list's checkbox as authors type them: `[ ]`, the full-width
 * `［ ］`, or the `【 】` a Chinese input method types for `[ ]`. Written once for the checks that
 * look for them: an option whose checkbox the parser does not read (missing-checkboxes.ts), and a
 * line that starts with one but has no list marker before it (list-markers.ts).
 */

/** Closing brackets, as the inside of a regular expression's character class. */
const CLOSING = '\\]］】';

/** Any character but a closing bracket or a line break, as regular-expression source. */
export const NOT_CLOSING = `[^${CLOSING}\\n]`;

/**
 * Checkbox-like brackets as regular-expression source.
 * @param inside what the check allows between them (regular-expression source)
 */
export const checkboxLike = (inside: string): string => `[[［【]${inside}[${CLOSING}]`;
