export { clusterStage, ClusterOptionsSchema, findGroups, type ClusterOptions } from './cluster.js';
export { floodStage, FloodOptionsSchema, type FloodOptions } from './flood.js';
export { MinHashLsh } from './lsh.js';
export { reviewTimeMs, networkOf } from './time.js';
export type { CampaignGroup } from './types.js';
