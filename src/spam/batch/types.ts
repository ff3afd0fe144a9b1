/**
 * A group of near-duplicate reviews found by the `cluster` batch stage
 * (and marked as a burst by `flood`). Listed in `BatchResult.groups`.
 */
export interface CampaignGroup {
  /** `g1`, `g2`... in order of each group's first member in the input. */
  id: string;
  /** Review ids, in input order. */
  members: string[];
  size: number;
  /** The original text of the earliest member (by timestamp, else input order). */
  representative: string;
  /** ISO-8601 time of the earliest / latest member with a usable timestamp; null when none has one. */
  firstAt: string | null;
  lastAt: string | null;
  /** Distinct authorIds / ip addresses / ip networks (IPv4 /24, IPv6 /64) among members that have them. */
  distinctAuthors: number;
  distinctAddresses: number;
  distinctNetworks: number;
  /** Members with no authorId (they count as unknown, not as distinct authors). */
  unknownAuthors: number;
  /** True when the group is at least the cluster stage's `campaignMinSize`: a coordinated campaign rather than a repost. */
  campaign: boolean;
  /** True when `flood` found `burstMinSize` members inside `burstWindowMinutes`: the campaign is posting now. */
  burst: boolean;
  /** Members whose sentiment is negative (a smear campaign when most are). */
  negative: number;
}
