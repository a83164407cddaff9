import { z } from 'zod';

export const decisionRequest = z.object({
  userId: z.string().min(1).max(1024),
  decisionPoint: z.string().min(1).max(100),
  /**
   * Caller-supplied features by name: override the user's projected features or add ones the
   * projection lacks. Features of the decision point found nowhere count as 0.
   */
  context: z.record(z.string(), z.number().finite()).optional(),
});
export type DecisionRequest = z.output<typeof decisionRequest>;

export interface DecisionResponse {
  decisionId: string;
  actionId: string;
  payload: Record<string, unknown>;
  propensity: number;
}

/** A logged decision as the read API shows it. */
export interface LoggedDecisionView {
  decisionId: string;
  userId: string;
  decisionPoint: string;
  context: number[];
  actionId: string;
  propensity: number;
  policy: string;
  modelVersion: string;
  createdAt: string;
  rewardDueAt: string;
  rewardCount: number;
  rewardTotal: number;
  closedAt: string | null;
  appliedReward: number | null;
}
