import { timestampMs } from '../../kernel/review.js';
import type { NormalizedReview } from '../../kernel/review.js';

/** Epoch milliseconds of a review, or null when it has no usable timestamp (see timestampMs). */
export function reviewTimeMs(review: NormalizedReview): number | null {
  return timestampMs(review.timestamp);
}


/**
 * The network an address belongs to: the first three octets of IPv4 (/24),
 * the first four groups of IPv6 (/64). Null for missing or malformed input.
 */
export function networkOf(ip: string | undefined): string | null {
  if (!ip) return null;
  const a = ip.trim();
  const lastDot = a.lastIndexOf('.');
  if (lastDot > 0 && isIPv4(a)) return a.slice(0, lastDot) + '.0/24';
  if (a.includes(':')) {
    const head = a.toLowerCase().split('::')[0]!.split(':');
    if (head.some((g) => !/^[0-9a-f]{0,4}$/.test(g))) return null;
    while (head.length < 4) head.push('0');
    return `${head.slice(0, 4).join(':')}::/64`;
  }
  return null;
}

/** Four dot-separated groups of 1-3 digits (a character loop: this runs once per review). */
function isIPv4(a: string): boolean {
  let groups = 1;
  let digits = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0) return false;
      groups++;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      if (++digits > 3) return false;
    } else return false;
  }
  return groups === 4 && digits > 0;
}

/** A trimmed address, or null when absent/blank. */
export function addressOf(ip: string | undefined): string | null {
  const a = ip?.trim();
  return a ? a : null;
}
