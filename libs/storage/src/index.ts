export * from './postgres-pool';
export * from './migrations';
export * from './redis-client';
export * from './health';
export * from './idempotency';
export * from './test-database-guard';
export * from './transaction';
export * from './forgotten-users';
