import type { Evidence } from '../types.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and quoted attributes. Review text is
 * hostile input: everything that reaches the page goes through here.
 * Lone surrogates and C0 controls (except tab/newline) are replaced so a
 * broken input cannot produce a malformed document.
 */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Cuts `text` to `max` UTF-16 units without splitting a surrogate pair. */
export function clip(text: string, max: number): { text: string; clipped: boolean } {
  if (text.length <= max) return { text, clipped: false };
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return { text: text.slice(0, end), clipped: true };
}

/**
 * The text, escaped, with evidence spans wrapped in <mark>. Spans are UTF-16
 * offsets into the original text (README "The result"); invalid or
 * out-of-range spans are ignored and overlapping ones merged.
 */
export function highlight(text: string, evidence: readonly Evidence[], maxChars: number): string {
  const { text: shown, clipped } = clip(text, maxChars);
  const spans: Array<[number, number, string]> = [];
  for (const e of evidence) {
    const { start, end } = e;
    if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end)) continue;
    if (start < 0 || end <= start || start >= shown.length) continue;
    spans.push([start, Math.min(end, shown.length), e.rule]);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number, string[]]> = [];
  for (const [s, e, rule] of spans) {
    const last = merged[merged.length - 1];
    if (last && s < last[1]) {
      last[1] = Math.max(last[1], e);
      if (!last[2].includes(rule)) last[2].push(rule);
    } else merged.push([s, e, [rule]]);
  }
  let out = '';
  let at = 0;
  for (const [s, e, rules] of merged) {
    out += esc(shown.slice(at, s)) + `<mark title="${esc(rules.join(', '))}">${esc(shown.slice(s, e))}</mark>`;
    at = e;
  }
  return out + esc(shown.slice(at)) + (clipped ? '…' : '');
}

/** A section with an id (for the print layout and the tests) and a heading. */
export function section(id: string, heading: string, body: string): string {
  return `<section id="${esc(id)}"><h2>${esc(heading)}</h2>\n${body}\n</section>`;
}

/** A paragraph saying something is missing or capped. */
export function note(text: string): string {
  return `<p class="note">${esc(text)}</p>`;
}
