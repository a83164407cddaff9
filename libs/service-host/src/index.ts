export * from './config/load-config';
export * from './health/readiness-checks';
export * from './infrastructure/tokens';
export * from './infrastructure/consumer-registry';
export * from './infrastructure/infrastructure.module';
export * from './service-module';
export * from './bootstrap';
