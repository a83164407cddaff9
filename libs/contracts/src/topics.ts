/**
 * Every Kafka topic userops reads or writes. The version is part of the name: a breaking change
 * to a payload is a new topic, never an edit of an existing schema.
 */
export const Topics = {
  events: 'userops.events.v1',
  eventsRejected: 'userops.events.rejected.v1',
  segmentChanged: 'userops.segment-changed.v1',
  profiles: 'userops.profiles.v1',
  insight: 'userops.insight.v1',
  action: 'userops.action.v1',
  userDeleted: 'userops.user-deleted.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];
export type TopicKey = keyof typeof Topics;

/** Topics that keep only the latest value per key (a table as a stream): the user profiles. */
export const compactedTopicKeys: ReadonlyArray<TopicKey> = ['profiles'];

/** Dead-letter topic of a source topic: original bytes plus the error, see DeadLetterRecord. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

export type TopicMap = { readonly [K in keyof typeof Topics]: string };

/**
 * The topic names under a namespace prefix (KAFKA_TOPIC_PREFIX), for clusters shared by several
 * environments or tests. An empty prefix gives the names above unchanged.
 */
export function topicsWithPrefix(prefix: string): TopicMap {
  return Object.fromEntries(
    Object.entries(Topics).map(([key, name]) => [key, `${prefix}${name}`]),
  ) as unknown as TopicMap;
}
