import { z } from 'zod';

/** Settings every userops service reads; each service extends this with its own. */
export const baseEnvironment = {
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(/^[^:\s]+:\d+$/, 'each broker must be host:port'))
        .min(1, 'must name at least one broker'),
    ),
  /** Prepended to every topic name, e.g. `staging.`; lets environments share a cluster. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'may hold only letters, digits, ".", "_" and "-"')
    .default(''),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).default(6),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
  DATABASE_URL: z
    .string()
    .default('postgres://postgres@127.0.0.1:5432/userops')
    .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL'),
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379/0')
    .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// URL'),
};

/** A TCP port; 0 lets the OS pick a free one (tests). */
export const portVariable = (defaultPort: number) =>
  z.coerce.number().int().min(0).max(65535).default(defaultPort);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once at start-up into a typed object; throws naming each bad variable.
 * An empty variable counts as unset (its default applies): `docker compose` turns an optional
 * `${VAR:-}` the operator did not set into an empty string.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const result = schema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  if (result.success) return result.data as z.output<S>;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(environment)');
    const value = env[variable];
    return `${variable}${value === undefined ? ' (unset)' : `=${JSON.stringify(value)}`}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** parseConfig for a process entry point: a bad setting stops the process with the reason. */
export function loadConfigOrExit<S extends z.ZodType>(schema: S, service: string): z.output<S> {
  try {
    return parseConfig(schema);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${service}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
