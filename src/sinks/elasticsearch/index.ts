/**
 * The Elasticsearch sink: each enriched record becomes its ECS documents (src/map/ecs), written
 * with bulk `create` actions and deterministic ids into aisiem's data streams. Already-written
 * documents (409) count as duplicates, 429 and 5xx items are retried with backoff, anything else
 * Elasticsearch refuses (a mapping error) goes to the DLQ with Elasticsearch's reason.
 */
import { z } from "zod";
import { EcsMapOptions, toEcs, type EcsAction } from "../../map/ecs/index.js";
import type { Enriched } from "../../model/index.js";
import { backoffDelay, pause } from "../../util/backoff.js";
import { defineSink, type RejectedRecord, type Sink, type SinkContext, type SinkResult } from "../types.js";
import { sendBulk, type ItemOutcome } from "./bulk.js";
import { ConnectionConfig, connect, type EsClient } from "../../util/elasticsearch.js";
import { BulkPacing } from "./pacing.js";

export const ElasticsearchSinkConfig = z.object({
  type: z.literal("elasticsearch"),
  name: z.string().optional(),
  connection: ConnectionConfig,
  /** How records become documents: namespace, legacy fields, text size, `event.original`. */
  mapping: EcsMapOptions.default(EcsMapOptions.parse({})),
  bulk: z
    .object({
      /** Most documents per bulk request; fewer while the cluster is slow. */
      maxDocs: z.number().int().positive().default(1000),
      /** Most bytes per bulk request. */
      maxBytes: z.number().int().positive().default(5_000_000),
      /** A bulk request slower than this halves the next one's size. */
      targetLatencyMs: z.number().int().positive().default(2000),
      /** Rounds of retrying 429/5xx items before the whole batch is handed back to the pipeline. */
      retries: z.number().int().nonnegative().default(5),
      initialDelayMs: z.number().int().positive().default(500),
      maxDelayMs: z.number().int().positive().default(30_000),
    })
    .default({ maxDocs: 1000, maxBytes: 5_000_000, targetLatencyMs: 2000, retries: 5, initialDelayMs: 500, maxDelayMs: 30_000 }),
});
export type ElasticsearchSinkConfig = z.infer<typeof ElasticsearchSinkConfig>;

interface Pending {
  action: EcsAction;
  /** The action serialised once: its size decides the request split, and the client sends it as is. */
  line: string;
  record: Enriched;
}

export interface ElasticsearchSinkOptions {
  connection: ConnectionConfig;
  mapping?: Partial<EcsMapOptions>;
  bulk?: Partial<ElasticsearchSinkConfig["bulk"]>;
  /** A client the caller built (library use); the connection settings are then not used to connect. */
  client?: EsClient;
}

export class ElasticsearchSink implements Sink {
  readonly type = "elasticsearch";
  private client: EsClient | undefined;
  private readonly mapping: EcsMapOptions;
  private readonly bulk: ElasticsearchSinkConfig["bulk"];
  private readonly pacing: BulkPacing;

  constructor(
    readonly name: string,
    private readonly options: ElasticsearchSinkOptions,
  ) {
    this.mapping = EcsMapOptions.parse(options.mapping ?? {});
    this.bulk = ElasticsearchSinkConfig.shape.bulk.parse(options.bulk ?? {});
    this.pacing = new BulkPacing({ targetLatencyMs: this.bulk.targetLatencyMs, minDocs: 1, maxDocs: this.bulk.maxDocs });
    this.client = options.client;
  }

  async open(ctx: SinkContext): Promise<void> {
    if (this.client) return;
    const { client, server } = await connect(this.options.connection);
    this.client = client;
    ctx.logger.info({ sink: this.name, server: server?.version ?? "unknown" }, "connected to Elasticsearch");
  }

