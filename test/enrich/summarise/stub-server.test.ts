import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summariseStage } from "../../../src/enrich/summarise/index.js";
import { parseConfig } from "../../../src/config/index.js";
import { runPipeline } from "../../../src/pipeline/runner.js";
import type { Enriched } from "../../../src/model/index.js";
import { silent } from "./records.js";

/** A chat-completions endpoint on loopback whose behaviour each test chooses. */
async function startStub(handle: (body: { model: string }, res: ServerResponse) => void): Promise<{ url: string; server: Server; requests: number }> {
  const state = { requests: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => {
      state.requests += 1;
      if (req.url !== "/v1/chat/completions" || req.headers.authorization !== "Bearer stub-key") {
        res.writeHead(404).end();
        return;
      }
      handle(JSON.parse(data), res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    server,
    get requests() {
      return state.requests;
    },
  };
}

const NATIVE = [
  { timestamp: "2025-04-01T09:00:00Z", source: { product: "ChatGPT Enterprise", vendor: "OpenAI", connector: "chatgpt-enterprise", recordId: "m-1" }, user: { email: "ana@northwind.example" }, conversationId: "c-1", app: { name: "ChatGPT Enterprise" }, prompt: { text: "Draft an email to the team about the new expenses policy and the receipts deadline." }, response: { text: "Here is a draft." } },
  { timestamp: "2025-04-01T09:02:00Z", source: { product: "ChatGPT Enterprise", vendor: "OpenAI", connector: "chatgpt-enterprise", recordId: "m-2" }, user: { email: "ana@northwind.example" }, conversationId: "c-1", app: { name: "ChatGPT Enterprise" }, prompt: { text: "Make the email shorter and friendlier, and mention the receipts deadline again." }, response: { text: "Shorter version." } },
];

async function runWith(endpoint: string, dir: string, llm: Record<string, unknown> = {}): Promise<Enriched[]> {
  const input = join(dir, "in.ndjson");
  const output = join(dir, "out.ndjson");
  writeFileSync(input, NATIVE.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const yaml = JSON.stringify({
    stateDir: join(dir, "state"),
    sources: [{ name: "in", connector: "aisiem", input: { type: "file", paths: [input] } }],
    enrich: { summarise: { llm: { endpoint, model: "stub", apiKey: "${STUB_KEY}", retry: { initialDelayMs: 1, maxDelayMs: 2 }, ...llm } } },
    sinks: [{ type: "file", path: output, fsync: false }],
  });
  const { config } = parseConfig(yaml, { STUB_KEY: "stub-key" });
  const ctx = { logger: silent, signal: new AbortController().signal, stateDir: config.stateDir };
  const stage = await summariseStage.create(summariseStage.configSchema.parse(config.enrich.summarise), ctx);
  await runPipeline({ config, logger: silent, stages: [stage!], metricsIntervalMs: 0 });
  return readFileSync(output, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line) as Enriched);
}

describe("summarise against a local chat-completions server", () => {
  let dir: string;
  let stub: Awaited<ReturnType<typeof startStub>>;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "aisiem-summarise-"))));
  afterEach(async () => {
    stub.server.closeAllConnections();
    await new Promise((resolve) => stub.server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the LLM's summaries through the pipeline, with the API key from the environment", async () => {
    stub = await startStub((body, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content: `summary by ${body.model}` } }] }));
    });
    const out = await runWith(stub.url, dir);
    expect(out.map((r) => r.summary)).toEqual(out.map((r) => ({ text: "summary by stub", generator: "llm:stub", citations: [{ interactionId: r.id, target: "prompt" }, { interactionId: r.id, target: "response" }] })));
    expect(out[1]!.conversationSummary!.citations.map((c) => c.interactionId)).toEqual([out[0]!.id, out[1]!.id]);
    expect(stub.requests).toBe(2);
  });

  it("does not hold the pipeline up when the server never answers", async () => {
    stub = await startStub(() => undefined);
    const out = await runWith(stub.url, dir, { batchBudgetMs: 200, timeoutMs: 60_000 });
    expect(out).toHaveLength(2);
    expect(out.every((r) => r.summary!.generator === "aisiem.deterministic")).toBe(true);
    expect(out[0]!.summary!.text).toContain("ana@northwind.example asked ChatGPT Enterprise about finance and accounting (expenses, email, team).");
  });
});
