import { FONT_STACK } from './charts.js';
import { esc } from './html.js';
import type { ReportLocale } from './locales.js';

/*
 * The page's only style sheet. No script, no external resource: the
 * Content-Security-Policy below forbids both, so the file works offline and
 * a hostile review cannot make it load anything.
 */
const CSS = `
:root { --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --bg:#fff; --soft:#f6f8fa; --font:${FONT_STACK}; }
* { box-sizing: border-box; }
body { margin: 0; font-family: var(--font); color: var(--fg); background: var(--bg); line-height: 1.5; font-size: 14px; }
main { max-width: 1000px; margin: 0 auto; padding: 16px 20px 40px; }
header h1 { margin: 8px 0 0; font-size: 24px; }
header p { margin: 2px 0 12px; color: var(--muted); }
section { margin: 20px 0; border-top: 1px solid var(--line); padding-top: 8px; }
h2 { font-size: 18px; margin: 8px 0; } h3 { font-size: 15px; margin: 14px 0 6px; } h4 { margin: 0 0 6px; font-size: 14px; }
.note { color: var(--muted); font-style: italic; margin: 6px 0; }
.small { font-size: 12px; color: var(--muted); }
.period { color: var(--muted); margin: 0 0 8px; }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 8px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: var(--soft); }
.card .label { font-size: 12px; color: var(--muted); }
.card .value { font-size: 22px; font-weight: 600; }
.change { font-size: 12px; color: var(--muted); } .change.worse { color: #c62828; } .change.better { color: #2e7d32; }
figure.chart { margin: 8px 0; break-inside: avoid; }
figure.chart figcaption { font-weight: 600; font-size: 13px; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart svg text { font-family: var(--font) !important; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
ol.queue { list-style: none; padding: 0; margin: 0; }
.queue-item { border: 1px solid var(--line); border-left: 5px solid #90a4ae; border-radius: 4px; padding: 8px 10px; margin: 8px 0; break-inside: avoid; }
.queue-item.level-critical { border-left-color: #b71c1c; } .queue-item.level-high { border-left-color: #ef6c00; } .queue-item.level-medium { border-left-color: #f9a825; }
.qhead { display: flex; flex-wrap: wrap; gap: 10px; align-items: baseline; }
.rank { font-weight: 700; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; color: #fff; background: #90a4ae; }
.badge.critical { background: #b71c1c; } .badge.high { background: #ef6c00; } .badge.medium { background: #f9a825; color: #222; }
.meta { color: var(--muted); font-size: 12px; }
blockquote.review-text { margin: 6px 0; padding: 6px 10px; background: var(--soft); border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: #ffe08a; padding: 0 1px; }
.queue-item ul { margin: 2px 0; padding-left: 18px; }
.reply { background: #eef6ee; border-radius: 4px; padding: 4px 10px; } .reply p { margin: 2px 0; white-space: pre-wrap; }
.groups { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.group { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; break-inside: avoid; overflow-wrap: anywhere; }
.facts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2px 8px; margin: 4px 0; }
.facts dt { font-size: 11px; color: var(--muted); } .facts dd { margin: 0; font-size: 13px; }
.tag { font-size: 11px; border: 1px solid var(--line); border-radius: 8px; padding: 0 5px; font-weight: normal; }
table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
.alert-level { font-size: 12px; padding: 0 6px; border-radius: 8px; background: #eee; } .alert-level.red { background: #ffcdd2; } .alert-level.orange { background: #ffe0b2; } .alert-level.level-1 { background: #f8bbd0; } .alert-level.yellow { background: #fff9c4; }
td.nowrap { white-space: nowrap; }
.term { display: inline-block; margin: 1px 6px 1px 0; }
ul.ads { padding-left: 18px; } ul.ads li { margin: 4px 0; overflow-wrap: anywhere; }
footer { border-top: 2px solid var(--line); margin-top: 28px; padding-top: 8px; color: var(--muted); font-size: 12px; }
footer pre { white-space: pre-wrap; overflow-wrap: anywhere; }
@media (max-width: 720px) { .cards { grid-template-columns: repeat(2, 1fr); } .two, .groups { grid-template-columns: 1fr; } }
@media print {
  body { font-size: 11px; } main { max-width: none; padding: 0; }
  section { break-before: auto; } h2, h3 { break-after: avoid; }
  .card, .queue-item, .group, figure.chart { break-inside: avoid; }
  details > pre { display: block; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 14mm; }
`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** The whole HTML document around the rendered sections. */
export function page(locale: ReportLocale, title: string, subtitle: string, body: string): string {
  const lang = locale === 'zh' ? 'zh-CN' : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="review-triage">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header><h1>${esc(title)}</h1><p>${esc(subtitle)}</p></header>
${body}
</main>
</body>
</html>
`;
}
