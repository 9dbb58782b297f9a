import { z } from "zod";
import type { Severity } from "../../model/index.js";

/**
 * `GuardrailAutomatedReasoningPolicyAssessment` (Bedrock API reference): `findings[]`, each a
 * union with exactly one member set — `valid`, `invalid`, `satisfiable`, `impossible`,
 * `translationAmbiguous`, `tooComplex`, `noTranslations`. The members carry the logical
 * `translation` (premises, claims, `confidence` 0..1) and the rules involved, never an action:
 * Automated Reasoning checks run in detect mode only and leave the decision to the application.
 */
const ReasoningResult = z.looseObject({
  translation: z.looseObject({ confidence: z.number().min(0).max(1).optional() }).optional(),
});
const ReasoningFinding = z
  .record(z.string(), ReasoningResult)
  .refine((finding) => Object.keys(finding).length === 1, "expected exactly one result (valid, invalid, satisfiable, impossible, translationAmbiguous, tooComplex or noTranslations)");

export const AutomatedReasoningAssessment = z.looseObject({ findings: z.array(ReasoningFinding).default([]) });
export type AutomatedReasoningAssessment = z.infer<typeof AutomatedReasoningAssessment>;

/**
 * How much a result matters to an analyst: a claim that contradicts the rules (or rests on
 * contradictory premises) is a likely wrong answer; one that holds only under assumptions is
 * weaker; results where the check could not judge the text are kept for the record.
 */
const SEVERITY_OF_RESULT: Record<string, Severity> = {
  invalid: "medium",
  impossible: "medium",
  satisfiable: "low",
  translationAmbiguous: "info",
  tooComplex: "info",
  noTranslations: "info",
};

export interface ReasoningHit {
  policy: "automatedReasoningPolicy";
  taxonomyLabel: string;
  label: string;
  /** Detect mode only: Bedrock never enforces these, so the per-entry action is always NONE. */
  action: "NONE";
  /** A `valid` result confirms the answer: evaluated, nothing found. */
  detected: boolean;
  severity?: Severity;
  confidenceScore?: number;
}

/** `translationAmbiguous` → `TRANSLATION_AMBIGUOUS`, the spelling of Bedrock's guides and metrics. */
const labelOf = (result: string) => result.replace(/[A-Z]/g, "_$&").toUpperCase();

export function reasoningHits(assessment: AutomatedReasoningAssessment | undefined): ReasoningHit[] {
  return (assessment?.findings ?? []).flatMap((finding) =>
    Object.entries(finding).map(([result, detail]) => {
      const label = labelOf(result);
      const severity = SEVERITY_OF_RESULT[result];
      const confidence = detail.translation?.confidence;
      return {
        policy: "automatedReasoningPolicy" as const,
        taxonomyLabel: `automatedReasoningPolicy/${label}`,
        label,
        action: "NONE" as const,
        detected: result !== "valid",
        ...(severity ? { severity } : {}),
        ...(confidence !== undefined ? { confidenceScore: confidence } : {}),
      };
    }),
  );
}
