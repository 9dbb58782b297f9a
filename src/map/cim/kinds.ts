import type { FindingCategory } from "../../model/index.js";

/**
 * One Splunk sourcetype per record kind, each feeding one CIM data model (or RBA for `risk`).
 * The contract is `mappings/cim/sourcetypes.json`; a test keeps these constants in step with it.
 */
export const SOURCETYPES = {
  interaction: "aisiem:interaction",
  alert: "aisiem:alert",
  attack: "aisiem:attack",
  dlp: "aisiem:dlp",
  risk: "aisiem:risk",
} as const;
export type RecordKind = keyof typeof SOURCETYPES;
export type FindingKind = "alert" | "attack" | "dlp";

/**
 * Which data model a finding lands in: attacks on the AI application go to
 * Intrusion_Detection (Application_IDS_Attacks), sensitive data to DLP, everything else to Alerts
 * (reference splunk.md §3.2).
 */
export const CATEGORY_KIND: Record<FindingCategory, FindingKind> = {
  prompt_injection: "attack",
  indirect_prompt_injection: "attack",
  jailbreak: "attack",
  system_prompt_leak: "attack",
  malicious_url: "attack",
  secret: "dlp",
  pii: "dlp",
  financial: "dlp",
  harm: "alert",
  toxicity: "alert",
  denied_topic: "alert",
  blocklist: "alert",
  protected_material: "alert",
  refusal: "alert",
  policy: "alert",
  other: "alert",
};
