import { join } from 'node:path';
import { describeServiceProcess } from '@userops/testing';

describeServiceProcess({ service: 'interaction', entry: join(__dirname, 'main.ts') });
