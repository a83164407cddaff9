import { makeCounterProvider } from '@willsoto/nestjs-prometheus';

export const textsMetric = 'userops_insight_texts_total';
export const alertsMetric = 'userops_insight_alerts_total';

export const insightMetricProviders = [
  makeCounterProvider({
    name: textsMetric,
    help: 'Text-carrying events by outcome: analysed, rejected (by guard code) or duplicate (redelivered, not counted again).',
    labelNames: ['outcome', 'code'],
  }),
  makeCounterProvider({ name: alertsMetric, help: 'Alert insights raised, by rule.', labelNames: ['rule'] }),
];
