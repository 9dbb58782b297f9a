import type { Logger } from "pino";
import type { z } from "zod";
import type { Enriched } from "../model/index.js";

export interface StageContext {
  logger: Logger;
  signal: AbortSignal;
  /** Path of the embedded SQLite database, for stages that keep state (behaviour). */
  stateDir: string;
}

/**
 * One enrichment step. Stages run in order on each batch, in event order within a source.
 * A stage that throws for a batch is retried record by record, and the records that still fail
 * are dead-lettered with the stage's name: one bad record never stops the others.
 */
export interface EnrichStage {
  readonly name: string;
  process(records: Enriched[]): Promise<Enriched[]> | Enriched[];
  close?(): Promise<void>;
}

/** How a stage plugs into config: its key under `enrich:` and its options. */
export interface StageFactory<Schema extends z.ZodType = z.ZodType> {
  /** Key under `enrich:` in config; also the stage's name in logs and the DLQ. */
  readonly name: string;
  readonly configSchema: Schema;
  create(config: z.infer<Schema>, ctx: StageContext): Promise<EnrichStage | undefined> | EnrichStage | undefined;
}

export function defineStage<Schema extends z.ZodType>(factory: StageFactory<Schema>): StageFactory<Schema> {
  return factory;
}
