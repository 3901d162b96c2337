/**
 * What makes a file name unsafe to unpack on some system, in one place: the
 * compiler refuses such course files, and `skillpack validate` refuses such
 * zip entries, by the same rules.
 */

/** Windows device names, with or without an extension (`CON`, `nul.txt`, `COM¹`). */
export const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Characters Windows does not allow in a file name (besides the separators). */
export const WINDOWS_RESERVED = /[<>:"|?*]/;
/** C0 and C1 controls, and the characters that reorder text (the "Trojan Source" set). */
export const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
