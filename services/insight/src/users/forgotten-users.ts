import { makeCounterProvider } from '@willsoto/nestjs-prometheus';

export const forgottenUserMessagesMetric = 'userops_insight_forgotten_user_messages_total';

export const forgottenUserMetricProvider = makeCounterProvider({
  name: forgottenUserMessagesMetric,
  help: 'Messages about an erased user (produced before the deletion, consumed after it) skipped without storing anything, by topic.',
  labelNames: ['topic'],
});
