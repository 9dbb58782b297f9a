import { existsSync, appendFileSync, writeSync, openSync, closeSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../../../src/config/index.js";
import type { EnrichStage } from "../../../src/enrich/types.js";
import type { Enriched } from "../../../src/model/index.js";
import { DeadLetterInput } from "../../../src/pipeline/dlq-input.js";
import type { DeadLetter } from "../../../src/pipeline/dlq.js";
import { runPipeline, type RunOptions } from "../../../src/pipeline/runner.js";
import { FileSink } from "../../../src/sinks/file/index.js";
import { SinkConfigurationError, type Sink, type SinkResult } from "../../../src/sinks/types.js";
import { nativeRecord, readNdjson, silentLogger, tempDir, writeNdjson } from "../../support/fixtures.js";

function setup(records: unknown[], extra = "") {
  const dir = tempDir();
  const input = join(dir, "in.ndjson");
  writeNdjson(input, records);
  const { config } = parseConfig(
    `
stateDir: ${dir}/state
pipeline: {batchMaxRecords: 10, batchMaxWaitMs: 50, retry: {initialDelayMs: 1, maxDelayMs: 5}}
sources:
  - name: s
    connector: aisiem
    input: {type: file, paths: ["${input}"]${extra}}
sinks:
  - type: file
    name: out
    path: ${dir}/out.ndjson
`,
    {},
  );
  const run = (options: Partial<RunOptions> = {}) => runPipeline({ config, logger: silentLogger, metricsIntervalMs: 0, ...options });
  const output = () => (existsSync(join(dir, "out.ndjson")) ? readNdjson<Enriched>(join(dir, "out.ndjson")) : []);
  const dlq = () => (existsSync(join(dir, "state", "dlq.ndjson")) ? readNdjson<DeadLetter>(join(dir, "state", "dlq.ndjson")) : []);
  return { dir, input, config, run, output, dlq };
}

const ids = (records: { source: { recordId: string } }[]) => records.map((r) => r.source.recordId);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("pipeline runner", () => {
  it("writes every good record once and dead-letters bad ones with reason and position, without stopping", async () => {
    const t = setup([nativeRecord(1), "{not json", nativeRecord(2), { ...nativeRecord(3), timestamp: "soon" }, "", nativeRecord(4)]);
    const result = await t.run();
    expect(result.complete).toBe(true);
    expect(ids(t.output())).toEqual(["rec-1", "rec-2", "rec-4"]);
    const dlq = t.dlq();
    expect(dlq.map((d) => d.stage)).toEqual(["decode", "parse"]);
    expect(dlq[0]!.original).toBe("{not json");
    expect(dlq[1]!.reason).toMatch(/^invalid aisiem native interaction: timestamp: /);
    expect(dlq[1]!.position?.key).toBe(t.input);
    expect(result.metrics).toMatchObject({ read: 5, parsed: 3, written: 3, deadLettered: 2 });
  });

  it("resumes from the committed checkpoint: a second run reads only what was appended", async () => {
    const t = setup(range(25).map((n) => nativeRecord(n)));
    await t.run();
    appendFileSync(t.input, JSON.stringify(nativeRecord(100)) + "\n");
    const second = await t.run();
    expect(second.metrics.read).toBe(1);
    expect(ids(t.output())).toEqual([...range(25).map((n) => `rec-${n}`), "rec-100"]);
  });

  it("after a sink dies half-way through a batch, a restart writes every record exactly once", async () => {
    const t = setup(range(35).map((n) => nativeRecord(n)));
    const crash = new AbortController();
    // Writes half of the third batch's bytes straight to the file, then the process "dies".
    class DyingSink extends FileSink {
      batches = 0;
      override async write(records: Enriched[]): Promise<SinkResult> {
        this.batches += 1;
        if (this.batches < 3) return super.write(records);
        const fd = openSync(join(t.dir, "out.ndjson"), "a");
        const text = records.map((r) => JSON.stringify(r)).join("\n");
        writeSync(fd, text.slice(0, text.length / 2));
        closeSync(fd);
        crash.abort();
        throw new Error("killed");
      }
    }
    const first = await t.run({ sinks: [new DyingSink("out", join(t.dir, "out.ndjson"))], hardSignal: crash.signal });
    expect(first.complete).toBe(false);
    const second = await t.run();
    expect(second.complete).toBe(true);
    expect(ids(t.output())).toEqual(range(35).map((n) => `rec-${n}`));
  });

  it("retries a sink that fails for a while, without losing or repeating records", async () => {
    const t = setup(range(12).map((n) => nativeRecord(n)));
    let failures = 3;
    const written: string[] = [];
    const flaky: Sink = {
      name: "flaky",
      type: "test",
      async write(records) {
        if (failures-- > 0) throw new Error("503 busy");
        written.push(...records.map((r) => r.source.recordId));
        return { written: records.length, duplicates: 0, rejected: [] };
      },
      async close() {},
    };
    const result = await t.run({ sinks: [flaky] });
    expect(written).toEqual(range(12).map((n) => `rec-${n}`));
    expect(result.metrics.retried).toBe(3);
  });

  it("stops with the sink's reason, committing nothing more, when a sink says no retry can help", async () => {
    const t = setup(range(25).map((n) => nativeRecord(n)));
    let batches = 0;
    const revoked: Sink = {
      name: "revoked",
      type: "test",
      async write(records) {
        if (++batches === 2) throw new SinkConfigurationError("the HEC token was refused");
        return { written: records.length, duplicates: 0, rejected: [] };
      },
      async close() {},
    };
    await expect(t.run({ sinks: [revoked] })).rejects.toThrow("the HEC token was refused");
    expect(batches).toBe(2);
    // The first batch was committed; the second and third are read again by the next run.
    const next = await t.run();
    expect(next.metrics.read).toBe(15);
  });

  it("dead-letters what a sink refuses, and `dlq replay` delivers it to that sink once it accepts", async () => {
    const t = setup(range(6).map((n) => nativeRecord(n)));
    const accepted: string[] = [];
    let refuseOdd = true;
    const picky: Sink = {
      name: "picky",
      type: "test",
      async write(records) {
        const rejected = records.filter((r) => refuseOdd && Number(r.source.recordId.slice(4)) % 2 === 1);
        for (const r of records) if (!rejected.includes(r)) accepted.push(r.source.recordId);
        return { written: records.length - rejected.length, duplicates: 0, rejected: rejected.map((record) => ({ record, reason: "mapper_parsing_exception" })) };
      },
      async close() {},
    };
    const first = await t.run({ sinks: [picky] });
    expect(first.metrics).toMatchObject({ written: 3, deadLettered: 3 });
    expect(t.dlq().map((d) => [d.stage, d.reason])).toEqual(Array(3).fill(["sink:picky", "mapper_parsing_exception"]));

    refuseOdd = false;
    const replayFile = join(t.dir, "state", "dlq.ndjson");
    const replayConfig = { ...t.config, dlq: { path: join(t.dir, "state", "dlq-2.ndjson") }, sources: [{ ...t.config.sources[0]!, name: "replay" }] };
    const replay = await runPipeline({ config: replayConfig, logger: silentLogger, metricsIntervalMs: 0, sinks: [picky], inputs: { replay: new DeadLetterInput(replayFile) } });
    expect(replay.metrics).toMatchObject({ read: 3, written: 3, deadLettered: 0 });
    expect(accepted.sort()).toEqual(range(6).map((n) => `rec-${n}`).sort());
  });

  it("counts what enrichment found: findings by category, and each behaviour alert once however often it is updated", async () => {
    const t = setup(range(4).map((n) => nativeRecord(n)));
    const signal = { kind: "retry_loop" as const, score: 0.5, severity: "medium" as const, window: { start: "2026-01-01T00:00:00Z", end: "2026-01-01T00:05:00Z" }, evidenceIds: [], counts: {} };
    const finder: EnrichStage = {
      name: "finder",
      process: (records) =>
        records.map((r, i) => ({
          ...r,
          findings: [{ origin: "aisiem" as const, detector: "t", category: "secret" as const, target: "prompt" as const, severity: "high" as const, action: "observed" as const, evidence: [], atlas: [], owasp: [] }],
          alerts: i % 2 === 0 ? [{ id: "alert-1", timestamp: r.timestamp, userId: "u", signal, revision: i + 1, atlas: [], owasp: [], riskScore: 47, title: "t" }] : [],
        })),
    };
    const result = await t.run({ stages: [finder] });
    expect(result.metrics.findingsByCategory).toEqual({ secret: 4 });
    expect(result.metrics.alertsByKind).toEqual({ retry_loop: 1 });
  });

  it("dead-letters only the record a stage cannot handle", async () => {
    const t = setup(range(8).map((n) => nativeRecord(n)));
    const fragile: EnrichStage = {
      name: "fragile",
      process: (records) =>
        records.map((r) => {
          if (r.source.recordId === "rec-5") throw new Error("cannot enrich rec-5");
          return { ...r, labels: { seen: "yes" } };
        }),
    };
    const result = await t.run({ stages: [fragile] });
    expect(ids(t.output())).toEqual(range(8).filter((n) => n !== 5).map((n) => `rec-${n}`));
    expect(t.output().every((r) => r.labels?.seen === "yes")).toBe(true);
    expect(t.dlq()).toEqual([expect.objectContaining({ stage: "enrich:fragile", reason: "cannot enrich rec-5" })]);
    expect(result.metrics.enriched).toBe(7);
  });

  it("in follow mode flushes partial batches by time and stops cleanly on signal, committing what it wrote", async () => {
    const t = setup([nativeRecord(1)], ", follow: true, pollIntervalMs: 20");
    const stop = new AbortController();
    const running = t.run({ signal: stop.signal });
    await waitFor(() => t.output().length === 1);
    appendFileSync(t.input, JSON.stringify(nativeRecord(2)) + "\n");
    await waitFor(() => t.output().length === 2);
    stop.abort();
    const result = await running;
    expect(result.complete).toBe(true);
    expect(ids(t.output())).toEqual(["rec-1", "rec-2"]);
    const again = await setupRerun(t);
    expect(again.metrics.read).toBe(0);
  });
});

async function setupRerun(t: ReturnType<typeof setup>) {
  const stop = new AbortController();
  const running = t.run({ signal: stop.signal });
  setTimeout(() => stop.abort(), 200);
  return running;
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
