import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jsonSchemas } from './json-schema';

// Usage: npm run contracts:json-schema [-- OUT_DIR]   (default: contracts-json-schema/)
const outDir = resolve(process.argv[2] ?? 'contracts-json-schema');
mkdirSync(outDir, { recursive: true });
const schemas = jsonSchemas();
for (const [name, schema] of Object.entries(schemas)) {
  writeFileSync(join(outDir, `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
}
process.stdout.write(`wrote ${Object.keys(schemas).length} JSON Schema files to ${outDir}\n`);
