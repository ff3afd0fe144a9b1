import type { BatchResult } from '../context/batch-result.js';
import { timestampMs } from '../kernel/review.js';
import type { Analysis } from '../types.js';

/** Fields the report slices by. `product` reads productId or sku. */
export const SLICE_DIMENSIONS = ['platform', 'product', 'channel', 'country'] as const;
export type SliceDimension = (typeof SLICE_DIMENSIONS)[number];

/** One review as the report sees it: the analysis joined with the input's metadata. */
export interface ReportRow {
  item: Analysis;
  /** Epoch ms, or null when neither the input nor the item has a usable time. */
  time: number | null;
  rating: number | null;
  authorId: string | null;
  slices: Partial<Record<SliceDimension, string>>;
  negative: boolean;
}

type Loose = Record<string, unknown>;

function asRecord(v: unknown): Loose | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : null;
}

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function time(v: unknown): number | null {
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return timestampMs(v);
  return null;
}

/**
 * Joins items with the inputs they came from. Items are in input order
 * (BatchResult), so inputs of the same length pair by position; otherwise
 * by id. Metadata is read defensively from the input and from the item
 * (later versions echo the review's fields on the item), so unknown or
 * malformed fields are skipped, never fatal.
 */
export function buildRows(result: BatchResult, inputs: readonly unknown[] | undefined): ReportRow[] {
  const items = Array.isArray(result.items) ? result.items : [];
  let inputOf: (item: Analysis, i: number) => Loose | null = () => null;
  if (inputs && inputs.length === items.length) inputOf = (_item, i) => asRecord(inputs[i]);
  else if (inputs) {
    const byId = new Map<string, Loose>();
    inputs.forEach((raw, i) => {
      const r = asRecord(raw);
      if (r) byId.set(str(r.id) ?? String(i), r);
    });
    inputOf = (item) => byId.get(item.id) ?? null;
  }
  return items.map((item, i) => {
    const input = inputOf(item, i) ?? {};
    const echo = item as unknown as Loose;
    const pick = (...keys: string[]) => {
      for (const k of keys) {
        const v = str(input[k]) ?? str(echo[k]) ?? str(asRecord(input.meta)?.[k]) ?? str(asRecord(echo.meta)?.[k]);
        if (v !== null) return v;
      }
      return null;
    };
    const slices: ReportRow['slices'] = {};
    const platform = pick('platform');
    const product = pick('productId', 'sku', 'product');
    const channel = pick('channel', 'carrier');
    const country = pick('country');
    if (platform) slices.platform = platform;
    if (product) slices.product = product;
    if (channel) slices.channel = channel;
    if (country) slices.country = country;
    const rating = typeof input.rating === 'number' ? input.rating : typeof echo.rating === 'number' ? echo.rating : null;
    return {
      item,
      time: time(input.timestamp) ?? time(echo.timestamp) ?? time(echo.time),
      rating: rating !== null && Number.isFinite(rating) ? rating : null,
      authorId: pick('authorId'),
      slices,
      negative: item.sentiment?.label === 'negative' || item.negative != null,
    };
  });
}

const DAY = 86_400_000;

/** Day number in the merchant's time zone (same cut as the summary stage). */
export function dayNumber(ms: number, utcOffsetMinutes: number): number {
  return Math.floor((ms + utcOffsetMinutes * 60_000) / DAY);
}

export function dayLabel(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm` in the merchant's time zone. */
export function formatTime(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** `UTC+8`, `UTC-3:30`, `UTC`. */
export function zoneLabel(utcOffsetMinutes: number): string {
  if (utcOffsetMinutes === 0) return 'UTC';
  const sign = utcOffsetMinutes > 0 ? '+' : '-';
  const a = Math.abs(utcOffsetMinutes);
  return `UTC${sign}${Math.floor(a / 60)}${a % 60 ? ':' + String(a % 60).padStart(2, '0') : ''}`;
}
