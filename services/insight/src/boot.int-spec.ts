import { join } from 'node:path';
import { describeServiceProcess } from '@userops/testing';

describeServiceProcess({ service: 'insight', entry: join(__dirname, 'main.ts') });
