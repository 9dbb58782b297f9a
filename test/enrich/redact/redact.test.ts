import { pino } from "pino";
import { classifyStage } from "../../../src/enrich/classify/stage.js";
import { ClassifyConfig } from "../../../src/enrich/classify/index.js";
import { RedactConfig, redactStage } from "../../../src/enrich/redact/index.js";
import { parseNativeInteraction, toEnriched, type Enriched } from "../../../src/model/index.js";

const ctx = { logger: pino({ level: "silent" }), signal: new AbortController().signal, stateDir: "." };
const TOKEN = "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";
const EMAIL = "ana.lopez@example.com";
const PROMPT = `Why does ${TOKEN} fail for ${EMAIL}?`;

function record(): Enriched {
  const raw = { request: { messages: [{ role: "user", content: PROMPT }] }, meta: { owner: EMAIL, n: 3 } };
  return toEnriched(
    parseNativeInteraction({
      timestamp: "2026-01-05T10:00:00Z",
      source: { product: "Test", vendor: "Test", connector: "aisiem", recordId: "r1" },
      app: { name: "Test" },
      prompt: { text: PROMPT, messages: [{ role: "user", content: PROMPT }] },
      response: { text: "Rotate the token; do not paste it again." },
      findings: [{ origin: "upstream", detector: "vendor.dlp", category: "secret", target: "prompt", severity: "high", action: "blocked", evidence: [{ target: "prompt", snippet: `matched ${TOKEN}` }] }],
      raw,
    }),
  );
}

async function run(config: unknown): Promise<Enriched> {
  const classify = await classifyStage.create(ClassifyConfig.parse({}), ctx);
  const redact = await redactStage.create(RedactConfig.parse(config), ctx);
  const [classified] = await classify!.process([record()]);
  const [out] = await redact!.process([classified!]);
  return out!;
}

describe("redact stage", () => {
  it("masks secrets and personal data everywhere a SIEM would see them, and says what it did", async () => {
    const out = await run({});
    const expected = "Why does [REDACTED:github_token] fail for [REDACTED:email]?";
    expect(out.prompt.text).toBe(expected);
    expect(out.prompt.messages[0]!.content).toBe(expected);
    const serialised = JSON.stringify(out);
    expect(serialised).not.toContain(TOKEN);
    expect(serialised).not.toContain(EMAIL);
    expect(out.raw).toEqual({ request: { messages: [{ role: "user", content: expected }] }, meta: { owner: "[REDACTED:email]", n: 3 } });
    expect(out.findings[0]!.evidence[0]!.snippet).toBe("matched [REDACTED:github_token]");
    expect(out.redactions).toEqual(
      expect.arrayContaining([
        { category: "secret", label: "github_token", count: 4, mode: "mask" },
        { category: "pii", label: "email", count: 4, mode: "mask" },
      ]),
    );
  });

  it("moves finding offsets onto the rewritten text", async () => {
    const out = await run({});
    const secret = out.findings.find((f) => f.origin === "aisiem" && f.category === "secret" && f.evidence[0]?.messageIndex === undefined)!;
    const { start, end } = secret.evidence[0]!;
    expect(out.prompt.text.slice(start, end)).toBe("[REDACTED:github_token]");
    const email = out.findings.find((f) => f.origin === "aisiem" && f.label === "email" && f.evidence[0]?.messageIndex === undefined)!;
    expect(out.prompt.text.slice(email.evidence[0]!.start, email.evidence[0]!.end)).toBe("[REDACTED:email]");
  });

  it("hashes with a key or drops per category or label", async () => {
    const out = await run({ modes: { pii: "hash" }, labels: { github_token: "drop" }, hashKey: "k".repeat(32) });
    expect(out.prompt.text).toMatch(/^Why does {2}fail for \[HMAC:email:[0-9a-f]{16}\]\?$/);
    const again = await run({ modes: { pii: "hash" }, labels: { github_token: "drop" }, hashKey: "k".repeat(32) });
    expect(again.prompt.text).toBe(out.prompt.text);
  });

  it("refuses hash mode without a key", () => {
    const result = RedactConfig.safeParse({ modes: { pii: "hash" } });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(["hashKey"]);
  });
});
