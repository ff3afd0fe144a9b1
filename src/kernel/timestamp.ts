/**
 * The one parser for review timestamps. Explicit rules instead of Date.parse
 * (which is lenient, machine-time-zone dependent and silent about what it guessed):
 *
 * - Date objects: used when valid.
 * - Numbers and all-digit strings are epoch time chosen by magnitude:
 *   0 <= n < 1e11 seconds (1970 .. year 5138), 1e11 <= n < 1e14 milliseconds
 *   (1973 .. 5138). Larger values (micro/nanoseconds), negative and
 *   non-finite values are rejected: guessing the unit there is a coin toss.
 * - Strings: `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY.MM.DD` (one- or two-digit month/day),
 *   optionally followed by `T` or spaces and `hh:mm[:ss[.fff]]`, optionally
 *   by a zone (`Z`, `UTC`, `GMT`, `±hh`, `±hhmm`, `±hh:mm`); and
 *   `YYYY年M月D日` optionally followed by `hh:mm[:ss]` or `h时m分[s秒]` / `h点m分`.
 *   A time without a zone is read as UTC, so the result never depends on the
 *   machine running the batch (the summary's `utcOffsetMinutes` shifts days).
 * - Everything else is rejected with a reason.
 */
export type TimestampResult = { ok: true; ms: number } | { ok: false; reason: string };

/** Upper bounds (exclusive) of the epoch magnitudes read as seconds, then milliseconds. */
export const EPOCH_SECONDS_BELOW = 1e11;
export const EPOCH_MILLISECONDS_BELOW = 1e14;

const MAX_DATE_MS = 8.64e15;

const DATE_TIME_RE =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const CJK_DATE_RE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(?:\s*(\d{1,2})\s*(?::|时|点)\s*(\d{1,2})\s*分?(?:\s*:?\s*(\d{1,2})\s*秒?)?)?$/;

function reject(reason: string): TimestampResult {
  return { ok: false, reason };
}

function fromEpoch(n: number, written: string): TimestampResult {
  if (!Number.isFinite(n)) return reject(`timestamp ${written} is not a finite number`);
  if (n < 0) return reject(`timestamp ${written} is a negative epoch time`);
  if (n < EPOCH_SECONDS_BELOW) return { ok: true, ms: Math.round(n * 1000) };
  if (n < EPOCH_MILLISECONDS_BELOW) return { ok: true, ms: Math.round(n) };
  return reject(`timestamp ${written} is too large for epoch seconds or milliseconds (micro- or nanoseconds are not accepted; divide first)`);
}

/** Epoch ms of a calendar date and time in UTC, or a reason when a field is out of range. */
function fromFields(y: number, mo: number, d: number, h: number, mi: number, s: number, fracMs: number, offsetMin: number): TimestampResult {
  if (mo < 1 || mo > 12) return reject(`month ${mo} is out of range`);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s, fracMs);
  // Date.UTC rolls 2024-02-30 over to March: a changed day means the date does not exist.
  if (d < 1 || new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return reject(`day ${d} does not exist in ${y}-${String(mo).padStart(2, '0')}`);
  if (h > 23 || mi > 59 || s > 59) return reject(`time ${h}:${mi}:${s} is out of range`);
  const out = ms - offsetMin * 60_000;
  if (!Number.isFinite(out) || Math.abs(out) > MAX_DATE_MS) return reject('date is outside the range of dates');
  return { ok: true, ms: out };
}

function zoneMinutes(zone: string | undefined): number | null {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const h = Number(m[2]);
  const mi = Number(m[3] ?? '0');
  if (h > 14 || mi > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
}

/** Parses a review timestamp by the rules above. */
export function parseTimestamp(value: unknown): TimestampResult {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isFinite(t) ? { ok: true, ms: t } : reject('timestamp is an invalid Date');
  }
  if (typeof value === 'number') return fromEpoch(value, String(value));
  if (typeof value !== 'string') return reject(`timestamp must be a string, a number or a Date, got ${value === null ? 'null' : typeof value}`);
  const v = value.trim();
  if (v === '') return reject('timestamp is empty');
  if (v.length > 64) return reject('timestamp string is longer than 64 characters');
  if (/^\d+(?:\.\d+)?$/.test(v)) return fromEpoch(Number(v), `"${v}"`);
  let m = DATE_TIME_RE.exec(v);
  if (m) {
    const offset = zoneMinutes(m[9]);
    if (offset === null) return reject(`time zone "${m[9]}" is out of range`);
    const frac = m[8] ? Math.floor(Number(`0.${m[8]}`) * 1000) : 0;
    return fromFields(Number(m[1]), Number(m[3]), Number(m[4]), Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0), frac, offset);
  }
  m = CJK_DATE_RE.exec(v);
  if (m) return fromFields(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, 0);
  return reject('timestamp is not in a supported form (ISO 8601 such as 2024-05-01T10:00:00+08:00, 2024/05/01 10:00, 2024年5月1日, or epoch seconds/milliseconds)');
}

/**
 * Why a review's given timestamp cannot be used, or undefined when it can
 * (or none was given). Surfaces as `Analysis.timestampIssue`.
 */
export function timestampIssue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const r = parseTimestamp(value);
  return r.ok ? undefined : r.reason;
}
