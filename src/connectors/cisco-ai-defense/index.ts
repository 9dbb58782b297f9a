import { z } from "zod";
import type { Finding } from "../../model/index.js";
import { defineGuardrailConnector, type VerdictContext } from "../_guardrail/envelope.js";
import { severityOfLevel, upstreamFinding } from "../_guardrail/findings.js";
import { definedStrings } from "../_guardrail/defined.js";

const NAME = "cisco-ai-defense";

const Rule = z.looseObject({
  rule_name: z.string().optional(),
  rule_id: z.union([z.number(), z.string()]).optional(),
  entity_types: z.array(z.string()).nullable().optional(),
  classification: z.string().optional(),
});

/** `POST /api/v1/inspect/chat` response, `InspectResponse` (sources.md §1.10). */
export const InspectResponse = z.looseObject({
  is_safe: z.boolean(),
  classifications: z.array(z.string()).default([]),
  severity: z.string().optional(),
  rules: z.array(Rule).nullable().optional(),
  attack_technique: z.string().optional(),
  explanation: z.string().optional(),
  client_transaction_id: z.string().optional(),
  event_id: z.string().optional(),
});
export type InspectResponse = z.infer<typeof InspectResponse>;

/** One finding per matched rule; a response with classifications but no rules gives one per classification. */
function findingsOf(verdict: InspectResponse, context: VerdictContext): Finding[] {
  if (verdict.is_safe) return [];
  const named = (verdict.rules ?? []).filter((rule) => rule.rule_name || rule.classification);
  const hits = named.length
    ? named.map((rule) => ({ key: rule.rule_name ?? `classification/${rule.classification}`, rule }))
    : verdict.classifications.map((classification) => ({ key: `classification/${classification}`, rule: undefined }));
  return hits.map(({ key, rule }) =>
    upstreamFinding({
      vendor: NAME,
      taxonomyLabel: key,
      label: rule?.rule_name ?? key.replace("classification/", ""),
      detector: "cisco.aidefense",
      target: context.target,
      action: context.actionOr(undefined),
      severity: severityOfLevel(verdict.severity),
      ...(rule?.rule_id !== undefined || rule?.rule_name ? { policy: definedStrings({ id: rule.rule_id, name: rule.rule_name }) } : {}),
    }),
  );
}

/** Cisco AI Defense inspection verdicts posted with their prompt context; `is_safe` is a verdict, not an action. */
export const connector = defineGuardrailConnector<InspectResponse>({
  name: NAME,
  vendor: "Cisco",
  product: "Cisco AI Defense",
  description: "Cisco AI Defense Inspection API results (is_safe, classifications, rules, severity) posted with their prompt context.",
  verdictSchema: InspectResponse,
  read(verdict, context) {
    const entityTypes = [...new Set((verdict.rules ?? []).flatMap((rule) => rule.entity_types ?? []))].join(", ");
    return {
      findings: findingsOf(verdict, context),
      vendorId: verdict.event_id,
      labels: definedStrings({ transactionId: verdict.client_transaction_id, attackTechnique: verdict.attack_technique, explanation: verdict.explanation, entityTypes }),
    };
  },
});
