import { makeCounterProvider } from '@willsoto/nestjs-prometheus';
import { HttpProblem } from '@userops/service-host';

export const forgottenUserMessagesMetric = 'userops_interaction_forgotten_user_messages_total';

export const forgottenUserMetricProvider = makeCounterProvider({
  name: forgottenUserMessagesMetric,
  help: 'Messages about an erased user (produced before the deletion, consumed after it) skipped without storing anything, by topic.',
  labelNames: ['topic'],
});

/** A decision asked for an erased user: refused, as taking it would log the user again. */
export function userDeleted(userId: string): HttpProblem {
  return new HttpProblem(
    410,
    'USER_DELETED',
    `user ${userId} was deleted (user-deleted.v1): interaction keeps nothing about them and takes no decisions for them`,
  );
}
