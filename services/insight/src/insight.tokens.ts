/** Injection tokens of insight's own settings (the infrastructure clients come from service-host). */
export const INSIGHT_CONFIG = Symbol('insight.config');
export const INSIGHT_TOPICS = Symbol('insight.topics');
