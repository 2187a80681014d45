/** @module DOM building without markup strings: every text goes in as a text node. */

type Child = Node | string | false | null | undefined

export type ElementProps = {
  /** Class names. */
  class?: string
  /** Attributes, set with setAttribute (never event handlers: use `on`). */
  attrs?: Record<string, string | number | boolean | undefined>
  /** Event listeners. */
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>
}

/**
 * Creates an element; strings become text nodes, so model or document text can never become markup.
 *
 * @example
 * ```ts
 * h('button', { class: 'send', attrs: { type: 'button' }, on: { click: send } }, '发送')
 * ```
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  if (props.class) el.className = props.class
  setAttributes(el, props.attrs)
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    el.addEventListener(type, listener as EventListener)
  }
  append(el, children)
  return el
}

/** Appends children, strings as text nodes; false, null and undefined are skipped. */
export function append(parent: Node, children: Child[]) {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child)
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/** A decorative inline SVG icon from path data (hidden from screen readers). */
export function icon(pathData: string, size = 20): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg')
  setAttributes(svg, {
    viewBox: '0 0 24 24',
    width: size,
    height: size,
    'aria-hidden': 'true',
    focusable: 'false',
    fill: 'currentColor',
  })
  const path = document.createElementNS(SVG_NS, 'path')
  path.setAttribute('d', pathData)
  svg.appendChild(path)
  return svg
}

function setAttributes(el: Element, attrs: ElementProps['attrs'] = {}) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue
    el.setAttribute(name, value === true ? '' : String(value))
  }
}

/** Icons (Material Design paths, Apache-2.0). */
export const icons = {
  chat: 'M20 2H4c-1.1 0-2 .9-2 2v18l4-4h14c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2zM6 9h12v2H6V9zm8 5H6v-2h8v2zm4-6H6V6h12v2z',
  close: 'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z',
  send: 'M2.01 21 23 12 2.01 3 2 10l15 2-15 2z',
  stop: 'M6 6h12v12H6z',
} as const
