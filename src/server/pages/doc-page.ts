/** @module The full-document view: every unit with an anchor at its path; the `:target` unit is the cited one. */
import { html } from 'hono/html'
import type { DocumentDetail } from '../../schema/api.js'
import { pageMessages as m } from '../messages.js'
import { validityBadge } from './validity-badge.js'
import { pageHead } from './page-head.js'

type Unit = DocumentDetail['units'][number]

/** Deepest heading level used for units (h2 for top-level units, then h3, then h4). */
const MAX_HEADING_LEVEL = 4

/** Where the page's stylesheet is served. */
export const DOC_CSS_PATH = '/assets/doc.css'

/** How deep a unit sits: 二 → 1, 二/（三） → 2, 二/（三）/1 → 3. */
export function unitDepth(path: string): number {
  return path.split('/').length
}

/**
 * The lines of a unit's text to show under its label: without a first line that only repeats the
 * heading (二、工作目标 then 工作目标), and none at all when the text is the heading.
 */
export function unitBodyLines(unit: Pick<Unit, 'heading' | 'text'>): string[] {
  const lines = unit.text.split('\n').filter((line) => line.trim())
  if (unit.heading && lines[0]?.trim() === unit.heading.trim()) lines.shift()
  return lines
}

/**
 * The page for one document. Every interpolated value is escaped by hono's `html`. Units carry
 * `id` = their path, so `/doc/changzhou#二/（三）/1` scrolls to and (by CSS `:target`) highlights
 * the cited unit without any script.
 */
export function renderDocPage({ document: doc, units }: DocumentDetail) {
  const badge = validityBadge(doc.status)
  const chapters = units.filter((u) => unitDepth(u.path) === 1 && u.kind !== 'preamble')
  return html`<!doctype html>
<html lang="zh-CN">
  ${pageHead(m.docTitle(doc.title), DOC_CSS_PATH)}
  <body>
    <a class="skip" href="#doc-body">${m.skipToContent}</a>
    <header class="top"><p>${m.serviceName} · ${m.docPageSuffix}</p></header>
    <main id="doc-body">
      <article>
        <header class="doc-head">
          <p class="city">${doc.city}</p>
          <h1>${doc.title}</h1>
          <dl>
            ${doc.issuer ? html`<dt>${m.issuedBy}</dt><dd>${doc.issuer}</dd>` : ''}
            ${doc.date ? html`<dt>${m.issuedOn}</dt><dd>${doc.date}</dd>` : ''}
            ${doc.validFrom ? html`<dt>${m.validFrom}</dt><dd>${doc.validFrom}</dd>` : ''}
            ${doc.validTo ? html`<dt>${m.validTo}</dt><dd>${doc.validTo}</dd>` : ''}
            <dt>${m.validity}</dt>
            <dd><span class="badge ${badge.tone}" data-status="${doc.status}">${badge.text}</span> ${doc.validity}</dd>
          </dl>
          <p class="hint">${m.targetHint}</p>
        </header>
        ${chapters.length > 1
          ? html`<nav class="toc" aria-labelledby="toc-title">
              <h2 id="toc-title">${m.contents}</h2>
              <ol>
                ${chapters.map((u) => html`<li><a href="#${u.path}">${u.label}</a></li>`)}
              </ol>
            </nav>`
          : ''}
        ${units.map(renderUnit)}
      </article>
    </main>
    <footer><p>${m.footer}</p></footer>
  </body>
</html>`
}

function renderUnit(unit: Unit, index: number) {
  const depth = unitDepth(unit.path)
  const level = Math.min(depth + 1, MAX_HEADING_LEVEL)
  const headingId = `h-${index}`
  const link = html`<a href="#${unit.path}" aria-label="${m.linkToUnit(unit.label)}">${unit.label}</a>`
  const heading =
    level === 2
      ? html`<h2 id="${headingId}">${link}</h2>`
      : level === 3
        ? html`<h3 id="${headingId}">${link}</h3>`
        : html`<h4 id="${headingId}">${link}</h4>`
  return html`<section id="${unit.path}" class="unit kind-${unit.kind} depth-${Math.min(depth, 5)}" aria-labelledby="${headingId}">
          ${heading}
          ${unitBodyLines(unit).map((line) => html`<p>${line}</p>`)}
        </section>`
}

/** The page for a document key that is not on file (status 404), so a stale WeChat link reads well. */
export function renderDocNotFoundPage(docKey: string) {
  return html`<!doctype html>
<html lang="zh-CN">
  ${pageHead(m.docNotFound, DOC_CSS_PATH)}
  <body>
    <header class="top"><p>${m.serviceName} · ${m.docPageSuffix}</p></header>
    <main id="doc-body">
      <article>
        <h1>${m.docNotFound}</h1>
        <p>${m.docNotFoundHint}（${docKey}）</p>
      </article>
    </main>
    <footer><p>${m.footer}</p></footer>
  </body>
</html>`
}
