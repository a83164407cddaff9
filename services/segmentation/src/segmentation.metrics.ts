import { makeCounterProvider } from '@willsoto/nestjs-prometheus';

export const eventsMetric = 'userops_segmentation_events_total';
export const segmentChangesMetric = 'userops_segmentation_segment_changes_total';

export const segmentationMetricProviders = [
  makeCounterProvider({
    name: eventsMetric,
    help: 'Events applied to live features, or skipped as duplicates (a redelivered eventId).',
    labelNames: ['outcome'],
  }),
  makeCounterProvider({
    name: segmentChangesMetric,
    help: 'segment-changed events emitted, by model.',
    labelNames: ['model'],
  }),
];
