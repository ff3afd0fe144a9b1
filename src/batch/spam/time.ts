import { timestampMs } from '../../input/schema.js';
import type { NormalizedReview } from '../../input/schema.js';

/**
 * Epoch milliseconds of a review, or null when it has no usable timestamp.
 * Numbers (and all-digit strings) below 1e11 are read as epoch SECONDS:
 * as milliseconds they would fall in early 1973, and exports from many
 * platforms use seconds.
 */
export function reviewTimeMs(review: NormalizedReview): number | null {
  let value = review.timestamp;
  if (typeof value === 'string' && /^\d{9,13}$/.test(value)) value = Number(value);
  const ms = timestampMs(value);
  if (ms === null) return null;
  return typeof value === 'number' && Math.abs(value) < 1e11 ? ms * 1000 : ms;
}

/**
 * The network an address belongs to: the first three octets of IPv4 (/24),
 * the first four groups of IPv6 (/64). Null for missing or malformed input.
 */
export function networkOf(ip: string | undefined): string | null {
  if (!ip) return null;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(ip.trim());
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(':')) {
    const head = ip.trim().toLowerCase().split('::')[0]!.split(':');
    if (head.length === 0 || head.some((g) => !/^[0-9a-f]{0,4}$/.test(g))) return null;
    while (head.length < 4) head.push('0');
    return `${head.slice(0, 4).join(':')}::/64`;
  }
  return null;
}

/** A trimmed address, or null when absent/blank. */
export function addressOf(ip: string | undefined): string | null {
  const a = ip?.trim();
  return a ? a : null;
}
