/**
 * The one gate for text the CLI shows on a terminal (table cells, the batch
 * footer, the summary, and every standard-error message: ids, review text,
 * key names, file names). Review data is attacker-controlled: a raw ESC can
 * set the window title or clear the screen, C1 controls (U+0080-U+009F,
 * e.g. U+009B = CSI) do the same on many terminals, and bidi overrides make
 * text read differently from what it is. Each becomes a visible escape
 * (`\x1B`, `\u202E`). JSON and JSONL output never pass through here: they are
 * data, escaped by JSON.stringify where needed, and must stay byte-exact.
 */

/** Bidi embeddings/overrides/isolates and marks: U+061C, U+200E-F, U+202A-E, U+2066-9. Also U+2028/9 (line breaks on some terminals). */
function isBidiOrSeparator(cp: number): boolean {
  return cp === 0x061c || cp === 0x200e || cp === 0x200f || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

function needsEscape(cp: number, keepNewlines: boolean): boolean {
  if (cp === 0x0a) return !keepNewlines;
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || isBidiOrSeparator(cp);
}

function escapeOf(cp: number): string {
  if (cp === 0x0a) return '\\n';
  if (cp === 0x0d) return '\\r';
  if (cp === 0x09) return '\\t';
  if (cp < 0x100) return '\\x' + cp.toString(16).toUpperCase().padStart(2, '0');
  return '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * `text` safe to print: controls and bidi characters escaped. With
 * `keepNewlines`, "\n" stays a line break (multi-line messages); otherwise
 * the result is one line. Linear: one pass, and no copy when nothing needs escaping.
 */
export function forTerminal(text: string, options: { keepNewlines?: boolean } = {}): string {
  const keep = options.keepNewlines === true;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (!needsEscape(cp, keep)) continue;
    out += text.slice(from, i) + escapeOf(cp);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
