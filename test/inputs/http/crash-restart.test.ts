/**
 * The real CLI with an http source: records answered 2xx survive a SIGKILL right after the reply
 * and reach the sink once the receiver is started again.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { spawnCli } from "../../support/cli.js";
import { readNdjson, tempDir } from "../../support/fixtures.js";
import { post, TOKEN } from "./receiver.js";

function startCli(config: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawnCli(["run", "-c", config]);
  const url = new Promise<string>((resolve, reject) => {
    let seen = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`cli exited with ${code} before listening:\n${seen}`)));
  });
  return { child, url };
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.once("exit", resolve));

function interaction(n: number) {
  return { timestamp: "2026-03-02T09:00:00Z", source: { product: "t", vendor: "t", connector: "aisiem", recordId: `r-${n}` }, app: { name: "t" } };
}

describe("http source in the CLI", () => {
  it("loses nothing answered 2xx when killed right after the reply", async () => {
    const dir = tempDir("aisiem-crash-");
    const out = join(dir, "out.ndjson");
    const config = join(dir, "config.yaml");
    writeFileSync(
      config,
      [
        `stateDir: ${join(dir, "state")}`,
        "logging: {level: info}",
        "pipeline: {batchMaxWaitMs: 50}",
        "sources:",
        "  - name: receiver",
        "    connector: aisiem",
        `    input: {type: http, port: 0, tokens: ["${TOKEN}"], spoolDir: ${join(dir, "spool")}}`,
        "sinks:",
        `  - {type: file, path: ${out}}`,
      ].join("\n"),
    );

    const first = startCli(config);
    const url = await first.url;
    const replies = await Promise.all([1, 2, 3].map((n) => post(`${url}/v1/ingest/aisiem`, JSON.stringify(interaction(n)))));
    first.child.kill("SIGKILL");
    await exited(first.child);
    expect(replies.map((r) => r.status)).toEqual([202, 202, 202]);

    const second = startCli(config);
    await second.url;
    const writtenIds = () => new Set(existsSync(out) ? readNdjson<{ source: { recordId: string } }>(out).map((r) => r.source.recordId) : []);
    for (let i = 0; i < 200 && writtenIds().size < 3; i += 1) await sleep(50);
    second.child.kill("SIGTERM");
    await exited(second.child);
    const ids = writtenIds();
    expect(ids).toEqual(new Set(["r-1", "r-2", "r-3"]));
  });
});
