import { join } from "node:path";
import type { Command } from "commander";
import { loadConfig, type Config } from "../../config/index.js";
import { BehaviourConfig } from "../../enrich/behaviour/config.js";
import { SummariseConfig } from "../../enrich/summarise/config.js";
import { FileInput } from "../../inputs/file/index.js";
import type { Input } from "../../inputs/types.js";
import { CheckpointStore } from "../../pipeline/checkpoints.js";
import type { RunResult } from "../../pipeline/runner.js";
import { FileSink } from "../../sinks/file/index.js";
import { createStateStore } from "../../state/index.js";
import { ValidationError } from "../../model/index.js";
import { printSummary } from "../summary.js";
import { runWithSignals } from "./run.js";

export interface ReplayOptions {
  config: string;
  source?: string;
  fresh?: boolean;
  output?: string;
  logLevel?: string;
  progress: boolean;
  drainTimeout: string;
}

/**
 * Backfill: months of history through the same pipeline as a live run — same connector, same
 * enrichment, same state store — so behaviour signals equal those a live run would have produced
 * from the same records in the same order. History comes from files given on the command line or
 * from the source's own input (a puller's backfill settings). Checkpoints are kept under
 * `replay-<source>` so an interrupted replay resumes and the live source's position is untouched.
 */
export async function replay(files: string[], options: ReplayOptions): Promise<{ result: RunResult; code: number }> {
  const { config } = loadConfig(options.config);
  const source = options.source ? config.sources.find((s) => s.name === options.source) : config.sources[0];
  if (!source) throw new ValidationError("options", [{ path: "--source", message: `no source named "${options.source}" in ${options.config}` }]);
  const name = `replay-${source.name}`;
  const replayConfig: Config = { ...config, sources: [{ ...source, name }] };
  if (options.fresh) await clearHistoryState(config);
  const inputs: Record<string, Input> = {};
  if (files.length > 0) inputs[name] = new FileInput({ type: "file", paths: files, format: "auto", follow: false, pollIntervalMs: 1000, maxLineBytes: 16 << 20 });
  const sinks = options.output ? [new FileSink("replay-output", options.output, { fsync: false })] : undefined;
  const outcome = await runWithSignals(options, { config: replayConfig, inputs, ...(sinks ? { sinks } : {}) });
  if (outcome.result.complete) {
    const checkpoints = new CheckpointStore(join(config.stateDir, "aisiem.db"));
    checkpoints.reset(name);
    checkpoints.close();
  }
  return outcome;
}

/** Behaviour state and conversation-summary state: both are built from the history a fresh replay reads again. */
async function clearHistoryState(config: Config): Promise<void> {
  const behaviour = BehaviourConfig.parse(config.enrich.behaviour ?? {});
  const conversation = SummariseConfig.parse(config.enrich.summarise ?? {}).conversation;
  const stores = [await createStateStore(behaviour.state, config.stateDir), await createStateStore(conversation.state, config.stateDir, undefined, "conversation")];
  try {
    for (const store of stores) await store.clear();
  } finally {
    for (const store of stores) await store.close();
  }
}

export function registerReplay(program: Command): void {
  program
    .command("replay")
    .description("backfill history (files, or a source's backfill mode) through the pipeline, building behaviour state as a live run would")
    .argument("[files...]", "history files (NDJSON/JSON, .gz, globs), read in name order; none = the source's own input")
    .requiredOption("-c, --config <file>", "YAML config file")
    .option("--source <name>", "source whose connector parses the history (default: the first)")
    .option("--fresh", "clear behaviour and conversation-summary state first (otherwise records older than the recent-turn window would count twice)")
    .option("--output <file>", "write enriched records to this NDJSON file instead of the configured sinks")
    .option("--log-level <level>", "override logging.level")
    .option("--no-progress", "no progress bar, even on a terminal")
    .option("--drain-timeout <seconds>", "after a stop signal, how long to let in-flight batches finish", "30")
    .action(async (files: string[], options: ReplayOptions) => {
      const { result, code } = await replay(files, options);
      printSummary(result);
      process.exitCode = code;
    });
}
