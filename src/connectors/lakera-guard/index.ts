import { z } from "zod";
import { defineGuardrailConnector, type VerdictContext } from "../_guardrail/envelope.js";
import { matchEvidence } from "../_guardrail/evidence.js";
import { upstreamFinding } from "../_guardrail/findings.js";
import { definedStrings } from "../_guardrail/defined.js";
import type { Evidence, Finding } from "../../model/index.js";

const NAME = "lakera-guard";

/** `POST /v2/guard` response (sources.md §1.6); `breakdown` and `payload` only when the app asked for them. */
const Breakdown = z.looseObject({
  project_id: z.string().optional(),
  policy_id: z.string().optional(),
  detector_id: z.string().optional(),
  detector_type: z.string().min(1),
  detected: z.boolean(),
  message_id: z.number().int().nonnegative().optional(),
});
const PayloadMatch = z.looseObject({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The matched text itself (PII, profanity, regex hit): masked before it reaches evidence. */
  text: z.string().optional(),
  detector_type: z.string().min(1),
  message_id: z.number().int().nonnegative().optional(),
});
export const LakeraGuardResponse = z.looseObject({
  flagged: z.boolean(),
  breakdown: z.array(Breakdown).optional(),
  payload: z.array(PayloadMatch).optional(),
  metadata: z.looseObject({ request_uuid: z.string().optional() }).optional(),
  dev_info: z.looseObject({ model_version: z.string().optional(), version: z.string().optional() }).optional(),
});
export type LakeraGuardResponse = z.infer<typeof LakeraGuardResponse>;

function payloadEvidence(verdict: LakeraGuardResponse, type: string, context: VerdictContext): Evidence[] {
  return (verdict.payload ?? [])
    .filter((match) => match.detector_type === type)
    .map((match) => ({
      ...matchEvidence(context.target, context.text, match.text ?? "", { start: match.start, end: match.end }),
      ...(match.message_id !== undefined ? { messageIndex: match.message_id } : {}),
    }));
}

function findingsOf(verdict: LakeraGuardResponse, context: VerdictContext): Finding[] {
  const detected = new Map<string, z.infer<typeof Breakdown> | undefined>();
  for (const entry of verdict.breakdown ?? []) if (entry.detected) detected.set(entry.detector_type, entry);
  for (const match of verdict.payload ?? []) if (!detected.has(match.detector_type)) detected.set(match.detector_type, undefined);
  if (verdict.flagged && detected.size === 0) detected.set("flagged", undefined);
  return [...detected].map(([type, entry]) => {
    const evidence = payloadEvidence(verdict, type, context);
    return upstreamFinding({
      vendor: NAME,
      taxonomyLabel: type,
      detector: "lakera.guard",
      target: context.target,
      action: context.actionOr(undefined),
      ...(entry?.policy_id ? { policy: { id: entry.policy_id } } : {}),
      ...(evidence.length ? { evidence } : entry?.message_id !== undefined ? { evidence: [{ target: context.target, messageIndex: entry.message_id }] } : {}),
    });
  });
}

/** Lakera Guard v2 verdicts posted with their prompt context. Lakera only flags: the action is the app's. */
export const connector = defineGuardrailConnector<LakeraGuardResponse>({
  name: NAME,
  vendor: "Lakera (Check Point)",
  product: "Lakera Guard",
  description: "Lakera Guard v2 /v2/guard results (flagged, breakdown, payload) posted with their prompt context.",
  verdictSchema: LakeraGuardResponse,
  read(verdict, context) {
    const project = verdict.breakdown?.find((entry) => entry.project_id)?.project_id;
    return {
      findings: findingsOf(verdict, context),
      vendorId: verdict.metadata?.request_uuid,
      labels: definedStrings({ lakeraProject: project, lakeraModelVersion: verdict.dev_info?.model_version }),
    };
  },
});
