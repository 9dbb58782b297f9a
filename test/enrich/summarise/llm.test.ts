import nock from "nock";
import { SummariseConfig, type SummariseConfigInput } from "../../../src/enrich/summarise/config.js";
import { SummariseStage } from "../../../src/enrich/summarise/stage.js";
import { finding, record, silent } from "./records.js";

const ENDPOINT = "http://llm.test/v1";
const answer = (content: string) => ({ id: "chatcmpl-1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content } }] });

function stage(llm: Partial<NonNullable<SummariseConfigInput["llm"]>> = {}) {
  const config = SummariseConfig.parse({
    conversation: { enabled: true },
    llm: { endpoint: ENDPOINT, model: "tiny-summariser", apiKey: "sk-test-secret", retry: { initialDelayMs: 1, maxDelayMs: 2 }, batchBudgetMs: 2000, ...llm },
  });
  return new SummariseStage(config, silent, new AbortController().signal);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("LLM summaries", () => {
  it("rewrites the summary, keeps the citations and names the model", async () => {
    let body: { model: string; messages: Array<{ role: string; content: string }> } | undefined;
    const scope = nock(ENDPOINT, { reqheaders: { authorization: "Bearer sk-test-secret" } })
      .post("/chat/completions", (b) => ((body = b), true))
      .reply(200, answer("Ana asked ChatGPT for a revenue query.\u0007"));
    const [out] = await stage().process([record()]);
    expect(scope.isDone()).toBe(true);
    expect(out!.summary).toEqual({ text: "Ana asked ChatGPT for a revenue query.", citations: [{ interactionId: out!.id, target: "prompt" }, { interactionId: out!.id, target: "response" }], generator: "llm:tiny-summariser" });
    expect(out!.conversationSummary!.generator).toBe("aisiem.deterministic");
    expect(body!.model).toBe("tiny-summariser");
    expect(body!.messages[1]!.content).toContain("Facts:\nAna Ruiz <ana.ruiz@northwind.example> asked ChatGPT Enterprise");
    expect(body!.messages[1]!.content).toContain("Transcript:\nUser: Write a SQL query");
  });

  it("retries a 429 and a 503, then succeeds", async () => {
    nock(ENDPOINT).post("/chat/completions").reply(429, {}, { "retry-after": "0" }).post("/chat/completions").reply(503).post("/chat/completions").reply(200, answer("ok"));
    const [out] = await stage({ maxRetries: 2 }).process([record()]);
    expect(out!.summary!.text).toBe("ok");
  });

  it("falls back to the deterministic summary when retries run out", async () => {
    const scope = nock(ENDPOINT).post("/chat/completions").times(2).reply(500);
    const [out] = await stage({ maxRetries: 1 }).process([record()]);
    expect(scope.isDone()).toBe(true);
    expect(out!.summary!.generator).toBe("aisiem.deterministic");
    expect(out!.summary!.text).toContain("asked ChatGPT Enterprise about");
  });

  it.each([
    ["a client error", 401, { error: "bad key" }],
    ["a malformed answer", 200, { choices: [] }],
  ])("does not retry %s", async (_what, status, body) => {
    let calls = 0;
    nock(ENDPOINT)
      .post("/chat/completions")
      .times(4)
      .reply(() => ((calls += 1), [status, body]));
    const [out] = await stage({ maxRetries: 3 }).process([record()]);
    expect(out!.summary!.generator).toBe("aisiem.deterministic");
    expect(calls).toBe(1);
  });

  it("gives up on a slow endpoint when the batch budget runs out", async () => {
    nock(ENDPOINT).post("/chat/completions").delay(5_000).reply(200, answer("too late"));
    const [out] = await stage({ batchBudgetMs: 100, timeoutMs: 10_000 }).process([record()]);
    expect(out!.summary!.generator).toBe("aisiem.deterministic");
  });

  it("stops calling when the rate budget is spent", async () => {
    const scope = nock(ENDPOINT).post("/chat/completions").reply(200, answer("first"));
    const out = await stage({ requestsPerMinute: 1 }).process([record(), record()]);
    expect(scope.isDone()).toBe(true);
    expect(out.map((r) => r.summary!.text.startsWith("Ana Ruiz") ? "deterministic" : r.summary!.text)).toEqual(["first", "deterministic"]);
  });

  it("opens the circuit after repeated failures", async () => {
    const scope = nock(ENDPOINT).post("/chat/completions").times(2).reply(400);
    const s = stage({ failureThreshold: 2, maxRetries: 0, maxConcurrent: 1 });
    await s.process([record(), record()]);
    const [third] = await s.process([record()]);
    expect(scope.isDone()).toBe(true);
    expect(third!.summary!.generator).toBe("aisiem.deterministic");
  });

  it("sends facts only when sensitive data was found and not redacted", async () => {
    let sent = "";
    nock(ENDPOINT).post("/chat/completions", (b: { messages: Array<{ content: string }> }) => ((sent = b.messages[1]!.content), true)).reply(200, answer("summary"));
    await stage().process([record({ prompt: { text: "my key is AKIAQWERTYUIOPASDFGH" }, findings: [finding({ category: "secret" })] })]);
    expect(sent).toContain("Facts:");
    expect(sent).not.toContain("Transcript:");
    expect(sent).not.toContain("AKIA");
  });

  it("rewrites conversation summaries too when asked", async () => {
    nock(ENDPOINT).post("/chat/completions").times(2).reply(200, answer("llm text"));
    const [out] = await stage({ targets: ["interaction", "conversation"] }).process([record()]);
    expect(out!.summary!.generator).toBe("llm:tiny-summariser");
    expect(out!.conversationSummary!.generator).toBe("llm:tiny-summariser");
    expect(out!.conversationSummary!.citations).toEqual([{ interactionId: out!.id, target: "interaction" }]);
  });

  it("rejects an endpoint that is not http(s) and unknown options", () => {
    expect(SummariseConfig.safeParse({ llm: { endpoint: "ftp://x/v1", model: "m" } }).success).toBe(false);
    expect(SummariseConfig.safeParse({ llm: { endpoint: ENDPOINT, model: "m", temprature: 1 } }).success).toBe(false);
  });
});
