/** Injection tokens of interaction's own settings (the infrastructure clients come from service-host). */
export const INTERACTION_CONFIG = Symbol('interaction.config');
export const INTERACTION_TOPICS = Symbol('interaction.topics');
