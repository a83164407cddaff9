export * from './naming';
export * from './wait-for';
export * from './kafka-helpers';
export { testEndpoints, defaultEndpoints, type TestEndpoints } from './infra/endpoints';
export * from './disposable-broker';
export * from './service-process';
export * from './envelopes';
