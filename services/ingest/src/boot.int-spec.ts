import { join } from 'node:path';
import { assertServiceBootContract } from '@userops/testing';

assertServiceBootContract({ service: 'ingest', entry: join(__dirname, 'main.ts') });
