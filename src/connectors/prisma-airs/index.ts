import { z } from "zod";
import type { Evidence, Finding, FindingAction } from "../../model/index.js";
import { defineGuardrailConnector, type VerdictContext } from "../_guardrail/envelope.js";
import { upstreamFinding } from "../_guardrail/findings.js";
import { definedStrings } from "../_guardrail/defined.js";

const NAME = "prisma-airs";

/** Masked data with the spans Prisma replaced: `locations` are `[start, end]` pairs into the text. */
const MaskedData = z.looseObject({
  data: z.string().optional(),
  pattern_detections: z
    .array(z.looseObject({ pattern: z.string().optional(), locations: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).default([]) }))
    .optional(),
});

/** `POST /v1/scan/sync/request` response (sources.md §1.11). */
export const ScanResponse = z.looseObject({
  action: z.enum(["block", "allow"]),
  category: z.enum(["malicious", "benign"]).optional(),
  profile_id: z.string().optional(),
  profile_name: z.string().optional(),
  scan_id: z.string().optional(),
  report_id: z.string().optional(),
  tr_id: z.string().optional(),
  prompt_detected: z.record(z.string(), z.boolean()).optional(),
  response_detected: z.record(z.string(), z.boolean()).optional(),
  prompt_masked_data: MaskedData.optional(),
  response_masked_data: MaskedData.optional(),
});
export type ScanResponse = z.infer<typeof ScanResponse>;

/**
 * Prisma states the action of the AI profile: `block`; `allow` with detections means the profile
 * only alerts (observe-only); masked data means DLP masked the text.
 */
function vendorAction(verdict: ScanResponse, masked: boolean): FindingAction {
  if (verdict.action === "block") return "blocked";
  return masked ? "masked" : "observed";
}

function sideFindings(verdict: ScanResponse, target: "prompt" | "response", context: VerdictContext): Finding[] {
  const detected = (target === "prompt" ? verdict.prompt_detected : verdict.response_detected) ?? {};
  const masking = target === "prompt" ? verdict.prompt_masked_data : verdict.response_masked_data;
  return Object.entries(detected)
    .filter(([, flag]) => flag)
    .map(([key]) => {
      const masked = key === "dlp" && masking !== undefined;
      const evidence: Evidence[] = masked
        ? (masking.pattern_detections ?? []).flatMap((detection) => detection.locations.map(([start, end]) => ({ target, start, end })))
        : [];
      return upstreamFinding({
        vendor: NAME,
        taxonomyLabel: key,
        detector: "prisma.airs",
        target,
        action: context.actionOr(vendorAction(verdict, masked)),
        ...(verdict.profile_id || verdict.profile_name ? { policy: definedStrings({ id: verdict.profile_id, name: verdict.profile_name }) } : {}),
        ...(evidence.length ? { evidence } : {}),
      });
    });
}

/**
 * Palo Alto Prisma AIRS AI Runtime scan results posted with their prompt and response. Prompt
 * and response detections are read separately, so one scan of both gives findings on each side.
 */
export const connector = defineGuardrailConnector<ScanResponse>({
  name: NAME,
  vendor: "Palo Alto Networks",
  product: "Prisma AIRS",
  description: "Prisma AIRS AI Runtime API scan results (action, prompt/response detections, masked data) posted with their prompt context.",
  verdictSchema: ScanResponse,
  read(verdict, context) {
    return {
      findings: [...sideFindings(verdict, "prompt", context), ...sideFindings(verdict, "response", context)],
      vendorId: verdict.scan_id ?? verdict.report_id,
      labels: definedStrings({ transactionId: verdict.tr_id, prismaCategory: verdict.category, prismaReportId: verdict.report_id }),
    };
  },
});