  async write(records: Enriched[], ctx: SinkContext): Promise<SinkResult> {
    const client = this.requireClient();
    const now = new Date();
    let pending: Pending[] = records.flatMap((record) =>
      toEcs(record, { ...this.mapping, now }).map((action) => ({ action, record, line: JSON.stringify(action.doc) })),
    );
    const outcome = new Map<Enriched, { created: number; duplicates: number; rejected: string[] }>(
      records.map((r) => [r, { created: 0, duplicates: 0, rejected: [] }]),
    );
    let retried = 0;
    for (let round = 0; pending.length > 0; round++) {
      if (round > 0) {
        retried += pending.length;
        const delay = backoffDelay(round - 1, this.bulk);
        ctx.logger.warn({ sink: this.name, documents: pending.length, delayMs: delay }, "Elasticsearch asked to retry documents");
        if (!(await pause(delay, ctx.signal))) throw new Error("stopped while retrying documents");
      }
      const again: Pending[] = [];
      let lastReason = "";
      for (const chunk of this.chunks(pending)) {
        const results = await this.send(client, chunk, ctx.signal);
        results.forEach((result, i) => {
          const item = chunk[i]!;
          const tally = outcome.get(item.record)!;
          if (result.kind === "created") tally.created += 1;
          else if (result.kind === "duplicate") tally.duplicates += 1;
          else if (result.kind === "rejected") tally.rejected.push(`${item.action.index}/${item.action.id}: ${result.reason}`);
          else {
            again.push(item);
            lastReason = result.reason;
          }
        });
      }
      if (again.length > 0 && round >= this.bulk.retries) {
        // Hand the whole batch back: the pipeline retries it later, and what was written meanwhile answers 409.
        throw new Error(`Elasticsearch kept refusing ${again.length} documents after ${round + 1} rounds: ${lastReason}`);
      }
      pending = again;
    }
    return this.tally(outcome, retried);
  }

  private async send(client: EsClient, chunk: Pending[], signal: AbortSignal): Promise<ItemOutcome[]> {
    const started = performance.now();
    const results = await sendBulk(client, chunk.map((p) => p.action), chunk.map((p) => p.line), signal);
    this.pacing.record(performance.now() - started, results.some((r) => r.kind === "retry"));
    return results;
  }

  /** Splits into requests of at most the current document count and the byte limit. */
  private *chunks(pending: Pending[]): Generator<Pending[]> {
    let chunk: Pending[] = [];
    let bytes = 0;
    for (const item of pending) {
      const size = item.line.length + 100;
      if (chunk.length > 0 && (chunk.length >= this.pacing.docsPerRequest || bytes + size > this.bulk.maxBytes)) {
        yield chunk;
        chunk = [];
        bytes = 0;
      }
      chunk.push(item);
      bytes += size;
    }
    if (chunk.length > 0) yield chunk;
  }

  private tally(outcome: Map<Enriched, { created: number; duplicates: number; rejected: string[] }>, retried: number): SinkResult {
    const rejected: RejectedRecord[] = [];
    let written = 0;
    let duplicates = 0;
    for (const [record, tally] of outcome) {
      if (tally.rejected.length > 0) rejected.push({ record, reason: `Elasticsearch refused ${tally.rejected.join("; ")}` });
      else if (tally.created === 0 && tally.duplicates > 0) duplicates += 1;
      else written += 1;
    }
    return { written, duplicates, rejected, retried };
  }

  async close(): Promise<void> {
    // A client the caller passed in is theirs to close.
    if (this.client && !this.options.client) await this.client.close();
    this.client = undefined;
  }

  private requireClient(): EsClient {
    if (!this.client) throw new Error(`elasticsearch sink ${this.name} is not open`);
    return this.client;
  }
}

export const elasticsearchSink = defineSink({
  type: "elasticsearch",
  configSchema: ElasticsearchSinkConfig,
  create: (config, name) => new ElasticsearchSink(name, { connection: config.connection, mapping: config.mapping, bulk: config.bulk }),
});

export { ConnectionConfig, connect, createClient, detectServer, NotElasticsearchError, type EsClient, type ServerInfo } from "../../util/elasticsearch.js";
