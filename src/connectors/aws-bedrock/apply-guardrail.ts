import { z } from "zod";
import type { VerdictContext, VerdictReading } from "../_guardrail/envelope.js";
import { definedStrings } from "../_guardrail/defined.js";
import { assessmentFindings, GuardrailAssessment, interventionFinding } from "./assessment.js";

/** `ApplyGuardrail` response (sources.md §1.1 a). The request's `source` (INPUT/OUTPUT) is the envelope's `target`. */
export const ApplyGuardrailResponse = z.looseObject({
  action: z.enum(["GUARDRAIL_INTERVENED", "NONE"]),
  actionReason: z.string().optional(),
  outputs: z.array(z.looseObject({ text: z.string().optional() })).optional(),
  assessments: z.array(GuardrailAssessment).default([]),
});
export type ApplyGuardrailResponse = z.infer<typeof ApplyGuardrailResponse>;

/**
 * Bedrock states its per-policy action; ApplyGuardrail itself changes nothing in the app, so an
 * action the app states in the envelope takes precedence.
 */
export function readApplyGuardrail(response: ApplyGuardrailResponse, context: VerdictContext): VerdictReading {
  const scope = { target: context.target, text: context.text, actionOr: context.actionOr };
  const findings = response.assessments.flatMap((assessment) => assessmentFindings(assessment, scope));
  const intervened = response.action === "GUARDRAIL_INTERVENED";
  return {
    findings: intervened && findings.length === 0 ? [interventionFinding(context.target, context.actionOr("blocked"))] : findings,
    labels: definedStrings({ guardrailAction: response.action, guardrailActionReason: response.actionReason }),
  };
}
