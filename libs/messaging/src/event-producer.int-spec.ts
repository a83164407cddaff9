import { createTestTopic, DisposableBroker, readTopic, testKafka } from '@userops/testing';
import { z } from 'zod';
import { BrokerUnavailableError, ContractViolationError, createKafka, EventProducer } from '.';

const payload = z.object({ n: z.number() });

describe('EventProducer', () => {
  it('resolves after the broker acknowledged, with values readable and keyed', async () => {
    const kafka = testKafka();
    const topic = await createTestTopic(kafka, 'produce', 3);
    const producer = new EventProducer(kafka);
    await producer.connect();
    try {
      await producer.send(
        topic,
        [
          { key: 'u1', value: { n: 1 } },
          { key: 'u2', value: { n: 2 } },
        ],
        payload,
      );
      const messages = await readTopic(kafka, topic, 2);
      expect(messages.map((m) => [m.key!.toString(), JSON.parse(m.value!.toString())]).sort()).toEqual([
        ['u1', { n: 1 }],
        ['u2', { n: 2 }],
      ]);
      await expect(
        producer.send(topic, [{ key: 'u3', value: { n: 'x' } as never }], payload),
      ).rejects.toBeInstanceOf(ContractViolationError);
    } finally {
      await producer.disconnect();
    }
  });

  it('rejects a send while the broker is stopped (no silent success), and sends again once it is back', async () => {
    const broker = new DisposableBroker(19192);
    await broker.start();
    try {
      const kafka = createKafka(
        { brokers: broker.brokers, clientId: 'stopped-broker' },
        { retry: { retries: 2, initialRetryTime: 100 } },
      );
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'stoppable' }], waitForLeaders: true });
      await admin.disconnect();
      const producer = new EventProducer(kafka, { sendTimeoutMs: 5000 });
      await producer.connect();
      await producer.send('stoppable', [{ key: 'k', value: { n: 1 } }], payload);

      await broker.stop();
      await expect(
        producer.send('stoppable', [{ key: 'k', value: { n: 2 } }], payload),
      ).rejects.toBeInstanceOf(BrokerUnavailableError);

      await broker.start();
      await producer.send('stoppable', [{ key: 'k', value: { n: 3 } }], payload);
      const values = (await readTopic(kafka, 'stoppable', 2)).map((m) => JSON.parse(m.value!.toString()).n);
      expect(values).toEqual([1, 3]);
      await producer.disconnect();
    } finally {
      await broker.destroy();
    }
  });
});
