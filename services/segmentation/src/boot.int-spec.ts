import { join } from 'node:path';
import { assertServiceBootContract } from '@userops/testing';

assertServiceBootContract({ service: 'segmentation', entry: join(__dirname, 'main.ts') });
