import { z } from "zod";
import { defineGuardrailConnector } from "../_guardrail/envelope.js";
import { upstreamFinding } from "../_guardrail/findings.js";
import { definedStrings } from "../_guardrail/defined.js";

const NAME = "openai-moderation";

/** `POST /v1/moderations` response (sources.md §1.5): one result per input, booleans and 0–1 scores per category. */
const ModerationResult = z.looseObject({
  flagged: z.boolean(),
  categories: z.record(z.string(), z.boolean().nullable()),
  category_scores: z.record(z.string(), z.number().min(0).max(1)).optional(),
});
export const ModerationResponse = z.looseObject({
  id: z.string().min(1),
  model: z.string().optional(),
  results: z.array(ModerationResult).min(1),
});
export type ModerationResponse = z.infer<typeof ModerationResponse>;

/**
 * OpenAI Moderation verdicts pushed by the app with their prompt (or response). Moderation only
 * detects: the action is `unknown` unless the envelope says what the app did.
 */
export const connector = defineGuardrailConnector<ModerationResponse>({
  name: NAME,
  vendor: "OpenAI",
  product: "OpenAI Moderation",
  description: "OpenAI Moderation API results (flagged categories and scores) posted with their prompt context.",
  verdictSchema: ModerationResponse,
  read(verdict, context) {
    const findings = verdict.results.flatMap((result, index) =>
      Object.entries(result.categories)
        .filter(([, hit]) => hit === true)
        .map(([category]) =>
          upstreamFinding({
            vendor: NAME,
            taxonomyLabel: category,
            detector: "openai.moderation",
            target: context.target,
            action: context.actionOr(undefined),
            score: result.category_scores?.[category],
            evidence: [{ target: context.target, ...(verdict.results.length > 1 ? { messageIndex: index } : {}) }],
          }),
        ),
    );
    return { findings, vendorId: verdict.id, labels: definedStrings({ moderationModel: verdict.model }) };
  },
});
