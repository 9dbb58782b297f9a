import type { Logger } from "pino";
import type { z } from "zod";
import type { Enriched } from "../model/index.js";
import type { Json } from "../inputs/types.js";

export interface RejectedRecord {
  record: Enriched;
  /** Why the destination refused it (e.g. Elasticsearch's mapping error); the record goes to the DLQ. */
  reason: string;
}

export interface SinkResult {
  written: number;
  /** Records the destination already held (same deterministic id): counted, not re-written. */
  duplicates: number;
  /** Records the destination refused permanently. */
  rejected: RejectedRecord[];
  /** Attempts that had to be repeated inside the sink (429, 503, ...). */
  retried?: number;
}

export interface SinkContext {
  logger: Logger;
  signal: AbortSignal;
}

/**
 * A destination. `write` resolves once the batch is durable there; it throws when the whole
 * batch failed for a reason that may pass (the pipeline retries it with backoff and does not
 * commit the source checkpoint meanwhile).
 */
export interface Sink {
  readonly name: string;
  readonly type: string;
  open?(ctx: SinkContext): Promise<void>;
  write(records: Enriched[], ctx: SinkContext): Promise<SinkResult>;
  /**
   * State committed atomically with the source checkpoints (the file sink's length), so that a
   * restart after a crash can roll back what was written after the last commit.
   */
  commitState?(): Json;
  restore?(state: Json | undefined, ctx: SinkContext): Promise<void>;
  close(): Promise<void>;
}

/** How a sink type plugs into config and the CLI. */
export interface SinkFactory<Schema extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly configSchema: Schema;
  create(config: z.infer<Schema>, name: string): Sink;
}

export function defineSink<Schema extends z.ZodType>(factory: SinkFactory<Schema>): SinkFactory<Schema> {
  return factory;
}

/**
 * A refusal that no retry can fix (credentials refused, index not allowed): the run stops with
 * this message instead of retrying forever. Nothing of the batch is committed, so nothing is lost.
 */
export class SinkConfigurationError extends Error {
  override name = "SinkConfigurationError";
}
