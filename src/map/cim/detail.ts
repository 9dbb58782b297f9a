import type { Enriched } from "../../model/index.js";
import { prune } from "./values.js";

/**
 * The AI context every event carries next to its CIM fields: `gen_ai.*` named as in ECS and the
 * OpenTelemetry GenAI conventions, so the same names work in Elasticsearch and Splunk.
 */
export function genAiDetail(record: Enriched): Record<string, unknown> | undefined {
  return prune({
    system: record.model.provider,
    operation: { name: record.operation },
    conversation: { id: record.conversationId },
    request: { model: record.model.requested },
    response: { model: record.model.responded, finish_reasons: record.response.finishReasons },
    usage: { input_tokens: record.usage?.inputTokens, output_tokens: record.usage?.outputTokens },
  });
}

/** What identifies the interaction an event belongs to, shared by every kind. */
export function interactionRef(record: Enriched): Record<string, unknown> {
  return {
    interaction_id: record.id,
    conversation_id: record.conversationId,
    source: {
      product: record.source.product,
      vendor: record.source.vendor,
      connector: record.source.connector,
      record_id: record.source.recordId,
      turn: record.source.turn,
    },
    app: { name: record.app.name, id: record.app.id, host: record.app.host },
    risk: { score: record.risk.score, level: record.risk.level, reasons: record.risk.reasons },
  };
}

/** The full interaction for `aisiem:interaction`: text, usage, verdicts, summary and behaviour. */
export function interactionDetail(record: Enriched): Record<string, unknown> | undefined {
  return prune({
    kind: "interaction",
    ...interactionRef(record),
    timestamp: record.timestamp,
    operation: record.operation,
    outcome: record.outcome,
    content: record.content,
    user: record.user,
    prompt: {
      text: record.prompt.text,
      tool_calls: record.prompt.messages.flatMap((m) => m.toolCalls ?? []).map((c) => c.name),
    },
    response: {
      text: record.response.text,
      tool_calls: record.response.messages.flatMap((m) => m.toolCalls ?? []).map((c) => c.name),
    },
    usage: record.usage && {
      input_tokens: record.usage.inputTokens,
      output_tokens: record.usage.outputTokens,
      total_tokens: record.usage.totalTokens,
      cost: record.usage.cost,
    },
    error: record.error,
    organization: record.organization,
    cloud: record.cloud && { provider: record.cloud.provider, region: record.cloud.region, account_id: record.cloud.accountId },
    resources: record.resources,
    finding_categories: [...new Set(record.findings.map((f) => f.category))],
    findings: record.findings.map((f) => ({
      origin: f.origin,
      detector: f.detector,
      category: f.category,
      label: f.label,
      target: f.target,
      severity: f.severity,
      action: f.action,
      score: f.score,
    })),
    summary: record.summary?.text,
    conversation_summary: record.conversationSummary?.text,
    behaviour: record.behaviour.map((b) => ({ kind: b.kind, score: b.score, severity: b.severity, description: b.description })),
    refusal: record.refusal,
    redactions: record.redactions,
    labels: record.labels,
    trace_id: record.traceId,
  });
}
