import { z } from "zod";
import { validate, type Finding } from "../../model/index.js";
import { assessmentFindings, GuardrailAssessment, interventionFinding } from "./assessment.js";

/**
 * The guardrail trace in a model response (sources.md §1.1 b). Converse puts
 * `trace.guardrail{inputAssessment: {id: A}, outputAssessments: {id: [A]}}`; InvokeModel puts
 * `"amazon-bedrock-trace".guardrail{input: {id: A}, outputs: [{id: A}]}` next to
 * `"amazon-bedrock-guardrailAction"`. Both spellings are accepted in either place.
 */
const GuardrailTrace = z.looseObject({
  inputAssessment: z.record(z.string(), GuardrailAssessment).optional(),
  input: z.record(z.string(), GuardrailAssessment).optional(),
  outputAssessments: z.record(z.string(), z.array(GuardrailAssessment)).optional(),
  outputs: z.array(z.record(z.string(), GuardrailAssessment)).optional(),
  actionReason: z.string().optional(),
});
const Traced = z.looseObject({
  trace: z.looseObject({ guardrail: GuardrailTrace.optional() }).optional(),
  metadata: z.looseObject({ trace: z.looseObject({ guardrail: GuardrailTrace.optional() }).optional() }).optional(),
  "amazon-bedrock-trace": z.looseObject({ guardrail: GuardrailTrace.optional() }).optional(),
  "amazon-bedrock-guardrailAction": z.string().optional(),
  stopReason: z.string().optional(),
  stop_reason: z.string().nullable().optional(),
  messageStop: z.looseObject({ stopReason: z.string().optional() }).optional(),
});
type GuardrailTrace = z.infer<typeof GuardrailTrace>;
type Traced = z.infer<typeof Traced>;

const INTERVENED = new Set(["guardrail_intervened", "INTERVENED", "GUARDRAIL_INTERVENED"]);

function intervened(part: Traced): boolean {
  return [part["amazon-bedrock-guardrailAction"], part.stopReason, part.stop_reason, part.messageStop?.stopReason].some((value) => value != null && INTERVENED.has(value));
}

function traceFindings(trace: GuardrailTrace, texts: Record<"prompt" | "response", string>): Finding[] {
  const at = (target: "prompt" | "response", guardrailId: string) => ({ target, text: texts[target], guardrailId });
  const inputs = Object.entries({ ...trace.input, ...trace.inputAssessment }).flatMap(([id, a]) => assessmentFindings(a, at("prompt", id)));
  const outputs = [
    ...Object.entries(trace.outputAssessments ?? {}).flatMap(([id, list]) => list.map((a) => [id, a] as const)),
    ...(trace.outputs ?? []).flatMap((map) => Object.entries(map)),
  ].flatMap(([id, a]) => assessmentFindings(a, at("response", id)));
  return [...inputs, ...outputs];
}

/**
 * Findings of a logged response body (or each chunk of a streamed one). An intervention with no
 * trace (tracing off) still yields one `blocked` finding so it is never lost.
 */
export function responseFindings(body: unknown, texts: Record<"prompt" | "response", string>): Finding[] {
  const parts = (Array.isArray(body) ? body : [body]).filter((part) => typeof part === "object" && part !== null);
  const findings: Finding[] = [];
  let wasIntervened = false;
  parts.forEach((part, index) => {
    const traced = validate(Traced, part, Array.isArray(body) ? `aws-bedrock output.outputBodyJson[${index}]` : "aws-bedrock output.outputBodyJson");
    for (const trace of [traced.trace?.guardrail, traced.metadata?.trace?.guardrail, traced["amazon-bedrock-trace"]?.guardrail]) {
      if (trace) findings.push(...traceFindings(trace, texts));
    }
    wasIntervened ||= intervened(traced);
  });
  return wasIntervened && findings.length === 0 ? [interventionFinding("interaction", "blocked")] : findings;
}
