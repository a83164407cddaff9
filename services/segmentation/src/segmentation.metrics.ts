import { makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';

export const eventsMetric = 'userops_segmentation_events_total';
export const segmentChangesMetric = 'userops_segmentation_segment_changes_total';
export const outboxPendingMetric = 'userops_segmentation_outbox_pending';
export const insightsMetric = 'userops_segmentation_insights_total';

export const segmentationMetricProviders = [
  makeCounterProvider({
    name: eventsMetric,
    help: 'Events applied to live features, or skipped as duplicates (a redelivered eventId) or forgotten (the user was deleted).',
    labelNames: ['outcome'],
  }),
  makeCounterProvider({
    name: segmentChangesMetric,
    help: 'segment-changed events emitted, by model.',
    labelNames: ['model'],
  }),
  makeGaugeProvider({
    name: outboxPendingMetric,
    help: 'segment-changed events recorded but not yet acknowledged by Kafka (grows while Kafka is unreachable).',
  }),
  makeCounterProvider({
    name: insightsMetric,
    help: "insight.v1 sentiments added to users' features, skipped as duplicates (a text already counted) or forgotten (the user was deleted), or ignored (alerts).",
    labelNames: ['outcome'],
  }),
];
