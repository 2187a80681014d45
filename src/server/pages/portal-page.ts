/** @module The demo page: a mock 人社 portal page that embeds the widget with one script tag. */
import { html } from 'hono/html'
import type { DocumentSummary } from '../../schema/api.js'
import { pageMessages } from '../messages.js'
import { validityBadge } from './validity-badge.js'
import { pageHead } from './page-head.js'

const m = pageMessages.demo

/** Where the page's stylesheet is served. */
export const PORTAL_CSS_PATH = '/assets/portal.css'

/** Sample portal content: the kind of notices a bureau's home page lists (fictitious). */
const NOTICES: readonly { title: string; date: string }[] = [
  { title: '关于开展2026年度就业见习岗位征集工作的通知', date: '2026-11-18' },
  { title: '关于发放一次性扩岗补助的公示（第十批）', date: '2026-11-12' },
  { title: '2026年下半年职业技能等级认定考试安排', date: '2026-11-05' },
  { title: '关于做好高校毕业生等青年就业创业工作的通知', date: '2026-10-28' },
  { title: '零工市场岗位信息发布（11月第二期）', date: '2026-10-21' },
]

const SERVICES: readonly string[] = ['社保卡服务', '失业保险金申领', '创业担保贷款', '职业技能培训', '就业登记', '劳动维权']

export type PortalPageOptions = {
  /** The documents on file, listed with links to their full-document view. */
  documents: DocumentSummary[]
  /** Where the widget script is served. */
  widgetPath: string
}

/**
 * The demo portal. The widget is embedded exactly as a bureau would embed it: one deferred
 * classic script with data attributes, and a <noscript> fallback. Menu items with
 * `data-pqa-open` open the panel (no inline handlers: the page's CSP forbids them).
 */
export function renderPortalPage({ documents, widgetPath }: PortalPageOptions) {
  return html`<!doctype html>
<html lang="zh-CN">
  ${pageHead(m.pageTitle, PORTAL_CSS_PATH)}
  <body>
    <a class="skip" href="#main">${pageMessages.skipToContent}</a>
    <p class="notice">${m.demoNotice}</p>
    <div class="toolbar">
      <div class="wrap"><a href="#main">${m.elderMode}</a><a href="#main">${m.accessible}</a></div>
    </div>
    <header class="masthead">
      <div class="wrap">
        <div class="emblem" aria-hidden="true">人</div>
        <div>
          <h1>${m.bureau}</h1>
          <p class="en">${m.bureauEn}</p>
        </div>
        <form role="search" action="#" aria-label="${m.searchLabel}">
          <input type="search" name="q" aria-label="${m.searchPlaceholder}" placeholder="${m.searchPlaceholder}" />
          <button type="button">${m.search}</button>
        </form>
      </div>
    </header>
    <nav class="nav" aria-label="${m.mainNav}">
      <div class="wrap">
        <ul>
          ${m.nav.map((item) => html`<li><a href="#main">${item}</a></li>`)}
          <li><a href="#main" data-pqa-open>${m.askMenu}</a></li>
        </ul>
      </div>
    </nav>
    <main id="main">
      <section class="banner">
        <div class="wrap">
          <h2>${m.bannerTitle}</h2>
          <p>${m.bannerText}</p>
          <a class="cta" href="#main" data-pqa-open>${m.bannerButton}</a>
        </div>
      </section>
      <div class="wrap columns">
        <section class="box" aria-labelledby="notices">
          <h2 id="notices">${m.noticesHeading}</h2>
          <ul>
            ${NOTICES.map((n) => html`<li><span>${n.title}</span><span class="date">${n.date}</span></li>`)}
          </ul>
        </section>
        <section class="box" aria-labelledby="docs">
          <h2 id="docs">${m.docsHeading}</h2>
          <ul>
            ${documents.map((d) => {
              const badge = validityBadge(d.status)
              return html`<li>
                <span class="doc"><a href="/doc/${encodeURIComponent(d.docKey)}">${d.title}</a><small>${d.city}${d.date ? ` · ${d.date}` : ''}</small></span>
                <span><span class="badge ${badge.tone}">${badge.text}</span></span>
              </li>`
            })}
          </ul>
        </section>
        <section class="box wide" aria-labelledby="services">
          <h2 id="services">${m.servicesHeading}</h2>
          <ul class="services">
            ${SERVICES.map((s) => html`<li>${s}</li>`)}
          </ul>
        </section>
      </div>
    </main>
    <footer class="site-footer">
      <p>${m.footerHost}　${m.hotline}</p>
      <p>${m.footerNote}</p>
    </footer>
    <script src="${widgetPath}" defer data-title="${m.widgetTitle}" data-site="demo" data-position="right" data-theme-color="#b3261e"></script>
    <noscript><p>${m.noScript}</p></noscript>
  </body>
</html>`
}
