import type { Command } from "commander";
import { loadConfig } from "../../config/index.js";
import { parseSince } from "../../connectors/_pull/index.js";
import { ValidationError } from "../../model/index.js";
import { printSummary } from "../summary.js";
import { runWithSignals, type RunCommandOptions } from "./run.js";

interface BackfillOptions extends RunCommandOptions {
  source: string;
  since: string;
}

/**
 * Reads one pull source once from `--since` to now, then stops. It keeps its own checkpoint
 * (`<source>.backfill.<since>`), so the live source's position is untouched and an interrupted
 * backfill resumes when the same command is run again; deterministic ids make the overlap with
 * what the live source already wrote harmless.
 */
export function registerBackfill(program: Command): void {
  program
    .command("backfill")
    .description("read one pull source from a date to now, once (resumable), beside its live position")
    .requiredOption("-c, --config <file>", "YAML config file")
    .requiredOption("--source <name>", "the source to backfill (input type pull)")
    .requiredOption("--since <date>", "start: 2026-03-01, 2026-03-01T10:00:00Z, or relative 36h, 7d")
    .option("--log-level <level>", "override logging.level")
    .option("--no-progress", "no progress bar, even on a terminal")
    .option("--drain-timeout <seconds>", "after a stop signal, how long to let in-flight batches finish", "30")
    .action(async (options: BackfillOptions) => {
      const { config } = loadConfig(options.config);
      const source = config.sources.find((s) => s.name === options.source);
      if (!source) throw new ValidationError("command line", [{ path: "--source", message: `no source "${options.source}"; sources: ${config.sources.map((s) => s.name).join(", ")}` }]);
      if (source.input.type !== "pull") throw new ValidationError("command line", [{ path: "--source", message: `source "${source.name}" does not pull from an API (input type ${source.input.type})` }]);
      if (parseSince(options.since) === undefined) throw new ValidationError("command line", [{ path: "--since", message: "expected a date (2026-03-01) or a relative time (36h, 7d)" }]);
      const backfill = {
        ...source,
        name: `${source.name}.backfill.${options.since.replace(/[^A-Za-z0-9_.-]/g, "-")}`,
        options: { ...source.options, since: options.since, follow: false },
      };
      const { result, code } = await runWithSignals(options, { config: { ...config, sources: [backfill] } });
      printSummary(result);
      process.exitCode = code;
    });
}
