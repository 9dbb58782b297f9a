import { createHash } from "node:crypto";
import type { Enriched, FindingAction, Severity } from "../../model/index.js";
import { actorOf, baseDocument } from "./context.js";
import { put, putAll, uniq, type EcsDoc } from "./document.js";
import { otelMessages, systemInstructions } from "./messages.js";
import type { EcsMapOptions } from "./options.js";
import { capText } from "./text.js";

/** Bedrock's spelling of guardrail actions and confidences, which Elastic's shipped rules compare against. */
const LEGACY_ACTION: Record<FindingAction, string> = { blocked: "BLOCKED", masked: "ANONYMIZED", allowed: "NONE", observed: "NONE", unknown: "NONE" };
const LEGACY_CONFIDENCE: Record<Severity, string> = { info: "NONE", low: "LOW", medium: "MEDIUM", high: "HIGH", critical: "HIGH" };

/** The `event.kind: event` document for one interaction. */
export function interactionDocument(record: Enriched, options: EcsMapOptions, now: Date): EcsDoc {
  const doc = baseDocument(record, "event", options, now);
  const blocked = record.findings.some((f) => f.action === "blocked");
  put(doc, "@timestamp", record.timestamp);
  put(doc, "message", capText(eventTitle(record), options.maxTextChars).text);
  putAll(doc, "event", {
    kind: "event",
    category: ["api"],
    type: blocked ? ["access", "denied"] : ["access"],
    action: record.operation ?? "chat",
    outcome: record.outcome,
    id: record.id,
    risk_score: record.risk.score,
    risk_score_norm: record.risk.score,
  });
  writeOriginal(doc, record.raw, options);
  put(doc, "user_agent.original", record.network?.userAgent);
  putAll(doc, "error", { code: record.error?.code, message: record.error?.message });
  put(doc, "trace.id", record.traceId);

  put(doc, "gen_ai.usage.input_tokens", record.usage?.inputTokens && Math.round(record.usage.inputTokens));
  put(doc, "gen_ai.usage.output_tokens", record.usage?.outputTokens && Math.round(record.usage.outputTokens));
  put(doc, "gen_ai.response.finish_reasons", record.response.finishReasons);
  const calls = record.response.messages.flatMap((m) => m.toolCalls ?? []);
  put(doc, "gen_ai.tool.name", uniq(calls.map((c) => c.name)));
  put(doc, "gen_ai.tool.call.id", calls.map((c) => c.id).filter(Boolean));
  put(doc, "gen_ai.input.messages", otelMessages(record.prompt, "user", options.maxTextChars));
  put(doc, "gen_ai.output.messages", otelMessages(record.response, "assistant", options.maxTextChars));
  put(doc, "gen_ai.system_instructions", systemInstructions(record.prompt, options.maxTextChars));

  put(doc, "aisiem.source.turn", record.source.turn);
  put(doc, "aisiem.content", record.content);
  writeText(doc, "aisiem.prompt", record.prompt.text, options);
  writeText(doc, "aisiem.response", record.response.text, options);
  put(doc, "aisiem.refusal", record.refusal);
  putAll(doc, "aisiem.usage", { total_tokens: record.usage?.totalTokens, cost: record.usage?.cost });
  put(doc, "aisiem.resources", record.resources);
  put(doc, "aisiem.redaction.category", uniq(record.redactions.map((r) => r.category)));
  put(doc, "aisiem.redaction.count", record.redactions.reduce((sum, r) => sum + r.count, 0) || undefined);
  putAll(doc, "aisiem.summary", { text: record.summary?.text, generator: record.summary?.generator });
  put(doc, "aisiem.conversation_summary.text", record.conversationSummary?.text);

  const findings = record.findings;
  put(doc, "aisiem.finding.count", findings.length);
  putAll(doc, "aisiem.finding", {
    origin: uniq(findings.map((f) => f.origin)),
    detector: uniq(findings.map((f) => f.detector)),
    category: uniq(findings.map((f) => f.category)),
    label: uniq(findings.flatMap((f) => (f.label ? [f.label] : []))),
    harm: uniq(findings.flatMap((f) => (f.harm ? [f.harm] : []))),
    target: uniq(findings.map((f) => f.target)),
    action: uniq(findings.map((f) => f.action)),
    severity: uniq(findings.map((f) => f.severity)),
    owasp: uniq(findings.flatMap((f) => f.owasp)),
  });
  const signals = record.behaviour;
  put(doc, "aisiem.behaviour.kind", uniq(signals.map((s) => s.kind)));
  put(doc, "aisiem.behaviour.max_score", signals.length > 0 ? Math.max(...signals.map((s) => s.score)) : undefined);
  put(doc, "aisiem.behaviour.signals", signals);

  if (options.legacyFields) writeLegacy(doc, record, options);
  return doc;
}

function eventTitle(record: Enriched): string {
  const model = record.model.responded ?? record.model.requested;
  const head = `${actorOf(record)} used ${record.app.name}${model ? ` (${model})` : ""}`;
  return record.summary?.text ? `${head}: ${record.summary.text}` : head;
}

function writeText(doc: EcsDoc, prefix: string, text: string, options: EcsMapOptions): void {
  if (!text) return;
  const capped = capText(text, options.maxTextChars);
  putAll(doc, prefix, { text: capped.text, length: capped.length, hash: capped.hash, truncated: capped.truncated });
}

function writeOriginal(doc: EcsDoc, raw: unknown, options: EcsMapOptions): void {
  if (raw === undefined) return;
  const original = typeof raw === "string" ? raw : JSON.stringify(raw);
  put(doc, "event.hash", createHash("sha256").update(original).digest("hex"));
  if (options.keepOriginal) put(doc, "event.original", capText(original, options.maxOriginalChars).text);
}

/** Elastic's aws_bedrock guardrail fields, from the product's own (upstream) verdicts. */
function writeLegacy(doc: EcsDoc, record: Enriched, options: EcsMapOptions): void {
  put(doc, "gen_ai.prompt", record.prompt.text && capText(record.prompt.text, options.maxTextChars).text);
  put(doc, "gen_ai.completion", record.response.text && capText(record.response.text, options.maxTextChars).text);
  const upstream = record.findings.filter((f) => f.origin === "upstream");
  if (upstream.length === 0) return;
  putAll(doc, "gen_ai.policy", {
    name: upstream.map((f) => f.policy?.name ?? f.detector),
    action: upstream.map((f) => LEGACY_ACTION[f.action]),
    confidence: upstream.map((f) => LEGACY_CONFIDENCE[f.severity]),
    violation: true,
  });
  putAll(doc, "gen_ai.compliance", {
    violation_detected: upstream.some((f) => f.action === "blocked" || f.action === "masked"),
    violation_code: uniq(upstream.map((f) => (f.label ?? f.category).toUpperCase())),
  });
}
