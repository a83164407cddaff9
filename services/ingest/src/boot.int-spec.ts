import { join } from 'node:path';
import { describeServiceProcess } from '@userops/testing';

describeServiceProcess({ service: 'ingest', entry: join(__dirname, 'main.ts') });
