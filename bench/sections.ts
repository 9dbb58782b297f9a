/**
 * What the benchmark measures, one section per line of its report. Each runs in its own child
 * process (see worker.ts) so peak RSS belongs to that section alone. Add a section here to
 * compare a configuration (behaviour on/off, a classifier set) against the others.
 */
import { createReadStream, openSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pino } from "pino";
import { parseConfig } from "../src/config/index.js";
import { STAGE_FACTORIES } from "../src/enrich/registry.js";
import type { EnrichStage } from "../src/enrich/types.js";
import { runPipeline } from "../src/pipeline/runner.js";

export interface SectionContext {
  corpusPath: string;
  corpusBytes: number;
  /** A scratch folder of the section's own (state, output). */
  workDir: string;
}

export interface SectionResult {
  records: number;
  /** Resident set size once 10 % of the input was read, when the section tracks progress. */
  rssAt10PercentMB?: number;
  rssAtEndMB?: number;
}

export interface Section {
  name: string;
  description: string;
  /** The plain JSON round trip that pipeline sections are compared with. */
  baseline?: boolean;
  run(ctx: SectionContext): Promise<SectionResult>;
}

const MB = 1024 * 1024;
const rssMB = () => process.memoryUsage().rss / MB;

/** JSON.parse + JSON.stringify of every line, written to a file: the floor any pipeline is measured against. */
const jsonRoundTrip: Section = {
  name: "json",
  description: "JSON.parse + JSON.stringify per record, to a file",
  baseline: true,
  async run(ctx) {
    const fd = openSync(join(ctx.workDir, "json.ndjson"), "w");
    let records = 0;
    let pending: string[] = [];
    const lines = createInterface({ input: createReadStream(ctx.corpusPath), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      pending.push(JSON.stringify(JSON.parse(line)));
      records += 1;
      if (pending.length === 500) {
        writeSync(fd, pending.join("\n") + "\n");
        pending = [];
      }
    }
    if (pending.length > 0) writeSync(fd, pending.join("\n") + "\n");
    closeSync(fd);
    return { records };
  },
};

/** The pipeline from the file input to the file sink, with `stages` or the config's default chain. */
async function pipeline(ctx: SectionContext, stages?: EnrichStage[]): Promise<SectionResult> {
  const document = JSON.stringify({
    stateDir: join(ctx.workDir, "state"),
    logging: { level: "silent" },
    sources: [{ name: "bench", connector: "aisiem", input: { type: "file", paths: [ctx.corpusPath] } }],
    sinks: [{ type: "file", path: join(ctx.workDir, "enriched.ndjson"), fsync: false }],
  });
  const { config } = parseConfig(document);
  let rssAt10PercentMB: number | undefined;
  const result = await runPipeline({
    config,
    logger: pino({ level: "silent" }),
    metricsIntervalMs: 0,
    ...(stages ? { stages } : {}),
    onProgress: (_source, done, total) => {
      if (rssAt10PercentMB === undefined && total > 0 && done / total >= 0.1) rssAt10PercentMB = rssMB();
    },
  });
  return { records: result.metrics.written, rssAt10PercentMB, rssAtEndMB: rssMB() };
}

/** The default chain without the named stages (each stage created with its default options). */
async function chainWithout(ctx: SectionContext, skipped: string[]): Promise<EnrichStage[]> {
  const stageCtx = { logger: pino({ level: "silent" }), signal: new AbortController().signal, stateDir: join(ctx.workDir, "state") };
  const stages: EnrichStage[] = [];
  for (const factory of STAGE_FACTORIES.filter((f) => !skipped.includes(f.name))) {
    const stage = await factory.create(factory.configSchema.parse({}), stageCtx);
    if (stage) stages.push(stage);
  }
  return stages;
}

export const SECTIONS: Section[] = [
  jsonRoundTrip,
  { name: "pipeline-bare", description: "pipeline, no enrichment stages", run: (ctx) => pipeline(ctx, []) },
  {
    name: "pipeline-no-behaviour",
    description: "pipeline, default chain without behaviour and risk",
    run: async (ctx) => pipeline(ctx, await chainWithout(ctx, ["behaviour", "risk"])),
  },
  { name: "pipeline-default", description: "pipeline, default enrichment chain", run: (ctx) => pipeline(ctx) },
];
