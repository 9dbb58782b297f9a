import { z } from "zod";
import type { Finding, Severity } from "../../model/index.js";
import { defineGuardrailConnector, type VerdictContext } from "../_guardrail/envelope.js";
import { matchEvidence } from "../_guardrail/evidence.js";
import { upstreamFinding } from "../_guardrail/findings.js";
import { definedStrings } from "../_guardrail/defined.js";

const NAME = "model-armor";

/**
 * `sanitizeUserPrompt` / `sanitizeModelResponse` response (sources.md §1.9). `filterResults` is a
 * map keyed by filter (`rai`, `sdp`, `pi_and_jailbreak`, `malicious_uris`, `csam`, `virus_scan`),
 * each wrapping one typed result.
 */
const MatchState = z.enum(["MATCH_FOUND", "NO_MATCH_FOUND", "MATCH_STATE_UNSPECIFIED"]);
const Matched = z.looseObject({ matchState: MatchState.optional(), confidenceLevel: z.string().optional() });
const FilterResult = z.looseObject({
  raiFilterResult: z.looseObject({ matchState: MatchState.optional(), raiFilterTypeResults: z.record(z.string(), Matched).optional() }).optional(),
  sdpFilterResult: z
    .looseObject({
      inspectResult: z.looseObject({ matchState: MatchState.optional(), findings: z.array(z.looseObject({ infoType: z.string(), likelihood: z.string().optional() })).optional() }).optional(),
      deidentifyResult: z.looseObject({ matchState: MatchState.optional(), infoTypes: z.array(z.string()).optional() }).optional(),
    })
    .optional(),
  piAndJailbreakFilterResult: Matched.optional(),
  maliciousUriFilterResult: Matched.extend({ maliciousUriMatchedItems: z.array(z.looseObject({ uri: z.string().optional() })).optional() }).optional(),
  csamFilterFilterResult: Matched.optional(),
  virusScanFilterResult: Matched.optional(),
});
export const SanitizeResponse = z.looseObject({
  sanitizationResult: z.looseObject({
    filterMatchState: MatchState,
    invocationResult: z.enum(["SUCCESS", "PARTIAL", "FAILURE", "INVOCATION_RESULT_UNSPECIFIED"]).optional(),
    filterResults: z.record(z.string(), FilterResult).default({}),
    sanitizationMetadata: z.looseObject({ errorCode: z.union([z.string(), z.number()]).optional(), errorMessage: z.string().optional() }).optional(),
  }),
});
export type SanitizeResponse = z.infer<typeof SanitizeResponse>;
type FilterResult = z.infer<typeof FilterResult>;

/** Model Armor's confidence thresholds (`LOW_AND_ABOVE`, `MEDIUM_AND_ABOVE`, `HIGH`). */
function severityOfConfidence(level: string | undefined): Severity | undefined {
  if (level?.startsWith("HIGH")) return "high";
  if (level?.startsWith("MEDIUM")) return "medium";
  if (level?.startsWith("LOW")) return "low";
  return undefined;
}

const hit = (state: string | undefined) => state === "MATCH_FOUND";

/** The (taxonomy label, severity, evidence matches) hits of one filter result. */
function hitsOf(key: string, result: FilterResult): { label: string; severity?: Severity; matches?: string[] }[] {
  const rai = result.raiFilterResult;
  if (rai) {
    const types = Object.entries(rai.raiFilterTypeResults ?? {}).filter(([, type]) => hit(type.matchState));
    if (types.length) return types.map(([type, value]) => ({ label: `rai/${type}`, severity: severityOfConfidence(value.confidenceLevel) }));
    return hit(rai.matchState) ? [{ label: "rai" }] : [];
  }
  const sdp = result.sdpFilterResult;
  if (sdp) {
    const inspected = hit(sdp.inspectResult?.matchState) ? (sdp.inspectResult?.findings ?? []).map((finding) => finding.infoType) : [];
    const deidentified = hit(sdp.deidentifyResult?.matchState) ? (sdp.deidentifyResult?.infoTypes ?? []) : [];
    const infoTypes = [...new Set([...inspected, ...deidentified])];
    if (infoTypes.length) return infoTypes.map((type) => ({ label: `sdp/${type}` }));
    return hit(sdp.inspectResult?.matchState) || hit(sdp.deidentifyResult?.matchState) ? [{ label: "sdp" }] : [];
  }
  const uri = result.maliciousUriFilterResult;
  if (uri) return hit(uri.matchState) ? [{ label: key, matches: (uri.maliciousUriMatchedItems ?? []).flatMap((item) => (item.uri ? [item.uri] : [])) }] : [];
  const single = result.piAndJailbreakFilterResult ?? result.csamFilterFilterResult ?? result.virusScanFilterResult ?? firstMatched(result);
  return single && hit(single.matchState) ? [{ label: key, severity: severityOfConfidence(single.confidenceLevel) }] : [];
}

/** A filter Model Armor adds later still reports: the first nested result with a match state. */
function firstMatched(result: FilterResult): z.infer<typeof Matched> | undefined {
  for (const value of Object.values(result)) {
    const parsed = Matched.safeParse(value);
    if (parsed.success && parsed.data.matchState) return parsed.data;
  }
  return undefined;
}

function findingsOf(verdict: SanitizeResponse, context: VerdictContext): Finding[] {
  return Object.entries(verdict.sanitizationResult.filterResults).flatMap(([key, result]) =>
    hitsOf(key, result).map((found) =>
      upstreamFinding({
        vendor: NAME,
        taxonomyLabel: found.label,
        label: found.label.split("/").at(-1),
        detector: `modelarmor.${key}`,
        target: context.target,
        action: context.actionOr(undefined),
        severity: found.severity,
        ...(found.matches?.length ? { evidence: found.matches.map((match) => matchEvidence(context.target, context.text, match)) } : {}),
      }),
    ),
  );
}

/**
 * Google Cloud Model Armor sanitize results posted with their prompt or model response. Model
 * Armor reports matches; enforcement is the caller's, so the action is `unknown` unless the
 * envelope states it.
 */
export const connector = defineGuardrailConnector<SanitizeResponse>({
  name: NAME,
  vendor: "Google Cloud",
  product: "Model Armor",
  description: "Google Cloud Model Armor sanitizeUserPrompt / sanitizeModelResponse results posted with their prompt context.",
  verdictSchema: SanitizeResponse,
  read(verdict, context) {
    const { invocationResult, sanitizationMetadata } = verdict.sanitizationResult;
    const code = sanitizationMetadata?.errorCode;
    return {
      findings: findingsOf(verdict, context),
      ...(code !== undefined || sanitizationMetadata?.errorMessage
        ? { error: { ...(code !== undefined ? { code: String(code) } : {}), ...(sanitizationMetadata?.errorMessage ? { message: sanitizationMetadata.errorMessage } : {}) } }
        : {}),
      labels: definedStrings({ invocationResult }),
    };
  },
});
