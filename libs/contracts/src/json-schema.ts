import { z } from 'zod';
import { messageCatalog } from './catalog';

/** JSON Schema (draft 2020-12) of every message, for consumers not written in TypeScript. */
export function jsonSchemas(): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(messageCatalog)) {
    // 'input' describes what a producer must send (defaults may be omitted).
    schemas[name] = { title: name, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) };
  }
  return schemas;
}
