import { existsSync, readFileSync, renameSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { loadConfig, type Config } from "../../config/index.js";
import type { Input } from "../../inputs/types.js";
import { CheckpointStore } from "../../pipeline/checkpoints.js";
import { DeadLetterInput } from "../../pipeline/dlq-input.js";
import type { DeadLetter } from "../../pipeline/dlq.js";
import { printSummary } from "../summary.js";
import { runWithSignals } from "./run.js";

const REPLAY = "dlq-replay";
/** The configured source an entry came from: a record that failed again during a replay names the replay source. */
const originalSource = (name: string | undefined) => name?.replace(/^dlq-replay-/, "");

/**
 * One replay source per configured source, with its connector options and content mode (a record
 * of a source that drops text must not come back with it), each reading that source's entries;
 * and one for entries of sources no longer configured, parsed by the connector named in the entry.
 */
function replaySources(config: Config, path: string): { sources: Config["sources"]; inputs: Record<string, Input> } {
  const configured = new Set(config.sources.map((s) => s.name));
  const stdin = { type: "stdin" } as Config["sources"][number]["input"];
  const sources: Config["sources"] = [
    ...config.sources.map((source) => ({ ...source, name: `${REPLAY}-${source.name}`, input: stdin })),
    { name: REPLAY, connector: "aisiem", options: {}, content: "keep", input: stdin },
  ];
  const inputs: Record<string, Input> = { [REPLAY]: new DeadLetterInput(path, (source) => !configured.has(originalSource(source) ?? "")) };
  for (const source of config.sources) inputs[`${REPLAY}-${source.name}`] = new DeadLetterInput(path, (entry) => originalSource(entry) === source.name);
  return { sources, inputs };
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
        const key = `${entry.stage}\t${originalSource(entry.source) ?? "-"}\t${entry.reason.slice(0, 120)}`;
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
      const { sources, inputs } = replaySources(config, replaying);
      const { result, code } = await runWithSignals({ ...options, progress: false }, { config: { ...config, sources }, inputs });
      printSummary(result);
      if (result.complete) {
        unlinkSync(replaying);
        const store = new CheckpointStore(join(config.stateDir, "aisiem.db"));
        for (const source of sources) store.reset(source.name);
        store.close();
      }
      process.exitCode = code;
    });
}
