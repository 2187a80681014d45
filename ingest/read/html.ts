/** @module readHtml: a saved government web page → its article as lines, with title and 发布时间. */
import { HTMLElement, parse } from 'node-html-parser'
import { htmlToLines } from './html-lines.js'

/** What a web page says about its article, from its <meta> tags or its info bar. */
export interface HtmlMeta {
  title?: string
  /** 发布时间 as the page writes it. */
  published?: string
  /** 来源: the publishing body. */
  source?: string
}

// Containers of the article body in the CMSs government portals run on (TRS, Hanweb, UCAP,
// 拓尔思 #zoom), then generic ones; the first that holds enough text wins.
const BODY_SELECTORS = [
  '#zoom',
  '.TRS_Editor',
  '.trs_editor_view',
  '#UCAP-CONTENT',
  '.pages_content',
  '.article-content',
  '.article_content',
  '.art_con',
  '.news_content',
  '.con_text',
  '#content',
  '#Content',
  'article',
  '.article',
  '.content',
  '.detail',
  'main',
]
/** Characters of text a container needs to be taken for the article (not a teaser or a menu). */
const BODY_MIN_CHARS = 80
// Portal chrome by element name, and by the class or id it carries.
const CHROME_TAGS = 'nav, header, footer, aside, form'
const CHROME_NAME =
  /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|share|bdshare|bshare|toolbar|tools|print|sidebar|side|related|recommend|footer|foot|copyright|pager|comment|search|login|topbar|header)(?:$|[\s_-]|\d)/i
const META_TITLE = ['ArticleTitle', 'og:title', 'title']
const META_PUBLISHED = ['PubDate', 'pubdate', 'publishdate', 'article:published_time']
const META_SOURCE = ['ContentSource', 'source']
const PUBLISHED_IN_TEXT = /(?:发布|发文|成文)(?:时间|日期)\s*[:：]\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)/
const SOURCE_IN_TEXT = /(?:信息|文章)?来源\s*[:：]\s*([\u4e00-\u9fa5（）()]{2,40})/
// Separators between an article title and the site name in <title>: 「标题_常州市人民政府」.
const TITLE_SITE_SUFFIX = /\s*(?:[_|｜]|\s[-—–]\s).*$/

/**
 * The article of a web page as lines: its title, `发布时间：…` and `来源：…` when the page states
 * them (so detectMeta reads them as web metadata), a blank line, then the body. The body is the
 * first known article container with enough text, else the element whose paragraphs hold the
 * most text; navigation, breadcrumbs, share bars, footers, forms and scripts are dropped.
 */
export function readHtml(html: string): string {
  const root = parse(html, { comment: false })
  const meta = htmlMeta(root)
  for (const el of root.querySelectorAll(CHROME_TAGS)) el.remove()
  for (const el of root.querySelectorAll('[class], [id]')) {
    if (CHROME_NAME.test(`${el.getAttribute('class') ?? ''} ${el.id}`) && !isArticle(el)) el.remove()
  }
  const body = articleBody(root)
  const lines = body ? htmlToLines(body) : []
  // The body often repeats the title above the text, on one line or wrapped over several.
  let title = compact(meta.title ?? '')
  while (lines.length && title && compact(lines[0]).length >= Math.min(4, title.length) && title.startsWith(compact(lines[0]))) {
    title = title.slice(compact(lines.shift()!).length)
  }
  const head = [
    meta.title ?? '',
    meta.published ? `发布时间：${meta.published}` : '',
    meta.source ? `来源：${meta.source}` : '',
  ].filter(Boolean)
  return [...head, '', ...lines].join('\n')
}

/** The title, 发布时间 and 来源 of a page: its <meta> tags first, else its h1 and info bar. */
export function htmlMeta(root: HTMLElement): HtmlMeta {
  const metaContent = (names: string[]) => {
    for (const name of names) {
      const el = root.querySelector(`meta[name="${name}"]`) ?? root.querySelector(`meta[property="${name}"]`)
      const content = el?.getAttribute('content')?.trim()
      if (content) return content
    }
    return undefined
  }
  const text = root.querySelector('body')?.text ?? root.text
  const h1 = root.querySelector('h1')?.text.replace(/\s+/g, '').trim()
  const titleTag = root.querySelector('title')?.text.trim().replace(TITLE_SITE_SUFFIX, '')
  return {
    title: metaContent(META_TITLE) ?? (h1 || undefined) ?? (titleTag || undefined),
    published: metaContent(META_PUBLISHED) ?? text.match(PUBLISHED_IN_TEXT)?.[1],
    source: metaContent(META_SOURCE) ?? text.match(SOURCE_IN_TEXT)?.[1],
  }
}

function articleBody(root: HTMLElement): HTMLElement | undefined {
  for (const selector of BODY_SELECTORS) {
    const found = root.querySelectorAll(selector).find((el) => textLength(el) >= BODY_MIN_CHARS)
    if (found) return found
  }
  // No known container: the element whose own paragraphs hold the most text.
  let best: HTMLElement | undefined
  let bestScore = 0
  for (const el of root.querySelectorAll('div, td, section, article, main, body')) {
    const score = el.childNodes
      .filter((c): c is HTMLElement => c instanceof HTMLElement && /^(?:p|h\d|table|ul|ol)$/i.test(c.rawTagName))
      .reduce((n, c) => n + textLength(c), 0)
    if (score > bestScore) {
      best = el
      bestScore = score
    }
  }
  return best ?? root.querySelector('body') ?? root
}

/** An element that is itself the article container (class="article-content share-box" stays). */
function isArticle(el: HTMLElement): boolean {
  return BODY_SELECTORS.some((s) => el.matches(s)) && textLength(el) >= BODY_MIN_CHARS
}

function textLength(el: HTMLElement): number {
  return el.text.replace(/\s+/g, '').length
}

function compact(text: string): string {
  return text.replace(/\s+/g, '')
}
