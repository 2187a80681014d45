/** @module WCAG 2 contrast: pick a text colour that stays readable on a portal's theme colour. */

/** WCAG 2.x AA minimum for normal text. */
export const MIN_CONTRAST = 4.5

const WHITE = '#ffffff'
/** Black, used instead of white on light theme colours (white or black always reaches 4.58:1). */
const DARK = '#000000'

/** `#rgb` or `#rrggbb` → [r, g, b] in 0–255; undefined for anything else. */
export function parseHexColor(color: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())
  if (!m) return undefined
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1]
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number]
}

/** Relative luminance (WCAG 2.x) of a hex colour, 0 (black) to 1 (white). */
export function luminance(color: string): number {
  const rgb = parseHexColor(color)
  if (!rgb) throw new Error(`Not a hex colour: ${color}`)
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** Contrast ratio of two hex colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

/** White or black, whichever contrasts more with `background` (so always at least 4.58:1). */
export function readableTextOn(background: string): string {
  return contrastRatio(WHITE, background) >= contrastRatio(DARK, background) ? WHITE : DARK
}
