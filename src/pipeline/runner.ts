import { join } from "node:path";
import type { Logger } from "pino";
import type { Config } from "../config/schema.js";
import { readRecord } from "../connectors/read-record.js";
import { loadConnector } from "../connectors/registry.js";
import { decodeLine, type Connector } from "../connectors/types.js";
import { STAGE_FACTORIES } from "../enrich/registry.js";
import type { EnrichStage, StageContext } from "../enrich/types.js";
import type { Input, Json, RawRecord } from "../inputs/types.js";
import { Enriched as EnrichedSchema, Interaction as InteractionSchema, toEnriched, validate, type Enriched } from "../model/index.js";
import { SINK_FACTORIES } from "../sinks/registry.js";
import { SinkConfigurationError, type Sink, type SinkContext, type SinkResult } from "../sinks/types.js";
import { backoffDelay, pause } from "../util/backoff.js";
import { CLOSED, Channel, TIMEOUT } from "./channel.js";
import { CheckpointStore } from "./checkpoints.js";
import { DeadLetterQueue, type DeadLetterStage } from "./dlq.js";
import { Metrics, type MetricsSnapshot } from "./metrics.js";
import { createInput, resolveSources, type ResolvedSource } from "./sources.js";

export interface RunOptions {
  config: Config;
  logger: Logger;
  /** Stop reading: batches already read still drain through the sinks and are committed. */
  signal?: AbortSignal;
  /** Stop at once, even while a sink is being retried: nothing more is committed. */
  hardSignal?: AbortSignal;
  /** Replace the sinks from config (library use, tests). */
  sinks?: Sink[];
  /** Replace the enrichment chain from config. */
  stages?: EnrichStage[];
  /** Replace a source's input by source name (tests, `dlq replay`). */
  inputs?: Record<string, Input>;
  /** Called as inputs report how far they are (bytes or items). */
  onProgress?: (source: string, done: number, total: number) => void;
  /** Interval of the JSON metrics log line; 0 turns it off. */
  metricsIntervalMs?: number;
}

export interface RunResult {
  metrics: MetricsSnapshot;
  /** False when the run stopped with records read but not yet acknowledged (they are re-read next run). */
  complete: boolean;
  dlqPath: string;
}

interface Meta {
  source: string;
  connector: string;
  origin: string;
  skipEnrich?: boolean;
  onlySink?: string;
}

interface Item {
  source: string;
  position: { key: string; value: Json };
  bytes: number;
  entries: Entry[];
}

interface Entry {
  record: Enriched;
  meta: Meta;
}

interface Batch {
  seq: number;
  entries: Entry[];
  positions: Map<string, Map<string, Json>>;
}

class StopRequested extends Error {}

