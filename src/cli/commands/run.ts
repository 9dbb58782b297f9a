import type { Command } from "commander";
import { loadConfig } from "../../config/index.js";
import { runPipeline, type RunResult } from "../../pipeline/runner.js";
import { EXIT } from "../exit-codes.js";
import { createLogger } from "../logger.js";
import { createProgress } from "../progress.js";
import { printSummary } from "../summary.js";

export interface RunCommandOptions {
  config: string;
  logLevel?: string;
  progress: boolean;
  drainTimeout: string;
}

/**
 * Runs a pipeline with signal handling: the first SIGINT/SIGTERM stops reading and drains (what
 * was read is written and committed), a second one, or the drain timeout, stops at once.
 */
export async function runWithSignals(
  options: RunCommandOptions,
  overrides: Partial<Parameters<typeof runPipeline>[0]> = {},
): Promise<{ result: RunResult; code: number }> {
  const { config } = loadConfig(options.config);
  const logger = createLogger(options.logLevel ?? config.logging.level);
  const stop = new AbortController();
  const hard = new AbortController();
  const drainMs = Number(options.drainTimeout) * 1000;
  const onSignal = (name: string) => {
    if (stop.signal.aborted) {
      logger.warn({ signal: name }, "second signal: stopping now");
      hard.abort();
      return;
    }
    logger.info({ signal: name, drainTimeoutSeconds: drainMs / 1000 }, "stopping: draining what was read");
    stop.abort();
    setTimeout(() => hard.abort(), drainMs).unref();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const progress = createProgress(options.progress && process.stderr.isTTY === true);
  let records = 0;
  try {
    const result = await runPipeline({
      config,
      logger,
      signal: stop.signal,
      hardSignal: hard.signal,
      onProgress: (_source, done, total) => progress.update(done, total, ++records),
      ...overrides,
    });
    progress.stop();
    logger.info({ metrics: result.metrics, complete: result.complete }, "run finished");
    return { result, code: result.complete ? EXIT.ok : EXIT.incomplete };
  } finally {
    progress.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("run the pipeline in a config: sources → enrichment → sinks, with checkpoints")
    .requiredOption("-c, --config <file>", "YAML config file")
    .option("--log-level <level>", "override logging.level (fatal|error|warn|info|debug|trace|silent)")
    .option("--no-progress", "no progress bar, even on a terminal")
    .option("--drain-timeout <seconds>", "after a stop signal, how long to let in-flight batches finish", "30")
    .action(async (options: RunCommandOptions) => {
      const { result, code } = await runWithSignals(options);
      printSummary(result);
      process.exitCode = code;
    });
}
