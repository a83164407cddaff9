import { join } from 'node:path';
import { describeServiceProcess } from '@userops/testing';

describeServiceProcess({ service: 'segmentation', entry: join(__dirname, 'main.ts') });