/**
 * Runs sources → parse → enrichment → sinks until the inputs end or `signal` stops them.
 * Three loops joined by bounded channels (read/parse, enrich, write) keep memory flat; a
 * batch's source positions are committed only after every sink acknowledged it.
 */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const { config, logger } = options;
  const signal = options.signal ?? new AbortController().signal;
  const hard = new AbortController();
  options.hardSignal?.addEventListener("abort", () => hard.abort(), { once: true });
  const metrics = new Metrics();
  const checkpoints = new CheckpointStore(join(config.stateDir, "aisiem.db"));
  const dlq = new DeadLetterQueue(config.dlq.path ?? join(config.stateDir, "dlq.ndjson"));
  const sources = await resolveSources(config);
  const sinks = options.sinks ?? config.sinks.map((sinkConfig, i) => createSink(sinkConfig, i));
  const sinkCtx: SinkContext = { logger, signal: hard.signal };
  const stageCtx: StageContext = { logger, signal: hard.signal, stateDir: config.stateDir };
  const stages = options.stages ?? (await createStages(config, stageCtx));
  const pipelineConfig = config.pipeline;

  const deadLetter = (stage: DeadLetterStage, reason: string, original: unknown, meta: Partial<Meta> & { position?: Item["position"] }) => {
    metrics.countDeadLetter(stage);
    dlq.add({ reason, stage, source: meta.source, connector: meta.connector, origin: meta.origin, position: meta.position, original });
    logger.warn({ stage, source: meta.source, origin: meta.origin, reason }, "record dead-lettered");
  };

  let complete = true;
  const timer =
    (options.metricsIntervalMs ?? 10_000) > 0
      ? setInterval(() => logger.info({ metrics: metrics.snapshot() }, "progress"), options.metricsIntervalMs ?? 10_000)
      : undefined;
  timer?.unref();

  try {
    for (const sink of sinks) {
      await sink.open?.(sinkCtx);
      await sink.restore?.(checkpoints.loadSinkState(sink.name), sinkCtx);
    }

    logger.info({ sources: sources.map((s) => s.name), stages: stages.map((s) => s.name), sinks: sinks.map((s) => s.name) }, "pipeline started");
    const items = new Channel<Item>(pipelineConfig.batchMaxRecords);
    const batches = new Channel<Batch>(pipelineConfig.maxInFlightBatches);
    const enriched = new Channel<Batch>(1);

    // --- read and parse -------------------------------------------------------------
    const parseRecord = async (source: ResolvedSource, raw: RawRecord): Promise<Entry[]> => {
      if (raw.data === undefined) return [];
      metrics.counters.read += 1;
      metrics.counters.bytes += raw.bytes;
      const connectorName = raw.connector ?? source.connector.name;
      const meta: Meta = { source: raw.from?.source ?? source.name, connector: connectorName, origin: raw.origin };
      let connector: Connector<unknown>;
      try {
        connector = raw.connector ? await loadConnector(raw.connector) : source.connector;
      } catch (error) {
        deadLetter("parse", (error as Error).message, raw.data, { ...meta, position: raw.position });
        return [];
      }
      let data: unknown = raw.data;
      if (raw.encoding === "json-text") {
        try {
          data = decodeLine(connector, raw.data as string);
        } catch (error) {
          deadLetter("decode", `invalid JSON: ${(error as Error).message}`, raw.data, { ...meta, position: raw.position });
          return [];
        }
      }
      try {
        if (raw.resume) {
          const record =
            raw.resume.stage === "sink" ? validate(EnrichedSchema, data, "enriched record") : toEnriched(validate(InteractionSchema, data, "interaction"));
          metrics.counters.parsed += 1;
          return [{ record, meta: { ...meta, skipEnrich: raw.resume.stage === "sink", onlySink: raw.resume.sink } }];
        }
        const settings = raw.from ?? source;
        const { interactions, failures } = readRecord(connector, data, { options: settings.options, origin: raw.origin, content: settings.content });
        for (const failure of failures) {
          deadLetter("parse", failure.reason, failure.original, { ...meta, ...(failure.where && { origin: `${raw.origin} ${failure.where}` }), position: raw.position });
        }
        metrics.counters.parsed += interactions.length;
        return interactions.map((interaction) => ({ record: toEnriched(interaction), meta }));
      } catch (error) {
        deadLetter("parse", (error as Error).message, data, { ...meta, position: raw.position });
        return [];
      }
    };

    const inputsBySource = new Map<string, Input>();
    const readSource = async (source: ResolvedSource): Promise<void> => {
      const ctx = inputContext(source);
      const input = options.inputs?.[source.name] ?? createInput(source, ctx, config.stateDir);
      inputsBySource.set(source.name, input);
      try {
        for await (const raw of input.read(checkpoints.load(source.name), ctx)) {
          const entries = await parseRecord(source, raw);
          await items.push({ source: source.name, position: raw.position, bytes: raw.bytes, entries });
          if (signal.aborted || hard.signal.aborted) break;
        }
      } finally {
        await input.close?.();
      }
    };

    const inputContext = (source: ResolvedSource) => ({
      logger: logger.child({ source: source.name }),
      signal,
      progress: options.onProgress ? (done: number, total: number) => options.onProgress!(source.name, done, total) : undefined,
      deadLetter: (reason: string, original: unknown, origin: string) =>
        deadLetter("input", reason, original, { source: source.name, connector: source.connector.name, origin }),
    });

    const readers = Promise.all(sources.map(readSource)).finally(() => items.close());

    // --- batch ------------------------------------------------------------------------
    const batcher = (async () => {
      let seq = 0;
      let current: Batch | undefined;
      let count = 0;
      let bytes = 0;
      let deadline = 0;
      const flush = async () => {
        if (current) await batches.push(current);
        current = undefined;
        count = 0;
        bytes = 0;
      };
      for (;;) {
        const next = await items.pull(current ? Math.max(0, deadline - Date.now()) : undefined);
        if (next === CLOSED) break;
        if (next === TIMEOUT) {
          await flush();
          continue;
        }
        if (!current) {
          current = { seq: seq++, entries: [], positions: new Map() };
          deadline = Date.now() + pipelineConfig.batchMaxWaitMs;
        }
        current.entries.push(...next.entries);
        const keys = current.positions.get(next.source) ?? new Map<string, Json>();
        keys.set(next.position.key, next.position.value);
        current.positions.set(next.source, keys);
        count += Math.max(1, next.entries.length);
        bytes += next.bytes;
        if (count >= pipelineConfig.batchMaxRecords || bytes >= pipelineConfig.batchMaxBytes) await flush();
      }
      await flush();
      batches.close();
    })();

    // --- enrich -----------------------------------------------------------------------
    const runStage = async (stage: EnrichStage, entries: Entry[]): Promise<Entry[]> => {
      const subject = entries.filter((e) => !e.meta.skipEnrich);
      if (subject.length === 0) return entries;
      let out: Enriched[] | undefined;
      try {
        out = await stage.process(subject.map((e) => e.record));
        if (out.length !== subject.length) throw new Error(`stage ${stage.name} returned ${out.length} records for ${subject.length}`);
      } catch (error) {
        logger.warn({ stage: stage.name, err: (error as Error).message }, "stage failed on a batch; retrying record by record");
        out = undefined;
      }
      const results = new Map<Entry, Enriched | undefined>();
      if (out) subject.forEach((entry, i) => results.set(entry, out![i]));
      else {
        for (const entry of subject) {
          try {
            const [one] = await stage.process([entry.record]);
            results.set(entry, one);
          } catch (error) {
            deadLetter(`enrich:${stage.name}`, (error as Error).message, entry.record, entry.meta);
            results.set(entry, undefined);
          }
        }
      }
      return entries.flatMap((entry) => {
        if (!results.has(entry)) return [entry];
        const record = results.get(entry);
        return record ? [{ record, meta: entry.meta }] : [];
      });
    };

    const enricher = (async () => {
      for (;;) {
        const batch = await batches.pull();
        if (batch === CLOSED || batch === TIMEOUT) break;
        for (const stage of stages) batch.entries = await runStage(stage, batch.entries);
        for (const entry of batch.entries) if (!entry.meta.skipEnrich) metrics.countEnriched(entry.record);
        await enriched.push(batch);
      }
      enriched.close();
    })();

    // --- write and commit -------------------------------------------------------------
    const writeWithRetry = async (sink: Sink, records: Enriched[]): Promise<SinkResult> => {
      for (let attempt = 0; ; attempt += 1) {
        if (hard.signal.aborted) throw new StopRequested();
        try {
          const result = await sink.write(records, sinkCtx);
          metrics.counters.retried += result.retried ?? 0;
          return result;
        } catch (error) {
          if (hard.signal.aborted) throw new StopRequested();
          if (error instanceof SinkConfigurationError) throw error;
          metrics.counters.retried += 1;
          const delay = backoffDelay(attempt, pipelineConfig.retry);
          logger.warn({ sink: sink.name, attempt: attempt + 1, delayMs: delay, err: (error as Error).message }, "sink write failed; retrying");
          if (!(await pause(delay, hard.signal))) throw new StopRequested();
        }
      }
    };

    const writer = (async () => {
      for (;;) {
        const batch = await enriched.pull();
        if (batch === CLOSED || batch === TIMEOUT) break;
        const rejectedEntries = new Set<Enriched>();
        await Promise.all(
          sinks.map(async (sink) => {
            const entries = batch.entries.filter((e) => !e.meta.onlySink || e.meta.onlySink === sink.name);
            if (entries.length === 0) return;
            const result = await writeWithRetry(
              sink,
              entries.map((e) => e.record),
            );
            metrics.countSink(sink.name, result.written, result.duplicates, result.rejected.length);
            metrics.counters.duplicates += result.duplicates;
            const metaOf = new Map(entries.map((e) => [e.record, e.meta]));
            for (const rejected of result.rejected) {
              rejectedEntries.add(rejected.record);
              deadLetter(`sink:${sink.name}`, rejected.reason, rejected.record, metaOf.get(rejected.record) ?? {});
            }
          }),
        );
        dlq.flush();
        const sinkStates = new Map<string, Json>();
        for (const sink of sinks) if (sink.commitState) sinkStates.set(sink.name, sink.commitState());
        checkpoints.commit(batch.positions, sinkStates);
        for (const [source, keys] of batch.positions) await inputsBySource.get(source)?.committed?.(Object.fromEntries(keys));
        metrics.counters.written += batch.entries.length - rejectedEntries.size;
      }
    })();

    // One loop failing stops the others; nothing past the last commit is lost.
    let failure: unknown;
    await Promise.all(
      [readers, batcher, enricher, writer].map((loop) =>
        loop.catch((error: unknown) => {
          failure ??= error;
          hard.abort();
          items.close();
          batches.close();
          enriched.close();
        }),
      ),
    );
    if (failure !== undefined && !(failure instanceof StopRequested)) throw failure;
    if (failure !== undefined || hard.signal.aborted) complete = false;
  } finally {
    if (timer) clearInterval(timer);
    await Promise.allSettled(stages.map((s) => s.close?.()));
    await Promise.allSettled(sinks.map((s) => s.close()));
    dlq.close();
    checkpoints.close();
  }
  return { metrics: metrics.snapshot(), complete, dlqPath: dlq.path };
}

function createSink(sinkConfig: Config["sinks"][number], index: number): Sink {
  const factory = SINK_FACTORIES.find((f) => f.type === sinkConfig.type);
  if (!factory) throw new Error(`unknown sink type ${sinkConfig.type}`);
  return factory.create(sinkConfig, sinkConfig.name ?? `${sinkConfig.type}-${index}`);
}

async function createStages(config: Config, ctx: StageContext): Promise<EnrichStage[]> {
  const stages: EnrichStage[] = [];
  for (const factory of STAGE_FACTORIES) {
    const stage = await factory.create(config.enrich[factory.name], ctx);
    if (stage) stages.push(stage);
  }
  return stages;
}
