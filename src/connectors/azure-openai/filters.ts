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

const SEVERITY_ORDER = ["safe", "low", "medium", "high"] as const;
type SeverityResult = z.infer<typeof SeverityResult>;
type DetectedResult = z.infer<typeof CitedResult>;
type BlocklistDetail = z.infer<typeof BlocklistDetail>;

function worseSeverity(a: SeverityResult | undefined, b: SeverityResult): SeverityResult {
  if (!a) return b;
  const rank = (r: SeverityResult) => (r.severity ? SEVERITY_ORDER.indexOf(r.severity) : -1);
  return { ...a, ...b, filtered: a.filtered || b.filtered, ...(rank(a) > rank(b) ? { severity: a.severity } : {}) };
}

function eitherDetected(a: DetectedResult | undefined, b: DetectedResult): DetectedResult {
  if (!a) return b;
  const detected = Boolean(a.detected || b.detected);
  return { ...a, ...b, filtered: a.filtered || b.filtered, detected, ...(a.citation || b.citation ? { citation: b.citation ?? a.citation } : {}) };
}

function blocklistUnion(a: ContentFilterResults["custom_blocklists"], b: NonNullable<ContentFilterResults["custom_blocklists"]>): ContentFilterResults["custom_blocklists"] {
  const details = new Map<string, BlocklistDetail>();
  let filtered = false;
  for (const lists of [a, b]) {
    if (!lists) continue;
    filtered ||= !Array.isArray(lists) && lists.filtered;
    for (const detail of Array.isArray(lists) ? lists : lists.details) details.set(detail.id, { ...detail, filtered: detail.filtered || Boolean(details.get(detail.id)?.filtered) });
  }
  return { filtered: filtered || [...details.values()].some((d) => d.filtered), details: [...details.values()] };
}

/**
 * Two results for the same content (chunks of one stream) as one: per category the worst
 * severity, detected if either detected, and filtered — Azure blocked it — if either was filtered.
 */
export function mergeFilterResults(a: ContentFilterResults | undefined, b: ContentFilterResults): ContentFilterResults {
  if (!a) return b;
  const merged: ContentFilterResults = { ...a, ...b };
  for (const filter of HARM_FILTERS) {
    const next = b[filter];
    if (next) merged[filter] = worseSeverity(a[filter], next);
  }
  for (const filter of DETECTION_FILTERS) {
    const next = b[filter];
    if (next) merged[filter] = eitherDetected(a[filter], next);
  }
  if (b.custom_blocklists) merged.custom_blocklists = blocklistUnion(a.custom_blocklists, b.custom_blocklists);
  return merged;
}

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
