import { join } from 'node:path';
import { assertServiceBootContract } from '@userops/testing';

assertServiceBootContract({ service: 'interaction', entry: join(__dirname, 'main.ts') });
