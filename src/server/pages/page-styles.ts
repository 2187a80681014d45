/** @module Stylesheets of the HTML pages, served as files so that no page needs inline style. */

/** Shared by both pages: CJK font stack, readable sizes, visible focus, badges. */
const base = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; color: #1f1f1f; background: #f4f5f7; line-height: 1.7;
  font: 16px/1.7 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", sans-serif;
}
a { color: #0b57d0; }
:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; }
.skip:focus { left: 1em; top: 1em; z-index: 10; background: #fff; padding: .5em 1em; }
.badge {
  display: inline-block; padding: 0 .45em; border: 1px solid; border-radius: 4px;
  font-size: .875em; font-weight: 700; line-height: 1.6; white-space: nowrap;
}
.badge.current { color: #0d652d; background: #e6f4ea; border-color: #0d652d; }
.badge.expired { color: #3c4043; background: #f1f3f4; border-color: #5f6368; }
.badge.draft { color: #7a3e00; background: #fff4e5; border-color: #7a3e00; }
.badge.unknown { color: #3c4043; background: #fff; border-color: #5f6368; }
`

/** The document view: one column, units indented by depth, the `:target` unit highlighted. */
export const docCss = `${base}
.top { background: #b3261e; color: #fff; padding: .6em 1em; }
.top p { margin: 0; max-width: 52em; margin-inline: auto; font-weight: 600; }
main { max-width: 52em; margin: 0 auto; padding: 1em; }
article { background: #fff; border: 1px solid #dadce0; border-radius: 8px; padding: 1.2em 1.4em 2em; }
.doc-head { border-bottom: 1px solid #dadce0; margin-bottom: 1em; padding-bottom: .8em; }
.doc-head .city { margin: 0; color: #3c4043; }
.doc-head h1 { margin: .2em 0 .4em; font-size: 1.5em; line-height: 1.4; }
.doc-head dl { display: grid; grid-template-columns: max-content 1fr; gap: .1em .6em; margin: 0 0 .6em; }
.doc-head dt { color: #3c4043; }
.doc-head dd { margin: 0; }
.hint { margin: .4em 0 0; color: #3c4043; font-size: .9375em; }
nav.toc { margin: 0 0 1em; }
nav.toc h2 { font-size: 1.0625em; margin: 0 0 .3em; }
nav.toc ol { margin: 0; padding-left: 1.5em; }
.unit { margin: 0 0 .8em; padding: .4em .6em; border-left: 4px solid transparent; border-radius: 4px; scroll-margin-top: 1em; }
.unit.depth-2 { margin-left: 1em; }
.unit.depth-3 { margin-left: 2em; }
.unit.depth-4, .unit.depth-5 { margin-left: 3em; }
.unit h2, .unit h3, .unit h4 { margin: 0 0 .2em; line-height: 1.5; }
.unit h2 { font-size: 1.25em; }
.unit h3 { font-size: 1.125em; }
.unit h4 { font-size: 1em; }
.unit h2 a, .unit h3 a, .unit h4 a { color: inherit; text-decoration: none; }
.unit h2 a:hover, .unit h3 a:hover, .unit h4 a:hover { text-decoration: underline; }
.unit p { margin: 0 0 .3em; white-space: pre-wrap; overflow-wrap: anywhere; }
.unit:target { background: #fff3c4; border-left-color: #b06000; outline: 2px solid #b06000; }
.unit:target::before {
  content: "所引用的条款"; display: inline-block; margin-bottom: .3em; padding: 0 .5em;
  background: #b06000; color: #fff; border-radius: 4px; font-size: .875em; font-weight: 700;
}
footer { max-width: 52em; margin: 0 auto; padding: 1em; color: #3c4043; font-size: .875em; }
@media (max-width: 480px) {
  main { padding: .5em; }
  article { padding: .8em; }
  .unit.depth-2, .unit.depth-3, .unit.depth-4, .unit.depth-5 { margin-left: .5em; }
}
`

/**
 * The demo portal. Its global rules are the kind portals really ship (62.5% root size, resets,
 * styled buttons and divs), which is the point: the widget must look the same despite them.
 */
export const portalCss = `${base}
html { font-size: 62.5%; }
body { font-size: 1.6rem; }
* { margin: 0; padding: 0; }
ul, ol { list-style: none; }
button { background: #ddd; border: 1px solid #999; border-radius: 0; font-size: 1.2rem; color: #333; }
div, section { line-height: 2.4; }
a { text-decoration: none; }
a:hover { text-decoration: underline; }
.notice { background: #fff8e1; color: #5c4300; padding: .6rem 1.6rem; font-size: 1.4rem; text-align: center; line-height: 1.6; }
.toolbar { background: #eee; font-size: 1.3rem; }
.toolbar .wrap { display: flex; justify-content: flex-end; gap: 1.6rem; line-height: 3; }
.toolbar a { color: #333; }
.wrap { max-width: 120rem; margin: 0 auto; padding: 0 1.6rem; }
.masthead { background: linear-gradient(#c62828, #9f1d16); color: #fff; }
.masthead .wrap { display: flex; align-items: center; gap: 1.6rem; padding-top: 2rem; padding-bottom: 2rem; line-height: 1.4; }
.emblem {
  width: 6.4rem; height: 6.4rem; border-radius: 50%; background: #f9d44a; border: .4rem solid #fff3c4;
  display: flex; align-items: center; justify-content: center; color: #9f1d16; font-weight: 700; font-size: 2.4rem;
}
.masthead h1 { font-size: 3rem; letter-spacing: .2rem; }
.masthead .en { font-size: 1.3rem; opacity: .9; }
.masthead form { margin-left: auto; display: flex; }
.masthead input { font: inherit; font-size: 1.4rem; padding: .6rem 1rem; border: 0; width: 18rem; }
.masthead form button { background: #f9d44a; color: #5c1a12; border: 0; padding: 0 1.4rem; font-size: 1.4rem; }
.nav { background: #8e1a14; }
.nav ul { display: flex; flex-wrap: wrap; }
.nav a { display: block; color: #fff; padding: 0 2.2rem; line-height: 4.4rem; font-size: 1.6rem; }
.nav a:hover, .nav a:focus-visible { background: #6f130f; }
.banner { background: #fdecea; border-bottom: 1px solid #f3c6c1; }
.banner .wrap { padding-top: 2.4rem; padding-bottom: 2.4rem; line-height: 1.7; }
.banner h2 { font-size: 2.6rem; color: #8e1a14; }
.banner p { font-size: 1.6rem; margin: .8rem 0 1.4rem; max-width: 64rem; }
.banner a.cta { display: inline-block; background: #b3261e; color: #fff; padding: .8rem 2.4rem; border-radius: .4rem; font-size: 1.6rem; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; padding-top: 2rem; padding-bottom: 2rem; }
.box { background: #fff; border: 1px solid #ddd; border-top: .3rem solid #b3261e; padding: 1.2rem 1.6rem; line-height: 1.8; }
.box h2 { font-size: 1.8rem; color: #8e1a14; border-bottom: 1px solid #eee; padding-bottom: .6rem; margin-bottom: .6rem; }
.box li { display: flex; justify-content: space-between; gap: 1rem; font-size: 1.5rem; padding: .4rem 0; border-bottom: 1px dashed #eee; }
.box li span.date { color: #555; white-space: nowrap; }
.box li .doc { display: flex; flex-direction: column; }
.box li .doc small { color: #555; font-size: 1.3rem; }
.services { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem; }
.services li { display: block; border: 1px solid #eee; text-align: center; padding: 1.2rem .6rem; background: #fafafa; border-bottom: 1px solid #eee; }
.wide { grid-column: 1 / -1; }
.site-footer { background: #3c3c3c; color: #eee; font-size: 1.3rem; line-height: 2.2; padding: 2rem 0 10rem; text-align: center; }
@media (max-width: 720px) {
  .columns { grid-template-columns: 1fr; }
  .masthead form { display: none; }
  .masthead h1 { font-size: 2rem; }
  .nav a { padding: 0 1.2rem; line-height: 3.6rem; font-size: 1.4rem; }
  .services { grid-template-columns: repeat(2, 1fr); }
}
`

/** Headers of a page stylesheet: CSS, cached an hour (it changes only with a deploy), not sniffed. */
export const STYLESHEET_HEADERS = {
  'Content-Type': 'text/css; charset=utf-8',
  'Cache-Control': 'public, max-age=3600',
  'X-Content-Type-Options': 'nosniff',
} as const
