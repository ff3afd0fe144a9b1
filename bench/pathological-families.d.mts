/** Types for pathological-families.mjs (imported by test/linear-time.test.ts). */
export declare const FAMILIES: Record<string, (n: number) => string>;
