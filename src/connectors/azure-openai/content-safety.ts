import { z } from "zod";
import type { Finding, Severity } from "../../model/index.js";
import type { VerdictContext } from "../_guardrail/envelope.js";
import { matchEvidence } from "../_guardrail/evidence.js";
import { upstreamFinding } from "../_guardrail/findings.js";
import { VENDOR } from "./filters.js";

/** Azure AI Content Safety `text:analyze` result (sources.md §1.2). */
export const AnalyzeTextResult = z.looseObject({
  categoriesAnalysis: z.array(z.looseObject({ category: z.string().min(1), severity: z.number().int().min(0).max(7).optional() })),
  blocklistsMatch: z
    .array(z.looseObject({ blocklistName: z.string().min(1), blocklistItemId: z.string().optional(), blocklistItemText: z.string().optional() }))
    .optional(),
});
export type AnalyzeTextResult = z.infer<typeof AnalyzeTextResult>;

/** Prompt Shields `text:shieldPrompt` result (sources.md §1.3); documents are positional. */
export const ShieldPromptResult = z
  .looseObject({
    userPromptAnalysis: z.looseObject({ attackDetected: z.boolean() }).optional(),
    documentsAnalysis: z.array(z.looseObject({ attackDetected: z.boolean() })).optional(),
  })
  .refine((result) => result.userPromptAnalysis || result.documentsAnalysis, "expected userPromptAnalysis or documentsAnalysis");
export type ShieldPromptResult = z.infer<typeof ShieldPromptResult>;

/**
 * Content Safety severities: 0–7 (eight levels) or 0/2/4/6 (four levels). Microsoft's bands:
 * 0–1 safe, 2–3 low, 4–5 medium, 6–7 high. A safe band is no finding.
 */
function severityBand(severity: number | undefined): Severity | undefined {
  if (severity === undefined || severity < 2) return undefined;
  if (severity < 4) return "low";
  return severity < 6 ? "medium" : "high";
}

/** Content Safety only detects: the action is `unknown` unless the app states it. */
export function analyzeFindings(result: AnalyzeTextResult, context: VerdictContext): Finding[] {
  const action = context.actionOr(undefined);
  const categories = result.categoriesAnalysis.flatMap((entry) => {
    const severity = severityBand(entry.severity);
    if (!severity) return [];
    return [upstreamFinding({ vendor: VENDOR, taxonomyLabel: `contentSafety/${entry.category}`, label: entry.category, detector: "azure.contentSafety", target: context.target, action, severity })];
  });
  const blocklists = (result.blocklistsMatch ?? []).map((match) =>
    upstreamFinding({
      vendor: VENDOR,
      taxonomyLabel: "contentSafety/blocklist",
      label: match.blocklistName,
      detector: "azure.contentSafety.blocklist",
      target: context.target,
      action,
      policy: { name: match.blocklistName, ...(match.blocklistItemId ? { id: match.blocklistItemId } : {}) },
      evidence: [matchEvidence(context.target, context.text, match.blocklistItemText)],
    }),
  );
  return [...categories, ...blocklists];
}

export function shieldFindings(result: ShieldPromptResult, context: VerdictContext): Finding[] {
  const action = context.actionOr(undefined);
  const shield = (key: "userPrompt" | "documents", label: string) =>
    upstreamFinding({ vendor: VENDOR, taxonomyLabel: `promptShields/${key}`, label, detector: "azure.promptShields", target: "prompt", action });
  const findings = result.userPromptAnalysis?.attackDetected ? [shield("userPrompt", "userPromptAttack")] : [];
  (result.documentsAnalysis ?? []).forEach((document, index) => {
    if (document.attackDetected) findings.push(shield("documents", `documentAttack[${index}]`));
  });
  return findings;
}
