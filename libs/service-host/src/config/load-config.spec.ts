import { z } from 'zod';
import { baseEnvironment, ConfigError, parseConfig, portVariable } from './load-config';

const schema = z.object({ ...baseEnvironment, PORT: portVariable(3000) });

describe('parseConfig', () => {
  it('applies defaults and splits the broker list', () => {
    const config = parseConfig(schema, { KAFKA_BROKERS: '10.0.0.1:9092, 10.0.0.2:9092' });
    expect(config.PORT).toBe(3000);
    expect(config.KAFKA_BROKERS).toEqual(['10.0.0.1:9092', '10.0.0.2:9092']);
    expect(config.KAFKA_TOPIC_PARTITIONS).toBe(6);
  });

  it('treats an empty variable as unset, as docker compose leaves an optional one', () => {
    const withToken = z.object({ ...baseEnvironment, ADMIN_TOKEN: z.string().min(16).optional() });
    const config = parseConfig(withToken, { ADMIN_TOKEN: '', LOG_LEVEL: '' });
    expect(config.ADMIN_TOKEN).toBeUndefined();
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('names every bad variable with its value and the expected form', () => {
    let caught: unknown;
    try {
      parseConfig(schema, { PORT: 'eighty', KAFKA_BROKERS: 'kafka', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      'KAFKA_BROKERS="kafka": each broker must be host:port',
      'DATABASE_URL="mysql://x": must be a postgres:// URL',
      'PORT="eighty": Invalid input: expected number, received NaN',
    ]);
  });
});
