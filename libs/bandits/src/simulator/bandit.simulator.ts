import { BanditError } from '../bandit.errors';
import { checkParameter } from '../policies/policy-input.validation';
import { createRng, type Rng } from '../random/seeded.rng';

export interface SimulatorConfig {
  /** Seeds the hidden world, the users and the visit stream; same seed, same sequence. */
  seed: number;
  /** Number of actions (default 10). */
  actions?: number;
  /** Continuous behavioural features per user (default 8). */
  features?: number;
  /** Segments, one-hot encoded after the features (default 4). */
  segments?: number;
  /** Size of the user population visits are drawn from (default 2000). */
  users?: number;
}

/** One visit: the context a policy sees, and what only the simulator knows. */
export interface SimulatedVisit {
  userIndex: number;
  segment: number;
  /** [features..., one-hot segment]; the one-hot part acts as a per-segment intercept. */
  context: Float64Array;
  /** Hidden P(reward = 1) of every action, in `actions` order. */
  expectedRewards: Float64Array;
  oracleAction: string;
  oracleReward: number;
  /** Bernoulli reward of an action; one uniform per visit, so every policy faces the same luck. */
  reward(actionId: string): 0 | 1;
}

/**
 * A synthetic product with users whose preferences over actions are hidden: each user belongs
 * to a segment and has stable behavioural features (centred on their segment's profile, plus
 * per-visit noise). An action's reward is Bernoulli with a logistic model
 * P(r = 1 | x, a) = σ(cₐ + γₐ,segment + wₐᵀfeatures), so the linear policies are slightly
 * misspecified, as in production. Since the simulator knows P for every action, it knows the
 * oracle's choice and hence each policy's regret exactly.
 */
export class BanditSimulator {
  readonly actions: string[];
  readonly dimension: number;
  private readonly featureCount: number;
  private readonly segmentCount: number;
  private readonly intercepts: Float64Array;
  private readonly segmentPreferences: Float64Array;
  private readonly featureWeights: Float64Array;
  private readonly userSegments: Int32Array;
  private readonly userFeatures: Float64Array;
  private readonly visits: Rng;
  private readonly luck: Rng;

  constructor(config: SimulatorConfig) {
    const actionCount = checkParameter(
      'simulator actions',
      config.actions ?? 10,
      (n) => Number.isInteger(n) && n >= 2,
      'an integer ≥ 2',
    );
    this.featureCount = checkParameter(
      'simulator features',
      config.features ?? 8,
      (n) => Number.isInteger(n) && n >= 0,
      'an integer ≥ 0',
    );
    this.segmentCount = checkParameter(
      'simulator segments',
      config.segments ?? 4,
      (n) => Number.isInteger(n) && n >= 1,
      'an integer ≥ 1',
    );
    const userCount = checkParameter(
      'simulator users',
      config.users ?? 2000,
      (n) => Number.isInteger(n) && n >= 1,
      'an integer ≥ 1',
    );
    const seed = checkParameter('simulator seed', config.seed, Number.isInteger, 'an integer');
    this.actions = Array.from({ length: actionCount }, (_, i) => `action-${i}`);
    this.dimension = this.featureCount + this.segmentCount;

    const world = createRng(seed);
    // Base click-through around σ(−2) ≈ 12%; segment tastes and features move it by about ±1 logit.
    this.intercepts = Float64Array.from({ length: actionCount }, () => -2 + 0.3 * world.normal());
    this.segmentPreferences = Float64Array.from(
      { length: actionCount * this.segmentCount },
      () => 0.7 * world.normal(),
    );
    const featureScale = this.featureCount > 0 ? 1 / Math.sqrt(this.featureCount) : 0;
    this.featureWeights = Float64Array.from(
      { length: actionCount * this.featureCount },
      () => featureScale * world.normal(),
    );
    const segmentProfiles = Float64Array.from(
      { length: this.segmentCount * this.featureCount },
      () => 0.5 * world.normal(),
    );

    this.userSegments = Int32Array.from({ length: userCount }, () => world.int(this.segmentCount));
    this.userFeatures = new Float64Array(userCount * this.featureCount);
    for (let user = 0; user < userCount; user++) {
      const segment = this.userSegments[user]!;
      for (let j = 0; j < this.featureCount; j++) {
        this.userFeatures[user * this.featureCount + j] =
          segmentProfiles[segment * this.featureCount + j]! + 0.8 * world.normal();
      }
    }
    this.visits = createRng(seed + 1);
    this.luck = createRng(seed + 2);
  }

  next(): SimulatedVisit {
    const userIndex = this.visits.int(this.userSegments.length);
    const segment = this.userSegments[userIndex]!;
    const context = new Float64Array(this.dimension);
    for (let j = 0; j < this.featureCount; j++) {
      context[j] = this.userFeatures[userIndex * this.featureCount + j]! + 0.3 * this.visits.normal();
    }
    context[this.featureCount + segment] = 1;

    const expectedRewards = Float64Array.from(this.actions, (_, a) => this.probability(a, segment, context));
    let oracle = 0;
    for (let a = 1; a < expectedRewards.length; a++)
      if (expectedRewards[a]! > expectedRewards[oracle]!) oracle = a;
    const uniform = this.luck.next();
    const indexOf = (actionId: string): number => {
      const index = this.actions.indexOf(actionId);
      if (index < 0)
        throw new BanditError(
          'INVALID_ACTIONS',
          `the simulator has no action "${actionId}"; choose among simulator.actions`,
        );
      return index;
    };
    return {
      userIndex,
      segment,
      context,
      expectedRewards,
      oracleAction: this.actions[oracle]!,
      oracleReward: expectedRewards[oracle]!,
      reward: (actionId) => (uniform < expectedRewards[indexOf(actionId)]! ? 1 : 0),
    };
  }

  private probability(action: number, segment: number, context: Float64Array): number {
    let logit = this.intercepts[action]! + this.segmentPreferences[action * this.segmentCount + segment]!;
    for (let j = 0; j < this.featureCount; j++)
      logit += this.featureWeights[action * this.featureCount + j]! * context[j]!;
    return 1 / (1 + Math.exp(-logit));
  }
}
