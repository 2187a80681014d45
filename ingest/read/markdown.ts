/** @module readMarkdown: Markdown → the plain lines the outline parser reads. */

// A pipe-table row (| a | b |) and the rule under its header (|---|:--:|).
const TABLE_ROW = /^\s*\|(.*)\|\s*$/
const TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/

/**
 * The text of a Markdown file as plain lines: heading hashes, emphasis, link and image syntax and
 * quote marks are dropped; the outline markers people type (一、 （一） 1.) are text and stay.
 * A pipe table becomes tab-led cell lines, a blank line after each row, as parse-table reads
 * tables. Line count and order are kept, except a table's header rule.
 */
export function readMarkdown(markdown: string): string {
  const out: string[] = []
  let inTable = false
  let fenced = false
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(?:```|~~~)/.test(line)) {
      fenced = !fenced
      continue
    }
    if (fenced) {
      out.push(line)
      continue
    }
    const row = line.match(TABLE_ROW)
    if (row) {
      if (TABLE_RULE.test(line)) continue
      inTable = true
      out.push(...row[1].split('|').map((cell) => `\t${inline(cell.trim())}`), '')
      continue
    }
    if (inTable) {
      out.push('') // two blank lines end a table region
      inTable = false
    }
    out.push(inline(line.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/\s+#+\s*$/, '').replace(/^\s*>\s?/, '')))
  }
  return out.join('\n')
}

function inline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^*])\*(?!\s)([^*]+?)\*(?!\*)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
}
