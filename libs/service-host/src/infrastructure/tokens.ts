/** Injection tokens of the infrastructure clients a service gets from InfrastructureModule. */
export const KAFKA = Symbol('userops.kafka');
export const EVENT_PRODUCER = Symbol('userops.event-producer');
export const PG_POOL = Symbol('userops.pg-pool');
export const REDIS = Symbol('userops.redis');
export const INFRASTRUCTURE_OPTIONS = Symbol('userops.infrastructure-options');
