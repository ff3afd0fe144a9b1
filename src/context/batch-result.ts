// What analyzeBatch returns; its schema and type live in src/schema/batch.ts.
export type { BatchResult } from '../schema/batch.js';
