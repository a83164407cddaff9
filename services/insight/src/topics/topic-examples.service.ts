import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { shippedTopicExamples, type TopicExample } from '@userops/nlp';
import { HttpProblem } from '@userops/service-host';
import { type StoredTopicExample, TopicModelRepository } from './topic-model.repository';

export interface TopicExampleListing {
  examples: StoredTopicExample[];
  /** Team examples matching the query (for paging). */
  total: number;
  /** Every label a retrain would learn, with its starter and team example counts. */
  labels: Array<{ label: string; starterExamples: number; teamExamples: number }>;
}

/** The labelled examples product teams add to teach the topic classifier (used at the next retrain). */
@Injectable()
export class TopicExamplesService {
  constructor(private readonly repository: TopicModelRepository) {}

  add(examples: readonly TopicExample[]): Promise<StoredTopicExample[]> {
    return this.repository.insertExamples(examples.map((example) => ({ ...example, id: randomUUID() })));
  }

  async list(query: { label?: string; limit: number; offset: number }): Promise<TopicExampleListing> {
    const [page, teamCounts] = await Promise.all([
      this.repository.listExamples(query),
      this.repository.examplesPerLabel(),
    ]);
    const starter = shippedTopicExamples();
    const starterCount = (label: string) =>
      starter.examples.filter((example) => example.labels.includes(label)).length;
    const labels = [...new Set([...starter.labels, ...Object.keys(teamCounts)])];
    return {
      ...page,
      labels: labels.map((label) => ({
        label,
        starterExamples: starterCount(label),
        teamExamples: teamCounts[label] ?? 0,
      })),
    };
  }

  async remove(id: string): Promise<void> {
    if (!(await this.repository.deleteExample(id)))
      throw HttpProblem.notFound(
        'TOPIC_EXAMPLE_NOT_FOUND',
        `no topic example has id ${id}; list them with GET /admin/topics/examples`,
      );
  }
}
