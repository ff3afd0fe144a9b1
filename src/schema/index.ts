// Output schemas: zod schemas of Analysis and BatchResult, the types derived from them, and the label arrays.
export * from './labels.js';
export * from './analysis.js';
export * from './batch.js';
export * from './reply.js';
