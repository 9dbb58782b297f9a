import { existsSync, readFileSync, renameSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { loadConfig, type Config } from "../../config/index.js";
import type { ContentMode } from "../../connectors/types.js";
import { resolveSources } from "../../pipeline/sources.js";
import { CheckpointStore } from "../../pipeline/checkpoints.js";
import { DeadLetterInput } from "../../pipeline/dlq-input.js";
import type { DeadLetter } from "../../pipeline/dlq.js";
import { printSummary } from "../summary.js";
import { runWithSignals } from "./run.js";

const REPLAY = "dlq-replay";

/**
 * Each configured source's connector options and content mode, validated as a run would: a
 * replayed record is parsed as its source parses (a record of a source that drops text must not
 * come back with it). Entries of sources no longer configured are parsed by their connector alone.
 */
async function sourceSettings(config: Config): Promise<Map<string, { options: unknown; content: ContentMode }>> {
  return new Map((await resolveSources(config)).map((s) => [s.name, { options: s.options, content: s.content }]));
}

const dlqPathOf = (configPath: string) => {
  const { config } = loadConfig(configPath);
  return config.dlq.path ?? join(config.stateDir, "dlq.ndjson");
};

export function registerDlq(program: Command): void {
  const dlq = program.command("dlq").description("inspect and replay the dead-letter queue");
  dlq
    .command("list")
    .description("count dead-lettered records by stage and reason")
    .requiredOption("-c, --config <file>", "YAML config file")
    .action((options: { config: string }) => {
      const path = dlqPathOf(options.config);
      if (!existsSync(path)) {
        process.stdout.write(`no dead-letter queue at ${path}\n`);
        return;
      }
      const counts = new Map<string, number>();
      for (const line of readFileSync(path, "utf8").split("\n")) {
        if (!line.trim()) continue;
        const entry = JSON.parse(line) as DeadLetter;
        const key = `${entry.stage}\t${entry.source ?? "-"}\t${entry.reason.slice(0, 120)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      process.stdout.write("count\tstage\tsource\treason\n");
      for (const [key, n] of [...counts].sort((a, b) => b[1] - a[1])) process.stdout.write(`${n}\t${key}\n`);
    });
  dlq
    .command("replay")
    .description("send dead-lettered records through the pipeline again; those that fail again go back to the queue")
    .requiredOption("-c, --config <file>", "YAML config file")
    .option("--log-level <level>", "override logging.level")
    .option("--drain-timeout <seconds>", "after a stop signal, how long to let in-flight batches finish", "30")
    .action(async (options: { config: string; logLevel?: string; drainTimeout: string }) => {
      const path = dlqPathOf(options.config);
      // Replay from a moved-aside copy: new failures append to a fresh queue, and an interrupted
      // replay resumes from its checkpoint in the copy.
      const replaying = `${path}.replaying`;
      if (!existsSync(replaying)) {
        if (!existsSync(path)) {
          process.stderr.write(`aisiem: no dead-letter queue at ${path}\n`);
          return;
        }
        renameSync(path, replaying);
      }
      const { config } = loadConfig(options.config);
      const replaySource = { name: REPLAY, connector: "aisiem", options: {}, content: "keep" as const, input: { type: "stdin" } };
      const { result, code } = await runWithSignals(
        { ...options, progress: false },
        { config: { ...config, sources: [replaySource] }, inputs: { [REPLAY]: new DeadLetterInput(replaying, await sourceSettings(config)) } },
      );
      printSummary(result);
      if (result.complete) {
        unlinkSync(replaying);
        const store = new CheckpointStore(join(config.stateDir, "aisiem.db"));
        store.reset(REPLAY);
        store.close();
      }
      process.exitCode = code;
    });
}
