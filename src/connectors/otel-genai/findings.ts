/**
 * Upstream findings from GenAI events: `gen_ai.guardrail.result` (the guardrail conventions) and
 * `gen_ai.evaluation.result`, plus a `content_filter` finish reason. The guardrail conventions
 * keep the provider's own result and forbid inferring allow/deny from it (sources.md §4), so the
 * action is `unknown` unless the result is itself an action the provider reports.
 */
import { z } from "zod";
import { validate, type Finding, type FindingAction, type FindingTarget, type Severity } from "../../model/index.js";
import { upstreamFinding } from "../_guardrail/findings.js";

const VENDOR = "otel-genai";

/**
 * Free-text risk categories (`Prompt Attack`, `self-harm`, `PII`) as taxonomy keys: lower case,
 * runs of other characters as `_`. The rows for these keys are in the vendor taxonomy.
 */
export function normaliseLabel(label: string): string {
  return label.trim().toLowerCase().replace(/[^a-z0-9/]+/g, "_").replace(/^_+|_+$/g, "");
}

const Text = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const GuardrailResult = z.looseObject({
  "gen_ai.guardrail.component.name": Text.optional(),
  "gen_ai.guardrail.policy.id": Text.optional(),
  "gen_ai.guardrail.policy.version": Text.optional(),
  "gen_ai.guardrail.policy.rule.id": Text.optional(),
  "gen_ai.guardrail.source": Text.optional(),
  "gen_ai.guardrail.result.type": Text.optional(),
  "gen_ai.guardrail.result.value": Text.optional(),
  "gen_ai.guardrail.result.reason": Text.optional(),
  "gen_ai.guardrail.risk.category": Text.optional(),
  "gen_ai.guardrail.risk.score": z.coerce.number().optional(),
});

const EvaluationResult = z.looseObject({
  "gen_ai.evaluation.name": Text,
  "gen_ai.evaluation.score.value": z.coerce.number().optional(),
  "gen_ai.evaluation.score.label": Text.optional(),
  "gen_ai.evaluation.explanation": Text.optional(),
});

/** Result values that say the guardrail found nothing (Bedrock `NONE`, Model Armor `NO_MATCH_FOUND`, a tripwire not triggered, severity 0). */
const NOTHING_FOUND = new Set(["none", "no_match_found", "false", "0", "safe", "pass", "passed", "allowed", "allow"]);
/** Evaluation labels that mark a failed check; any other label (`pass`, `relevant`) is a quality metric, not a finding. */
const FAILING_LABELS = new Set(["fail", "failed", "unsafe", "flagged", "violation", "toxic", "harmful", "jailbreak", "injection"]);

const ACTIONS: Record<string, FindingAction> = {
  block: "blocked",
  blocked: "blocked",
  deny: "blocked",
  denied: "blocked",
  mask: "masked",
  masked: "masked",
  anonymized: "masked",
  redact: "masked",
  redacted: "masked",
};

/** `INPUT`, `user_prompt`, `tool_input` are about the prompt; `OUTPUT`, `model_response`, `tool_output` about the answer. */
function targetOf(source: string | undefined): FindingTarget {
  const s = source?.toLowerCase() ?? "";
  if (/output|response|completion/.test(s)) return "response";
  if (/input|prompt|user/.test(s)) return "prompt";
  return "interaction";
}

/** Azure-style 0–7 severities (0 safe, 2 low, 4 medium, 6 high) when the result is a severity. */
function severityOfNumber(value: number): Severity {
  if (value >= 6) return "high";
  if (value >= 4) return "medium";
  return "low";
}

export function guardrailFinding(attributes: Record<string, unknown>): Finding | undefined {
  const result = validate(GuardrailResult, attributes, "gen_ai.guardrail.result event");
  const type = result["gen_ai.guardrail.result.type"]?.toLowerCase();
  const value = result["gen_ai.guardrail.result.value"];
  if (value !== undefined && NOTHING_FOUND.has(value.toLowerCase())) return undefined;
  const category = result["gen_ai.guardrail.risk.category"];
  const score = result["gen_ai.guardrail.risk.score"];
  const severityValue = type === "severity" && value !== undefined ? Number(value) : undefined;
  const component = result["gen_ai.guardrail.component.name"] ?? "guardrail";
  const policyId = result["gen_ai.guardrail.policy.id"];
  return upstreamFinding({
    vendor: VENDOR,
    taxonomyLabel: normaliseLabel(category ?? "other"),
    label: category ?? value ?? component,
    detector: component,
    target: targetOf(result["gen_ai.guardrail.source"]),
    action: type === "action" && value !== undefined ? (ACTIONS[value.toLowerCase()] ?? "unknown") : "unknown",
    ...(severityValue !== undefined && !Number.isNaN(severityValue) ? { severity: severityOfNumber(severityValue) } : {}),
    ...(score !== undefined && score >= 0 && score <= 1 ? { score } : {}),
    ...(policyId || result["gen_ai.guardrail.policy.rule.id"]
      ? {
          policy: {
            ...(policyId ? { id: policyId } : {}),
            ...(result["gen_ai.guardrail.policy.rule.id"] ? { name: result["gen_ai.guardrail.policy.rule.id"] } : {}),
            ...(result["gen_ai.guardrail.policy.version"] ? { version: result["gen_ai.guardrail.policy.version"] } : {}),
          },
        }
      : {}),
  });
}

/** An evaluation is judged after the fact: nothing was enforced, so a failed one is `observed`. */
export function evaluationFinding(attributes: Record<string, unknown>): Finding | undefined {
  const result = validate(EvaluationResult, attributes, "gen_ai.evaluation.result event");
  const label = result["gen_ai.evaluation.score.label"];
  if (!label || !FAILING_LABELS.has(label.toLowerCase())) return undefined;
  const name = result["gen_ai.evaluation.name"];
  const score = result["gen_ai.evaluation.score.value"];
  return upstreamFinding({
    vendor: VENDOR,
    taxonomyLabel: normaliseLabel(name),
    label: name,
    detector: `evaluation:${name}`,
    target: "response",
    action: "observed",
    ...(score !== undefined && score >= 0 && score <= 1 ? { score } : {}),
  });
}

/** A `content_filter` finish reason: the provider withheld the answer. */
export function contentFilterFinding(provider: string | undefined): Finding {
  return upstreamFinding({
    vendor: VENDOR,
    taxonomyLabel: "content_filter",
    detector: `${provider ?? "provider"}.content_filter`,
    target: "response",
    action: "blocked",
  });
}
