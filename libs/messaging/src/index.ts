export * from './errors';
export * from './kafka-client';
export * from './event-producer';
export * from './consumer-runner';
export * from './topic-provisioner';
