/** @module redactSensitive: personal identifiers out of text before it is logged. */

/** Each pattern and what replaces it. Numbers are bounded by non-digits so longer ids stay whole. */
const SENSITIVE: [RegExp, string][] = [
  // A WeChat OpenID as a parameter or field, whatever its length (test accounts are short).
  [/\b(openid|FromUserName|ToUserName)(["']?\s*[=:]\s*["']?|>(?:<!\[CDATA\[)?)[A-Za-z0-9_-]+/gi, '$1$2[openid]'],
  // A bare OpenID: 28 characters starting with "o".
  [/\bo[A-Za-z0-9_-]{27}\b/g, '[openid]'],
  // A resident ID card number: 17 digits and a digit or X (the 15-digit form is older than the corpus).
  [/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, '[id-card]'],
  // A mainland mobile number, with or without +86.
  [/(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g, '[phone]'],
]

/**
 * Replaces OpenIDs, ID card numbers and mobile numbers with a placeholder. Applied by the Node
 * logger to every string it writes: error messages and stacks can quote what a user typed.
 *
 * @example
 * ```ts
 * redactSensitive('我的电话13812345678') // '我的电话[phone]'
 * ```
 */
export function redactSensitive(text: string): string {
  return SENSITIVE.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text)
}
