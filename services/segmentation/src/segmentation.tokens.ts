/** Injection tokens of segmentation's own settings (the infrastructure clients come from service-host). */
export const SEGMENTATION_CONFIG = Symbol('segmentation.config');
export const SEGMENTATION_TOPICS = Symbol('segmentation.topics');
