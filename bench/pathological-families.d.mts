/** Types for pathological-families.mjs (imported by test/linear-time.test.ts). */
export declare const FAMILIES: Record<string, (n: number) => string>;
/** Types for the reply compliance families (imported by test/reply-linear-time.test.ts). */
export declare const REPLY_FAMILIES: Record<string, (n: number) => string>;
