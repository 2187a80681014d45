/**
 * @module The widget's stylesheet, adopted by its shadow root (constructable stylesheet: no <style>
 * element, so a strict portal CSP needs no 'unsafe-inline'). Sizes are em on `.root`, never rem:
 * inside a shadow root rem still follows the portal's <html> font size.
 */

/** Standard and 大字模式 base font sizes, px. The textarea never goes below 16 px (iOS zoom). */
export const FONT_SIZE_PX = { standard: 16, large: 20 } as const

/** Panel goes full-screen at or below this viewport width, px. */
export const PHONE_MAX_WIDTH_PX = 480

export const widgetCss = `
:host { all: initial !important; display: block !important; }
.root {
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", sans-serif;
  font-size: ${FONT_SIZE_PX.standard}px; line-height: 1.6; color: #1f1f1f;
  -webkit-text-size-adjust: 100%; text-size-adjust: 100%;
}
.root.large { font-size: ${FONT_SIZE_PX.large}px; }
.root *, .root *::before, .root *::after { box-sizing: border-box; }
.sr-only {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
button, textarea, a { font: inherit; }
button { cursor: pointer; }
button:disabled { cursor: not-allowed; opacity: .6; }
:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
[hidden] { display: none !important; }

.launcher {
  position: fixed; z-index: 2147483000; bottom: var(--pqa-bottom, 24px); right: 24px;
  display: inline-flex; align-items: center; gap: .4em; min-width: 44px; min-height: 48px;
  padding: .5em 1.1em; border: 2px solid #ffffff; border-radius: 2em;
  background: var(--pqa-accent); color: var(--pqa-on-accent);
  font-size: 1.0625em; font-weight: 600; letter-spacing: .05em;
  box-shadow: 0 4px 14px rgba(0, 0, 0, .28);
}
.left .launcher { right: auto; left: 24px; }
.launcher:focus-visible { outline-color: #0b57d0; outline-offset: 3px; }

.panel {
  position: fixed; z-index: 2147483000; right: 24px; bottom: calc(var(--pqa-bottom, 24px) + 64px);
  width: 25em; height: 40em; max-width: calc(100vw - 32px);
  max-height: calc(100vh - var(--pqa-bottom, 24px) - 88px);
  display: flex; flex-direction: column; overflow: hidden;
  background: #ffffff; border: 1px solid #c4c7c5; border-radius: 12px;
  box-shadow: 0 8px 32px rgba(0, 0, 0, .25);
}
.left .panel { right: auto; left: 24px; }

.header {
  display: flex; align-items: center; gap: .4em; flex-wrap: wrap;
  padding: .6em .75em; background: var(--pqa-accent); color: var(--pqa-on-accent);
}
.title { flex: 1 1 8em; margin: 0; font-size: 1.0625em; font-weight: 700; line-height: 1.4; }
.header button {
  display: inline-flex; align-items: center; gap: .2em; min-height: 44px; min-width: 44px;
  justify-content: center; padding: .2em .6em; border: 1px solid currentColor; border-radius: 6px;
  background: transparent; color: inherit; font-size: .875em;
}
.header button[aria-pressed="true"] { background: var(--pqa-on-accent); color: var(--pqa-accent); }
.header button:focus-visible { outline-color: var(--pqa-on-accent); }

.main { position: relative; flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }
.log {
  position: relative; flex: 1 1 auto; min-height: 0; overflow-y: auto; overscroll-behavior: contain;
  padding: .75em; display: flex; flex-direction: column; gap: .75em; background: #f8f9fa;
}
.msg { max-width: 100%; padding: .6em .8em; border-radius: 10px; overflow-wrap: anywhere; }
.msg p { margin: 0 0 .4em; }
.msg p:last-child { margin-bottom: 0; }
.msg.user { align-self: flex-end; max-width: 88%; background: #e8f0fe; color: #1f1f1f; white-space: pre-wrap; }
.msg.bot, .msg.welcome { align-self: stretch; background: #ffffff; border: 1px solid #dadce0; }
.msg .pending { color: #5f6368; }
.msg .live { white-space: pre-wrap; }
.msg .note { color: #5f6368; font-size: .875em; }
.examples-heading { margin: .5em 0 .3em; font-weight: 600; }
.examples { display: flex; flex-direction: column; gap: .4em; margin: 0; padding: 0; list-style: none; }
.chip {
  width: 100%; text-align: left; min-height: 44px; padding: .45em .7em; border: 1px solid #80868b;
  border-radius: 8px; background: #ffffff; color: #0b57d0;
}
.chip:hover { background: #f1f3f4; }

.msg sup { font-size: 1em; line-height: 1; vertical-align: baseline; }
.fn {
  display: inline-block; min-width: 1.9em; margin: 0 .15em; padding: .1em .3em; border: 1px solid #0b57d0;
  border-radius: 4px; background: #e8f0fe; color: #0b57d0; font-size: .8125em; line-height: 1.4;
  text-align: center; vertical-align: .25em;
}
.fn:hover { background: #d2e3fc; }
.sources { margin-top: .6em; padding-top: .5em; border-top: 1px dashed #c4c7c5; }
.sources h3 { margin: 0 0 .3em; font-size: .9375em; }
.sources ol { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: .4em; }
.source {
  display: block; width: 100%; text-align: left; padding: .45em .6em; border: 1px solid #dadce0;
  border-radius: 8px; background: #ffffff; color: #1f1f1f; font-size: .875em; line-height: 1.5;
}
.source:hover { border-color: #80868b; background: #f8f9fa; }
.source .num { font-weight: 700; color: #0b57d0; margin-right: .2em; }
.source .doc { font-weight: 600; }
.source .where { display: block; color: #3c4043; }
.badges { display: inline-flex; flex-wrap: wrap; gap: .3em; margin-left: .3em; vertical-align: baseline; }
.badge {
  display: inline-block; padding: 0 .45em; border: 1px solid; border-radius: 4px;
  font-size: .8125em; font-weight: 700; line-height: 1.6; white-space: nowrap;
}
.badge.current { color: #0d652d; background: #e6f4ea; border-color: #0d652d; }
.badge.expired { color: #3c4043; background: #f1f3f4; border-color: #5f6368; }
.badge.draft { color: #7a3e00; background: #fff4e5; border-color: #7a3e00; }
.badge.unknown { color: #3c4043; background: #ffffff; border-color: #5f6368; }
.validity { display: block; margin-top: .2em; color: #5f6368; font-size: .9em; }

.error {
  margin-top: .4em; padding: .5em .7em; border: 1px solid #a50e0e; border-radius: 8px;
  background: #fce8e6; color: #8c1d18;
}
.error p { margin: 0 0 .4em; }
.retry, .back, .full {
  display: inline-flex; align-items: center; min-height: 44px; padding: .3em .9em;
  border: 1px solid #80868b; border-radius: 8px; background: #ffffff; color: #0b57d0;
  text-decoration: none;
}

.quote {
  position: absolute; inset: 0; overflow-y: auto; overscroll-behavior: contain;
  padding: .9em; background: #ffffff;
}
.quote h3 { margin: 0 0 .4em; font-size: 1.0625em; }
.quote h3:focus { outline: none; }
.quote h3:focus-visible { outline: 3px solid #0b57d0; }
.crumbs { margin: 0 0 .5em; color: #3c4043; font-size: .875em; }
.quote-label { margin: 0 0 .5em; font-weight: 700; }
.quote blockquote {
  margin: 0 0 .7em; padding: .6em .8em; border-left: 4px solid var(--pqa-accent);
  background: #f8f9fa; white-space: pre-wrap; overflow-wrap: anywhere;
}
.quote-actions { display: flex; flex-wrap: wrap; gap: .5em; margin-top: .6em; }

.composer {
  display: flex; align-items: flex-end; gap: .5em; padding: .6em .75em; border-top: 1px solid #dadce0;
  background: #ffffff;
}
.composer textarea {
  flex: 1 1 auto; min-width: 0; min-height: 2.9em; max-height: 8em; resize: none;
  padding: .5em .6em; border: 1px solid #80868b; border-radius: 8px; color: #1f1f1f; background: #ffffff;
  font-size: max(16px, 1em); line-height: 1.5;
}
.composer textarea::placeholder { color: #5f6368; }
.send, .stop {
  display: inline-flex; align-items: center; gap: .3em; min-height: 44px; min-width: 44px;
  padding: .4em .9em; border: 0; border-radius: 8px; font-weight: 600;
}
.send { background: var(--pqa-accent); color: var(--pqa-on-accent); }
.stop { background: #3c4043; color: #ffffff; }
.disclaimer { margin: 0; padding: 0 .75em .6em; color: #5f6368; font-size: .8125em; background: #ffffff; }

@media (max-width: ${PHONE_MAX_WIDTH_PX}px) {
  .panel, .left .panel {
    inset: 0; width: auto; height: 100vh; height: 100dvh; max-width: none; max-height: none;
    border: 0; border-radius: 0; padding-bottom: env(safe-area-inset-bottom);
  }
  .root.open .launcher { display: none; }
  .launcher { right: 16px; }
  .left .launcher { left: 16px; }
}
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`
