import { makeFinding, type Evidence, type Finding, type FindingAction, type FindingCategory, type FindingTarget, type Policy, type Severity } from "../../model/index.js";
import { classifyLabel } from "../_taxonomy/index.js";

/**
 * How bad a detection is when the vendor gives no level: attacks and leaked credentials are
 * high, personal data and abuse medium, topic, word and policy hits low.
 */
const DEFAULT_SEVERITY: Record<FindingCategory, Severity> = {
  prompt_injection: "high",
  indirect_prompt_injection: "high",
  jailbreak: "high",
  system_prompt_leak: "high",
  secret: "high",
  pii: "medium",
  financial: "medium",
  harm: "high",
  toxicity: "medium",
  denied_topic: "low",
  blocklist: "low",
  protected_material: "medium",
  malicious_url: "high",
  refusal: "info",
  policy: "low",
  other: "medium",
};

export interface UpstreamFindingInput {
  /** Connector name: the taxonomy's vendor key. */
  vendor: string;
  /** The taxonomy key (`contentPolicy/HATE`); the finding's label is `label` when given, else this. */
  taxonomyLabel: string;
  label?: string;
  detector: string;
  target: FindingTarget;
  action: FindingAction;
  severity?: Severity;
  score?: number;
  policy?: Policy;
  evidence?: Evidence[];
}

/** A finding as the product reported it, classified through the vendor taxonomy. */
export function upstreamFinding(input: UpstreamFindingInput): Finding {
  const classification = classifyLabel(input.vendor, input.taxonomyLabel);
  return makeFinding({
    origin: "upstream",
    detector: input.detector,
    category: classification.category,
    label: input.label ?? input.taxonomyLabel,
    ...(classification.harm ? { harm: classification.harm } : {}),
    target: input.target,
    ...(input.score !== undefined ? { score: input.score } : {}),
    severity: input.severity ?? DEFAULT_SEVERITY[classification.category],
    action: input.action,
    ...(input.policy ? { policy: input.policy } : {}),
    evidence: input.evidence ?? [{ target: input.target }],
    atlas: classification.atlas,
    owasp: classification.owasp,
  });
}

/** `LOW | MEDIUM | HIGH` style levels as vendors spell them (Bedrock confidence, Cisco severity, Azure severity). */
export function severityOfLevel(level: string | undefined): Severity | undefined {
  switch (level?.toUpperCase()) {
    case "LOW":
      return "low";
    case "MEDIUM":
      return "medium";
    case "HIGH":
      return "high";
    default:
      return undefined;
  }
}
