import { BanditError } from '../bandit.errors';
import { LinearArms } from '../policies/linear-arms.registry';
import { checkContext, checkParameter } from '../policies/policy-input.validation';
import type { LoggedDecision, RewardModel } from './ope.types';

/**
 * A per-action ridge regression of reward on context fitted to the log: the usual r̂ for doubly
 * robust estimation. Actions absent from the log are predicted 0 (the ridge prior). It is fitted
 * on the same records it corrects, which is standard practice; with very few records per action
 * prefer a model fitted on a separate slice of the log.
 */
export function fitRidgeRewardModel(log: readonly LoggedDecision[], lambda = 1): RewardModel {
  if (!Array.isArray(log) || log.length === 0) {
    throw new BanditError('INVALID_LOG', 'cannot fit a reward model on an empty log');
  }
  checkParameter('reward model lambda', lambda, (l) => l > 0, 'a number > 0');
  const models = new LinearArms(log[0]!.context.length, lambda);
  for (const record of log) models.update(record.action, record.context, record.reward);
  return (context, action) => models.modelOf(action).expectedReward(checkContext(context, models.dimension));
}
