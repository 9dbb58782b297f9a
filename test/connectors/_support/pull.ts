/**
 * Helpers for end-to-end puller tests: a config with one pull source and a file sink, a run
 * through the real pipeline, and a run of the CLI in a child process killed mid-backfill and
 * started again.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { stringify } from "yaml";
import { loadConfig } from "../../../src/config/index.js";
import { runPipeline, type RunResult } from "../../../src/pipeline/runner.js";

export interface PullWorkspace {
  dir: string;
  config: string;
  output: string;
  dlq: string;
}

export function pullWorkspace(connector: string, options: Record<string, unknown>): PullWorkspace {
  const dir = mkdtempSync(join(tmpdir(), `aisiem-${connector}-`));
  const output = join(dir, "out.ndjson");
  const dlq = join(dir, "dlq.ndjson");
  const config = join(dir, "config.yaml");
  const document = {
    stateDir: join(dir, "state"),
    logging: { level: "silent" },
    dlq: { path: dlq },
    pipeline: { batchMaxRecords: 3, batchMaxWaitMs: 50 },
    sources: [{ name: "src", connector, input: { type: "pull" }, options: { follow: false, pollIntervalMs: 50, pollJitter: 0, retry: { initialDelayMs: 5, maxDelayMs: 20 }, ...options } }],
    sinks: [{ type: "file", path: output }],
  };
  writeFileSync(config, stringify(document));
  return { dir, config, output, dlq };
}

export async function runOnce(ws: PullWorkspace, signal?: AbortSignal): Promise<RunResult> {
  const { config } = loadConfig(ws.config);
  return runPipeline({ config, logger: pino({ level: "silent" }), metricsIntervalMs: 0, signal });
}

/** Lines of an NDJSON file, parsed (empty when the file does not exist). */
export function readLines<T = Record<string, unknown>>(path: string): T[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

export const outputIds = (ws: PullWorkspace): string[] => readLines<{ id: string }>(ws.output).map((r) => r.id);

function startCli(ws: PullWorkspace): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "run", "-c", ws.config, "--no-progress"], { cwd: process.cwd(), stdio: ["ignore", "ignore", "pipe"] });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

/**
 * Runs the CLI, SIGKILLs it once at least `killAfter` records are in the output file, runs it
 * again to the end, and returns the ids written. The emulator should be slowed down so the first
 * run cannot finish before the kill.
 */
export async function killAndResume(ws: PullWorkspace, killAfter: number): Promise<{ ids: string[]; killedAt: number }> {
  const first = startCli(ws);
  const firstExit = exited(first);
  let killedAt = -1;
  while (killedAt < 0) {
    const lines = outputIds(ws).length;
    if (lines >= killAfter) {
      first.kill("SIGKILL");
      killedAt = lines;
    } else if (first.exitCode !== null) {
      throw new Error(`the first run ended (code ${first.exitCode}) before ${killAfter} records were written`);
    } else await new Promise((r) => setTimeout(r, 20));
  }
  await firstExit;
  const second = startCli(ws);
  let stderr = "";
  second.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const code = await exited(second);
  if (code !== 0) throw new Error(`the resumed run failed (code ${code}): ${stderr.slice(-2000)}`);
  return { ids: outputIds(ws), killedAt };
}
