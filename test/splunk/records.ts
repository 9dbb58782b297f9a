import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { interactionId, makeFinding, toEnriched, type BehaviourAlert, type Enriched, type Interaction } from "../../src/model/index.js";
import { tempDir } from "../support/fixtures.js";

/** An enriched interaction as the pipeline hands it to a sink; `n` makes its ids unique. */
export function enrichedRecord(n: number, overrides: Partial<Interaction> = {}): Enriched {
  const recordId = `rec-${n}`;
  const interaction: Interaction = {
    id: interactionId("litellm", recordId),
    timestamp: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    source: { product: "LiteLLM", vendor: "BerriAI", connector: "litellm", recordId, turn: 0 },
    user: { email: `user${n % 5}@example.com`, name: `User ${n % 5}` },
    conversationId: `conv-${n % 3}`,
    app: { name: "support-bot" },
    model: { provider: "openai", requested: "gpt-4o", responded: "gpt-4o-2024-08-06" },
    prompt: { text: `question ${n}`, messages: [] },
    response: { text: `answer ${n}`, messages: [] },
    content: "kept",
    outcome: "success",
    usage: { inputTokens: 12, outputTokens: 30 },
    network: { sourceIp: "10.0.0.7", userAgent: "python-httpx/0.27" },
    labels: { "url.full": "https://llm.example.com/v1/chat/completions", "http.request.method": "post", "http.response.status_code": "200" },
    findings: [],
    ...overrides,
  };
  return toEnriched(interaction);
}

/** A record with one finding of each kind (attack, DLP, alert), a risk score and a behaviour alert. */
export function flaggedRecord(n: number): Enriched {
  const record = enrichedRecord(n);
  record.findings = [
    makeFinding({ origin: "upstream", detector: "litellm.lakera", category: "prompt_injection", label: "prompt_attack", target: "prompt", score: 0.97, severity: "high", action: "blocked" }),
    makeFinding({ origin: "aisiem", detector: "aisiem.secrets", category: "secret", label: "aws_access_key", target: "prompt", severity: "critical", action: "observed" }),
    makeFinding({ origin: "aisiem", detector: "aisiem.harm", category: "toxicity", target: "response", severity: "info", action: "unknown", policy: { id: "tox-1", name: "Toxic language" } }),
  ];
  record.organization = { id: "org-42", name: "Northwind" };
  record.cloud = { provider: "aws", region: "eu-west-1", accountId: "123456789012" };
  record.risk = { score: 82, level: "high", reasons: ["prompt injection blocked", "secret in prompt"] };
  record.summary = { text: "The user tried to override the system prompt.", citations: [], generator: "aisiem.deterministic" };
  const alert: BehaviourAlert = {
    id: `alert-${n}`,
    timestamp: record.timestamp,
    userId: record.user.email!,
    revision: 2,
    signal: {
      kind: "retry_loop",
      score: 0.8,
      severity: "high",
      window: { start: record.timestamp, end: record.timestamp },
      evidenceIds: [record.id],
      counts: { refusals: 3 },
      description: "Three refused prompts re-worded within ten minutes",
    },
    atlas: ["AML.T0054"],
    owasp: ["LLM01"],
    riskScore: 65,
    title: "Refusal-retry loop",
  };
  record.alerts = [alert];
  return record;
}

/** A self-signed certificate for 127.0.0.1, made with openssl for TLS tests. */
export function selfSignedCertificate(): { key: string; cert: string; certPath: string } {
  const dir = tempDir("aisiem-tls-");
  const keyPath = join(dir, "key.pem");
  const certPath = join(dir, "cert.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", keyPath, "-out", certPath, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
  ], { stdio: "ignore" });
  return { key: readFileSync(keyPath, "utf8"), cert: readFileSync(certPath, "utf8"), certPath };
}
