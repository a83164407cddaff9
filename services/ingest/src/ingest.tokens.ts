/** Injection tokens of ingest's own values. */
export const INGEST_CONFIG = Symbol('ingest.config');
export const INGEST_TOPICS = Symbol('ingest.topics');
