// One jest run for the whole workspace: unit specs (pure, no infrastructure) and integration
// specs (real Kafka/PostgreSQL/Redis located or started by libs/testing's global setup).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { compilerOptions } = JSON.parse(readFileSync(join(__dirname, 'tsconfig.base.json'), 'utf8'));
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const swcConfig = JSON.parse(readFileSync(join(__dirname, '.swcrc'), 'utf8'));
delete swcConfig.$schema;

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swcConfig] },
  // ESM-only dependencies that jest's CommonJS runtime cannot load untransformed (Node itself can).
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.local/'],
};

module.exports = {
  // Integration tests wait on real brokers; each wait has its own deadline, this is the backstop.
  testTimeout: 120000,
  // A test whose service failed half-way through starting can leave kafkajs retry timers and
  // sockets behind; without this the run would finish but the process never exit (CI hangs).
  forceExit: true,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services,bench,scripts}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/infra/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/infra/global-teardown.ts',
    },
  ],
};
