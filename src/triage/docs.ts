export { isNegative } from '../severity/negative.js';

const DAY = 86_400_000;

/** Day number (days since 1970-01-01 in the given offset) of an epoch ms. */
export function dayOf(ms: number, utcOffsetMinutes: number): number {
  return Math.floor((ms + utcOffsetMinutes * 60_000) / DAY);
}

export function dayString(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
