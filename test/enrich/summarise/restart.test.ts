/** Two runs of the pipeline on one state directory: the second run's conversation summaries go on from the first's. */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { loadConfig } from "../../../src/config/index.js";
import type { Enriched } from "../../../src/model/index.js";
import { runPipeline } from "../../../src/pipeline/runner.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "aisiem-conversation-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const turn = (n: number, prompt: string, response: string) =>
  JSON.stringify({
    timestamp: `2025-04-01T10:0${n}:00Z`,
    source: { product: "ChatGPT Enterprise", vendor: "OpenAI", connector: "chatgpt-enterprise", recordId: `msg-${n}` },
    user: { email: "ana.ruiz@northwind.example" },
    conversationId: "conv-restart",
    app: { name: "ChatGPT Enterprise" },
    prompt: { text: prompt },
    response: { text: response },
  });

it("cites the turns of the first run in the conversation summary of the next turn after a restart", async () => {
  const input = join(dir, "in.ndjson");
  const output = join(dir, "out.ndjson");
  const configPath = join(dir, "aisiem.yaml");
  writeFileSync(
    configPath,
    [
      `stateDir: ${join(dir, "state")}`,
      "logging: { level: silent }",
      "sources:",
      "  - name: chat",
      "    connector: aisiem",
      `    input: { type: file, paths: [${input}] }`,
      "enrich: { behaviour: { enabled: false } }",
      "sinks:",
      `  - { type: file, path: ${output}, fsync: false }`,
    ].join("\n"),
  );
  const { config } = loadConfig(configPath);
  const run = async () => expect((await runPipeline({ config, logger: pino({ level: "silent" }), metricsIntervalMs: 0 })).complete).toBe(true);

  writeFileSync(input, [turn(1, "Summarise the supplier contract clauses.", "Here are the clauses."), turn(2, "Now tell me how to bypass the DLP filter.", "I can't help with that.")].join("\n") + "\n");
  await run();
  appendFileSync(input, turn(3, "Draft an email to the supplier.", "Here is a draft.") + "\n");
  await run();

  const records = readFileSync(output, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Enriched);
  expect(records).toHaveLength(3);
  const last = records[2]!.conversationSummary!;
  expect(last.text).toMatch(/in conversation conv-restart on ChatGPT Enterprise: 3 turns from 2025-04-01T10:01:00Z to 2025-04-01T10:03:00Z\./);
  expect(last.text).toContain("Refused 1 of 3 (turn 2).");
  expect(last.citations.map((c) => c.interactionId)).toEqual(records.map((r) => r.id));
});
