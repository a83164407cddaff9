// A consumer group member in its own process, so a test can SIGKILL it mid-stream.
// argv: topic groupId schema consumerName
import { createPostgresPool } from '@userops/storage';
import { testEndpoints, testKafka } from '@userops/testing';
import { ConsumerRunner, EventProducer } from '../src';
import { applyOnce, countedEvent } from './effect-ledger';

async function main(): Promise<void> {
  const [topic, groupId, schema, name] = process.argv.slice(2) as [string, string, string, string];
  const pool = createPostgresPool({ databaseUrl: testEndpoints().databaseUrl, schema, maxConnections: 4 });
  const kafka = testKafka(name);
  const deadLetters = new EventProducer(kafka);
  await deadLetters.connect();
  const runner = new ConsumerRunner({
    kafka,
    groupId,
    topic,
    schema: countedEvent,
    deadLetters,
    partitionsConsumedConcurrently: 3,
    handle: async ({ value }) => applyOnce(pool, name, value),
  });
  runner.kafkaConsumer.on(runner.kafkaConsumer.events.GROUP_JOIN, () => process.stdout.write('joined\n'));
  await runner.start();
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
