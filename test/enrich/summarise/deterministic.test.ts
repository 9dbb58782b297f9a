import { SummariseConfig } from "../../../src/enrich/summarise/config.js";
import { SummariseStage } from "../../../src/enrich/summarise/stage.js";
import { extractTopic } from "../../../src/enrich/summarise/topic.js";
import { summariseStage } from "../../../src/enrich/summarise/index.js";
import { Enriched } from "../../../src/model/index.js";
import { finding, record, silent } from "./records.js";

const stage = (config: object = {}) => new SummariseStage(SummariseConfig.parse(config), silent, new AbortController().signal);
const summaryOf = async (...records: Parameters<typeof record>) => (await stage().process([record(...records)]))[0]!;

describe("deterministic interaction summary", () => {
  it("says who, which tool and what was asked, and cites the prompt and the response", async () => {
    const out = await summaryOf();
    expect(out.summary!.text).toBe("Ana Ruiz <ana.ruiz@northwind.example> asked ChatGPT Enterprise about software development (query, returns, total).");
    expect(out.summary!.citations).toEqual([
      { interactionId: out.id, target: "prompt" },
      { interactionId: out.id, target: "response" },
    ]);
    expect(out.summary!.generator).toBe("aisiem.deterministic");
    expect(() => Enriched.parse(out)).not.toThrow();
  });

  it("names the gateway application and the product it came through", async () => {
    const out = await summaryOf({ app: { name: "internal-support-bot" }, source: { product: "LiteLLM Proxy", vendor: "BerriAI", connector: "litellm", recordId: "chatcmpl-1" } });
    expect(out.summary!.text).toContain("asked internal-support-bot via LiteLLM Proxy about");
  });

  it("reports refusals, upstream blocks, flags with detector and action, and redactions", async () => {
    const out = await summaryOf(
      {
        outcome: "failure",
        error: { code: "400" },
        response: { text: "" },
        findings: [
          finding({ origin: "upstream", detector: "litellm.presidio-pii", category: "financial", label: "CREDIT_CARD", action: "blocked", severity: "high" }),
          finding({ category: "secret", label: "aws_access_key_id", severity: "high" }),
          finding({ category: "refusal", target: "response" }),
        ],
      },
      { refusal: "partial", redactions: [{ category: "secret", count: 2, mode: "mask" }] },
    );
    expect(out.summary!.text).toContain("Blocked by litellm.presidio-pii (financial: CREDIT_CARD).");
    expect(out.summary!.text).toContain("The assistant partly refused.");
    expect(out.summary!.text).toContain("Flagged: financial (CREDIT_CARD) in the prompt by litellm.presidio-pii, blocked; secret (aws_access_key_id) in the prompt by aisiem.secret, observed.");
    expect(out.summary!.text).toContain("Redacted: 2 secret.");
    expect(out.summary!.text).not.toContain("refusal (");
    expect(out.summary!.citations).toEqual([{ interactionId: out.id, target: "prompt" }]);
  });

  it("treats a refusal finding as a full refusal when the record has no refusal level", async () => {
    const out = await summaryOf({ findings: [finding({ category: "refusal", target: "response" })] });
    expect(out.summary!.text).toContain("The assistant refused.");
  });

  it("says the request failed when nothing blocked it", async () => {
    const out = await summaryOf({ outcome: "failure", error: { code: "503" }, response: { text: "" } });
    expect(out.summary!.text).toContain("The request failed (503).");
  });

  it("never turns a secret, a name or a number from the prompt into a keyword", async () => {
    const key = "AKIAQWERTYUIOPASDFGH";
    const text = `deploy fails, here is the config: aws_key=${key} secret=abcdefghijklmnopqrstu token=ghp_abcdefghijklmnopqrstuvwxyz0123456789 for Olivia Bennett`;
    const out = await summaryOf({
      prompt: { text },
      findings: [finding({ category: "secret", evidence: [{ target: "prompt", start: text.indexOf("abcdefghijklmnopqrstu"), end: text.indexOf("abcdefghijklmnopqrstu") + 21 }] })],
    });
    expect(out.summary!.text).not.toMatch(/AKIA|abcdefghijklmnopqrstu|ghp_|olivia|bennett/i);
  });

  it("keeps control characters and line breaks out of the text", async () => {
    const out = await summaryOf({ user: { name: "Eve\nINFO forged line\u001b[31m", email: "eve@example.com" } });
    expect(out.summary!.text).not.toMatch(/[\u0000-\u001f]/);
    expect(out.summary!.text).toContain("Eve INFO forged line");
  });

  it("does not guess a topic when the text was not kept", async () => {
    const out = await summaryOf({ content: "dropped", prompt: { text: "" } });
    expect(out.summary!.text).toContain("about an undisclosed topic (text not kept).");
  });

  it("returns one record per input, in order, leaving other fields alone", async () => {
    const input = [record(), record({ conversationId: "conv-2" }), record()];
    const out = await stage().process(input);
    expect(out.map((r) => r.id)).toEqual(input.map((r) => r.id));
    expect(out[1]!.findings).toEqual(input[1]!.findings);
  });

  it("is disabled by config", async () => {
    expect(await summariseStage.create(SummariseConfig.parse({ enabled: false }), { logger: silent, signal: new AbortController().signal, stateDir: "." })).toBeUndefined();
  });
});

describe("topic extraction", () => {
  it("picks the lexicon topic with the most hits and its words first", () => {
    expect(extractTopic("please draft an invoice reminder email; the invoice is overdue and the payment terms were 30 days", 3)).toEqual({
      label: "finance and accounting",
      keywords: ["invoice", "payment", "draft"],
    });
  });

  it("falls back to general questions and has no topic without words", () => {
    expect(extractTopic("what is the tallest mountain on the planet", 2)).toEqual({ label: "general questions", keywords: ["tallest", "mountain"] });
    expect(extractTopic("1234 !!! ___", 3)).toBeUndefined();
  });
});
