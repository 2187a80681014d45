/** @module normalizeForMatch: text as retrieval compares it for "does it mention". */

/** Text as compared for "does it mention": NFKC, lower case, no white space. */
export function normalizeForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '')
}
