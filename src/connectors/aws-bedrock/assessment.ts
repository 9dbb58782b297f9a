import { z } from "zod";
import type { Evidence, Finding, FindingAction, FindingTarget, Policy, Severity } from "../../model/index.js";
import { matchEvidence } from "../_guardrail/evidence.js";
import { severityOfLevel, upstreamFinding } from "../_guardrail/findings.js";
import { actionOfBedrock } from "../_bedrock/index.js";
import { AutomatedReasoningAssessment, reasoningHits } from "./automated-reasoning.js";

export const VENDOR = "aws-bedrock";

/**
 * Bedrock `GuardrailAssessment` (sources.md §1.1), as returned by ApplyGuardrail and inside the
 * guardrail trace of Converse / InvokeModel. Entries with `detected: false` were evaluated and did
 * not match; older responses omit `detected` and list only what matched.
 */
const Entry = { action: z.string(), detected: z.boolean().optional() };
export const GuardrailAssessment = z.looseObject({
  topicPolicy: z.looseObject({ topics: z.array(z.looseObject({ name: z.string(), type: z.string().optional(), ...Entry })).default([]) }).optional(),
  contentPolicy: z
    .looseObject({ filters: z.array(z.looseObject({ type: z.string(), confidence: z.string().optional(), filterStrength: z.string().optional(), ...Entry })).default([]) })
    .optional(),
  wordPolicy: z
    .looseObject({
      customWords: z.array(z.looseObject({ match: z.string().optional(), ...Entry })).default([]),
      managedWordLists: z.array(z.looseObject({ match: z.string().optional(), type: z.string(), ...Entry })).default([]),
    })
    .optional(),
  sensitiveInformationPolicy: z
    .looseObject({
      piiEntities: z.array(z.looseObject({ type: z.string(), match: z.string().optional(), ...Entry })).default([]),
      regexes: z.array(z.looseObject({ name: z.string().optional(), match: z.string().optional(), ...Entry })).default([]),
    })
    .optional(),
  contextualGroundingPolicy: z
    .looseObject({ filters: z.array(z.looseObject({ type: z.string(), threshold: z.number().optional(), score: z.number().optional(), ...Entry })).default([]) })
    .optional(),
  automatedReasoningPolicy: AutomatedReasoningAssessment.optional(),
  appliedGuardrailDetails: z.looseObject({ guardrailId: z.string().optional(), guardrailVersion: z.string().optional() }).optional(),
});
export type GuardrailAssessment = z.infer<typeof GuardrailAssessment>;

export interface AssessmentScope {
  target: FindingTarget;
  /** The judged text, to locate matches in. */
  text: string;
  guardrailId?: string;
  /** The app's stated action (ApplyGuardrail envelopes); Bedrock's own per-entry action otherwise. */
  actionOr?(vendorAction: FindingAction): FindingAction;
}

interface Hit {
  policy: string;
  taxonomyLabel: string;
  label: string;
  action: string;
  detected?: boolean;
  confidence?: string;
  match?: string;
  /** Set where the entry's kind fixes it (Automated Reasoning results); else from `confidence`. */
  severity?: Severity;
  /** A 0..1 confidence the vendor gives for the detection itself. */
  confidenceScore?: number;
}

/** Every entry of an assessment as one flat list, in policy order. */
function hitsOf(assessment: GuardrailAssessment): Hit[] {
  const words = assessment.wordPolicy;
  const sensitive = assessment.sensitiveInformationPolicy;
  return [
    ...(assessment.topicPolicy?.topics ?? []).map((t) => ({ ...t, policy: "topicPolicy", taxonomyLabel: `topicPolicy/${t.type ?? "DENY"}`, label: t.name })),
    ...(assessment.contentPolicy?.filters ?? []).map((f) => ({ ...f, policy: "contentPolicy", taxonomyLabel: `contentPolicy/${f.type}`, label: f.type })),
    ...(words?.customWords ?? []).map((w) => ({ ...w, policy: "wordPolicy", taxonomyLabel: "wordPolicy/customWords", label: "customWord" })),
    ...(words?.managedWordLists ?? []).map((w) => ({ ...w, policy: "wordPolicy", taxonomyLabel: `wordPolicy/${w.type}`, label: w.type })),
    ...(sensitive?.piiEntities ?? []).map((p) => ({ ...p, policy: "sensitiveInformationPolicy", taxonomyLabel: `sensitiveInformationPolicy/${p.type}`, label: p.type })),
    ...(sensitive?.regexes ?? []).map((r) => ({ ...r, policy: "sensitiveInformationPolicy", taxonomyLabel: "sensitiveInformationPolicy/regex", label: r.name ?? "regex" })),
    ...(assessment.contextualGroundingPolicy?.filters ?? []).map((g) => ({ ...g, policy: "contextualGroundingPolicy", taxonomyLabel: `contextualGroundingPolicy/${g.type}`, label: g.type })),
    ...reasoningHits(assessment.automatedReasoningPolicy),
  ];
}

/** The findings of one assessment; matched strings reach evidence masked only. */
export function assessmentFindings(assessment: GuardrailAssessment, scope: AssessmentScope): Finding[] {
  const guardrailId = assessment.appliedGuardrailDetails?.guardrailId ?? scope.guardrailId;
  const version = assessment.appliedGuardrailDetails?.guardrailVersion;
  const policy: Policy | undefined = guardrailId ? { id: guardrailId, ...(version ? { version } : {}) } : undefined;
  return hitsOf(assessment)
    .filter((hit) => hit.detected !== false)
    .map((hit) => {
      const vendorAction = actionOfBedrock(hit.action);
      const evidence: Evidence[] = [matchEvidence(scope.target, scope.text, hit.match)];
      return upstreamFinding({
        vendor: VENDOR,
        taxonomyLabel: hit.taxonomyLabel,
        label: hit.label,
        detector: `bedrock.${hit.policy}`,
        target: scope.target,
        action: scope.actionOr ? scope.actionOr(vendorAction) : vendorAction,
        severity: hit.severity ?? severityOfLevel(hit.confidence),
        ...(hit.confidenceScore !== undefined ? { score: hit.confidenceScore } : {}),
        ...(policy ? { policy } : {}),
        evidence,
      });
    });
}

/** The guardrail intervened but the record does not say which policy: still a finding, never dropped. */
export function interventionFinding(target: FindingTarget, action: FindingAction): Finding {
  return upstreamFinding({ vendor: VENDOR, taxonomyLabel: "guardrail/INTERVENED", label: "GUARDRAIL_INTERVENED", detector: "bedrock.guardrail", target, action });
}
