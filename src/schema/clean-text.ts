/** @module stripControlCharacters: user text without the characters that only cause harm. */

/**
 * C0 and C1 control characters except tab, line feed and carriage return (which separate words),
 * plus the invisible formatting characters used to disguise text: zero-width space, bidi embeddings,
 * overrides and isolates (Trojan Source, CVE-2021-42574), and the byte-order mark. A null byte or
 * escape sequence would otherwise reach logs, terminals and the index untouched. The zero-width
 * joiner (U+200D) stays: emoji sequences are built with it.
 */
const CONTROL_CHARACTERS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g

/**
 * Removes control and invisible formatting characters (see {@link CONTROL_CHARACTERS}). Applied by
 * the request schemas before trimming and length checks, so a question of only such characters is
 * empty. Full-width digits and letters are left as typed: matching normalises them (NFKC in
 * buildQuery), and the text a user sees is never rewritten.
 *
 * @example
 * ```ts
 * stripControlCharacters('社保\u0000补贴\u202E') // '社保补贴'
 * ```
 */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '')
}
