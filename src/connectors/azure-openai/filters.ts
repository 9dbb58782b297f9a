import { z } from "zod";
import type { Evidence, Finding, FindingAction, FindingTarget, Severity } from "../../model/index.js";
import { upstreamFinding } from "../_guardrail/findings.js";

export const VENDOR = "azure-openai";

/**
 * Azure OpenAI content filter results (sources.md §1.4), as they appear in `prompt_filter_results`,
 * `choices[].content_filter_results` and the 400 error's `innererror.content_filter_result`.
 */
const SeverityResult = z.looseObject({ filtered: z.boolean(), severity: z.enum(["safe", "low", "medium", "high"]).optional() });
const DetectedResult = z.looseObject({ filtered: z.boolean(), detected: z.boolean().optional() });
const CitedResult = DetectedResult.extend({ citation: z.looseObject({ URL: z.string().optional(), license: z.string().optional() }).optional() });
const BlocklistDetail = z.looseObject({ id: z.string(), filtered: z.boolean() });
/** Newer API versions wrap blocklist hits as `{filtered, details[]}`; older ones send the list itself. */
const Blocklists = z.union([z.looseObject({ filtered: z.boolean(), details: z.array(BlocklistDetail).default([]) }), z.array(BlocklistDetail)]);

const HARM_FILTERS = ["hate", "sexual", "violence", "self_harm"] as const;
const DETECTION_FILTERS = ["profanity", "jailbreak", "indirect_attack", "protected_material_text", "protected_material_code", "ungrounded_material"] as const;

export const ContentFilterResults = z.looseObject({
  hate: SeverityResult.optional(),
  sexual: SeverityResult.optional(),
  violence: SeverityResult.optional(),
  self_harm: SeverityResult.optional(),
  profanity: DetectedResult.optional(),
  jailbreak: DetectedResult.optional(),
  indirect_attack: DetectedResult.optional(),
  protected_material_text: DetectedResult.optional(),
  protected_material_code: CitedResult.optional(),
  ungrounded_material: DetectedResult.optional(),
  custom_blocklists: Blocklists.optional(),
});
export type ContentFilterResults = z.infer<typeof ContentFilterResults>;

/** `filtered: true` is Azure blocking the content; a detection it let through was allowed by the filter policy (annotate). */
const actionOf = (filtered: boolean): FindingAction => (filtered ? "blocked" : "allowed");

function finding(filter: string, target: FindingTarget, action: FindingAction, extra: { label?: string; severity?: Severity; evidence?: Evidence[]; policyId?: string } = {}): Finding {
  return upstreamFinding({
    vendor: VENDOR,
    taxonomyLabel: filter,
    label: extra.label ?? filter,
    detector: "azure.contentFilter",
    target,
    action,
    severity: extra.severity,
    ...(extra.policyId ? { policy: { id: extra.policyId } } : {}),
    ...(extra.evidence ? { evidence: extra.evidence } : {}),
  });
}

/** Findings of one content-filter result; `safe`, undetected and unfiltered entries are no finding. */
/** Azure enforces these filters itself, so the action is Azure's (`filtered`), whatever the app says. */
export function contentFilterFindings(results: ContentFilterResults, target: FindingTarget): Finding[] {
  const findings: Finding[] = [];
  for (const filter of HARM_FILTERS) {
    const result = results[filter];
    if (result && (result.filtered || (result.severity && result.severity !== "safe"))) {
      const severity = result.severity && result.severity !== "safe" ? result.severity : undefined;
      findings.push(finding(filter, target, actionOf(result.filtered), { severity }));
    }
  }
  for (const filter of DETECTION_FILTERS) {
    const result = results[filter];
    if (!result || !(result.detected || result.filtered)) continue;
    const citation = filter === "protected_material_code" ? results.protected_material_code?.citation : undefined;
    const snippet = [citation?.license, citation?.URL].filter(Boolean).join(" ");
    findings.push(finding(filter, target, actionOf(result.filtered), snippet ? { evidence: [{ target, snippet }] } : {}));
  }
  const blocklists = results.custom_blocklists;
  const details = Array.isArray(blocklists) ? blocklists : (blocklists?.details ?? []);
  for (const detail of details) {
    findings.push(finding("custom_blocklists", target, actionOf(detail.filtered), { label: detail.id, policyId: detail.id }));
  }
  if (!details.length && blocklists && !Array.isArray(blocklists) && blocklists.filtered) {
    findings.push(finding("custom_blocklists", target, "blocked"));
  }
  return findings;
}
