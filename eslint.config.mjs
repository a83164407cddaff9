// ESLint flat config: TypeScript rules plus Nx module boundaries, so the layering in DESIGN.md
// (services never import services; pure libs never import I/O) is checked, not hoped for.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ioPackages = [
  'kafkajs',
  'ioredis',
  'pg',
  'node-pg-migrate',
  '@nestjs/*',
  'fastify',
  '@fastify/*',
  'nestjs-pino',
  'prom-client',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'coverage',
      '.local',
      '.nx',
      'bench-results',
      'deploy/kafka/lib',
      'contracts-json-schema',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            {
              sourceTag: 'kind:pure',
              onlyDependOnLibsWithTags: ['kind:pure'],
              bannedExternalImports: ioPackages,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
