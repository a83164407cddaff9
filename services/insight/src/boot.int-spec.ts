import { join } from 'node:path';
import { assertServiceBootContract } from '@userops/testing';

assertServiceBootContract({ service: 'insight', entry: join(__dirname, 'main.ts') });
