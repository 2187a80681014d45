/** @module The widget's settings, read from its script tag's data attributes through an allowlist. */
import { widgetMessages } from './messages.js'
import { parseHexColor } from './contrast.js'

export type WidgetPosition = 'left' | 'right'
export type WidgetFontSize = 'standard' | 'large'

export type WidgetConfig = {
  /** Root of the service: the widget calls `${api}/api/chat/stream` and links to `${api}/doc/…`. */
  api: string
  /** Panel heading. */
  title: string
  /** Restricts answers to this city, county or district; sent as `city`. */
  city: string | undefined
  /** Tenant name in the sessionStorage keys; not a secret. */
  site: string
  position: WidgetPosition
  /** Launcher and header colour, `#rrggbb`. */
  themeColor: string
  /** Pixels between the viewport's bottom edge and the launcher, to clear portal toolbars. */
  offsetBottom: number
  /** Starting font size; the user can switch with the 大字模式 button. */
  fontSize: WidgetFontSize
  /** Example questions on the welcome screen (at most {@link widgetLimits.examples}). */
  examples: string[]
}

/** Bounds on attribute values; anything outside falls back to the default. */
export const widgetLimits = {
  titleChars: 30,
  cityChars: 20,
  siteChars: 40,
  /** Launcher offset from the bottom edge, px. */
  offsetBottomMax: 400,
  examples: 3,
  exampleChars: 60,
} as const

export const defaultWidgetConfig: Omit<WidgetConfig, 'api'> = {
  title: widgetMessages.defaultTitle,
  city: undefined,
  site: 'default',
  position: 'right',
  /** 人社 red; white text on it has a contrast of 6.5:1. */
  themeColor: '#b3261e',
  offsetBottom: 24,
  fontSize: 'standard',
  examples: [...widgetMessages.examples],
}

/** The data attributes the widget reads (`data-theme-color` → `themeColor`); `color` is an alias. */
export type WidgetDataset = Partial<
  Record<
    'api' | 'title' | 'city' | 'site' | 'position' | 'themeColor' | 'color' | 'offsetBottom' | 'font' | 'examples',
    string
  >
>

const SITE = /^[A-Za-z0-9_-]+$/
/** Control characters, which no title or question needs. */
const CONTROL = /[\u0000-\u001f\u007f]/g

/**
 * Reads the widget's settings. Every attribute is checked against an allowlist of values and
 * falls back to its default; nothing is evaluated. The API defaults to the script's own origin.
 *
 * @param dataset - the script tag's `dataset`
 * @param scriptSrc - the script tag's absolute `src`
 */
export function readWidgetConfig(dataset: WidgetDataset, scriptSrc: string): WidgetConfig {
  const d = defaultWidgetConfig
  const offset = Number(dataset.offsetBottom)
  return {
    api: apiBase(dataset.api, scriptSrc),
    title: text(dataset.title, widgetLimits.titleChars) ?? d.title,
    city: text(dataset.city, widgetLimits.cityChars) ?? d.city,
    site: dataset.site && dataset.site.length <= widgetLimits.siteChars && SITE.test(dataset.site) ? dataset.site : d.site,
    position: dataset.position === 'left' || dataset.position === 'right' ? dataset.position : d.position,
    themeColor: themeColor(dataset.themeColor ?? dataset.color) ?? d.themeColor,
    offsetBottom:
      dataset.offsetBottom !== undefined && Number.isInteger(offset) && offset >= 0 && offset <= widgetLimits.offsetBottomMax
        ? offset
        : d.offsetBottom,
    fontSize: dataset.font === 'large' || dataset.font === 'standard' ? dataset.font : d.fontSize,
    examples: examples(dataset.examples) ?? d.examples,
  }
}

/** An http(s) URL without trailing slash, query or hash; else the script's own origin. */
function apiBase(value: string | undefined, scriptSrc: string): string {
  const fallback = safeUrl(scriptSrc)?.origin ?? ''
  const url = value ? safeUrl(value, scriptSrc) : undefined
  if (!url) return fallback
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

function safeUrl(value: string, base?: string): URL | undefined {
  try {
    const url = new URL(value, base)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined
  } catch {
    return undefined
  }
}

function text(value: string | undefined, maxChars: number): string | undefined {
  const clean = value?.replace(CONTROL, '').trim()
  return clean && [...clean].length <= maxChars ? clean : undefined
}

/** `#rgb` or `#rrggbb`, normalised to `#rrggbb`. */
function themeColor(value: string | undefined): string | undefined {
  const rgb = value ? parseHexColor(value) : undefined
  return rgb ? `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}` : undefined
}

/** `|`-separated questions; invalid ones are dropped, none left means the defaults. */
function examples(value: string | undefined): string[] | undefined {
  const list = (value ?? '')
    .split('|')
    .map((q) => text(q, widgetLimits.exampleChars))
    .filter((q): q is string => q !== undefined)
    .slice(0, widgetLimits.examples)
  return list.length > 0 ? list : undefined
}
