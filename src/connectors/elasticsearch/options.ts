import { z } from "zod";
import { ConnectionConfig } from "../../util/elasticsearch.js";

export const ElasticsearchSourceOptions = z.object({
  /** Needed to pull (`input: {type: pull}`); not for parsing saved hits from a file. */
  connection: ConnectionConfig.optional(),
  /** Index, data stream or pattern to read; by default Elastic's AWS Bedrock invocation logs. */
  index: z.string().min(1).default("logs-aws_bedrock.invocation-*"),
  /** Extra Query DSL filter, e.g. `{ term: { "cloud.account.id": "123456789012" } }`. */
  query: z.record(z.string(), z.unknown()).optional(),
  /** Date field the cursor follows; `event.ingested` also catches documents that arrive late. */
  cursorField: z.string().min(1).default("@timestamp"),
  pageSize: z.number().int().min(1).max(10_000).default(500),
  /** How long Elasticsearch keeps the point in time between pages. */
  keepAlive: z.string().regex(/^\d+[smh]$/, "a duration like 5m").default("5m"),
  /** Keep polling for new documents instead of ending when all are read. */
  follow: z.boolean().default(false),
  pollIntervalMs: z.number().int().positive().default(60_000),
  pollJitter: z.number().min(0).max(1).default(0.1),
});
export type ElasticsearchSourceOptions = z.infer<typeof ElasticsearchSourceOptions>;
