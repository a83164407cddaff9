import { makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';

export const eventsMetric = 'userops_ingest_events_total';
export const unavailableMetric = 'userops_ingest_unavailable_total';
export const rateLimitedMetric = 'userops_ingest_rate_limited_total';
export const requestDurationMetric = 'userops_ingest_request_duration_seconds';

export const ingestMetricProviders = [
  makeCounterProvider({
    name: eventsMetric,
    help: 'Tracking calls by outcome: accepted (in Kafka), rejected (invalid), deduplicated, suppressed (deleted user).',
    labelNames: ['outcome'],
  }),
  makeCounterProvider({
    name: unavailableMetric,
    help: 'Requests answered 503 because Kafka did not acknowledge in time.',
  }),
  makeCounterProvider({
    name: rateLimitedMetric,
    help: 'Requests answered 429 by the per-source rate limit.',
  }),
  makeHistogramProvider({
    name: requestDurationMetric,
    help: 'Tracking request latency, by endpoint and status.',
    labelNames: ['endpoint', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
];
