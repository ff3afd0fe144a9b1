import { describe, expect, it } from 'vitest';
import { SeverityPolicy, type DecisionState } from '../src/severity/policy.js';
import type { ActionTable } from '../src/severity/actions.js';

// The action list follows the order of the review's topics; the policy caches lists by the set of topics.
describe('SeverityPolicy action cache', () => {
  const table = { byLevel: {}, byNature: {}, byTopic: { quality: ['check the batch'], service: ['coach the agent'] }, byTrigger: {}, byCampaign: [] } as unknown as ActionTable;
  const hours = { low: null, medium: 24, high: 4, critical: 1 };
  const state = (topics: DecisionState['topics']): DecisionState => ({ urgency: 0.5, nature: 'genuine_complaint', topics, fired: [], complaint: true });

  it("a review's actions do not depend on which review with the same topics came first", () => {
    const fresh = new SeverityPolicy(hours, table).build('medium', state(['service', 'quality']), [], []).actions;
    const warmed = new SeverityPolicy(hours, table);
    warmed.build('medium', state(['quality', 'service']), [], []);
    expect(warmed.build('medium', state(['service', 'quality']), [], []).actions).toEqual(fresh);
    expect(fresh).toEqual(['coach the agent', 'check the batch']);
  });
});
