import { hostname } from "node:os";
import { z } from "zod";
import { TlsConfig } from "../../util/tls.js";

export const HecRetryConfig = z
  .object({
    /** Attempts per batch for 500/503/network errors before the write fails (the pipeline retries it later). */
    maxAttempts: z.number().int().positive().default(8),
    initialDelayMs: z.number().int().positive().default(500),
    maxDelayMs: z.number().int().positive().default(30_000),
  })
  .default({ maxAttempts: 8, initialDelayMs: 500, maxDelayMs: 30_000 });

export const HecAckConfig = z
  .object({
    /** Indexer acknowledgement (Splunk Enterprise tokens with useACK; Splunk Cloud supports it only for Firehose). */
    enabled: z.boolean().default(false),
    /** The channel GUID; a random one per process when left out. */
    channel: z.uuid().optional(),
    pollIntervalMs: z.number().int().positive().default(3_000),
    /** A request not acknowledged after this long is sent again (reference splunk.md §1.8: ~5 min). */
    timeoutMs: z.number().int().positive().default(300_000),
  })
  .default({ enabled: false, pollIntervalMs: 3_000, timeoutMs: 300_000 });

export const SplunkHecSinkConfig = z.object({
  type: z.literal("splunk"),
  name: z.string().optional(),
  /** HEC base URLs (`https://splunk.example.com:8088`); the first reachable one takes the data, the others are failover. */
  endpoints: z.array(z.url({ protocol: /^https?$/ })).min(1),
  /** HEC token: give it as `${SPLUNK_HEC_TOKEN}` or `${file:/run/secrets/hec}`, never inline. */
  token: z.string().min(1),
  index: z.string().min(1).default("aisiem"),
  source: z.string().min(1).default("aisiem"),
  host: z.string().min(1).default(hostname()),
  gzip: z.boolean().default(true),
  batch: z
    .object({
      maxEvents: z.number().int().positive().default(500),
      /** Uncompressed bytes per request; small bodies suit Splunk Cloud (reference splunk.md §1.9). */
      maxBytes: z.number().int().positive().default(1_048_576),
    })
    .default({ maxEvents: 500, maxBytes: 1_048_576 }),
  /** Largest single event (HEC `maxEventSize`, default 5 MB): a bigger one is dead-lettered, never sent. */
  maxEventBytes: z.number().int().positive().default(5 * 1024 * 1024),
  timeoutMs: z.number().int().positive().default(30_000),
  retry: HecRetryConfig,
  ack: HecAckConfig,
  tls: TlsConfig,
  /** Check `/services/collector/health` and the token on every endpoint when the sink opens. */
  healthCheck: z.boolean().default(true),
});
export type SplunkHecSinkConfig = z.infer<typeof SplunkHecSinkConfig>;
