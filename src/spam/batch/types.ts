// The campaign group is a public output: its schema and type live in src/schema/batch.ts.
export type { CampaignGroup } from '../../schema/batch.js';
