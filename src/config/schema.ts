import { z } from "zod";

const ContentMode = z.enum(["keep", "hash", "drop"]);

export const SourceConfig = z.object({
  /** Unique name; checkpoints and metrics are keyed by it. */
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, "use letters, digits, '_', '.', '-'"),
  /** Connector folder name (see `aisiem parse --help` for the list). */
  connector: z.string().min(1),
  /** Connector options, validated by the connector's own schema. */
  options: z.record(z.string(), z.unknown()).default({}),
  /** Keep, hash or drop prompt and response text before it leaves the parser. */
  content: ContentMode.default("keep"),
  /** Transport: `file`, `stdin`, `http`, or `pull` (the connector's own API puller). Checked against the input's schema. */
  input: z.looseObject({ type: z.string().min(1) }),
});
export type SourceConfig = z.infer<typeof SourceConfig>;

export const PipelineConfig = z.object({
  batchMaxRecords: z.number().int().positive().default(500),
  batchMaxBytes: z.number().int().positive().default(4 * 1024 * 1024),
  batchMaxWaitMs: z.number().int().positive().default(1000),
  /** Batches between reading and the sinks at once: bounds memory whatever the input size. */
  maxInFlightBatches: z.number().int().positive().max(64).default(4),
  /** Backoff for a sink write that failed as a whole; retried until it succeeds or the run stops. */
  retry: z
    .object({
      initialDelayMs: z.number().int().positive().default(500),
      maxDelayMs: z.number().int().positive().default(30_000),
    })
    .default({ initialDelayMs: 500, maxDelayMs: 30_000 }),
});

export const Config = z.object({
  /** Where checkpoints, the DLQ and behavioural state live (SQLite). */
  stateDir: z.string().default(".aisiem"),
  logging: z
    .object({ level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info") })
    .default({ level: "info" }),
  pipeline: PipelineConfig.default(PipelineConfig.parse({})),
  dlq: z.object({ path: z.string().optional() }).default({}),
  sources: z.array(SourceConfig).min(1, "at least one source is needed"),
  /** Enrichment stages by name, each with its own options (see the configuration reference). */
  enrich: z.record(z.string(), z.unknown()).default({}),
  sinks: z.array(z.looseObject({ type: z.string().min(1), name: z.string().optional() })).min(1, "at least one sink is needed"),
});
export type Config = z.infer<typeof Config>;
