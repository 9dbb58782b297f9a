/**
 * aisiem's one finding taxonomy. Every vendor category maps into one of these categories;
 * each category carries its default MITRE ATLAS technique ids and OWASP Top 10 for LLM
 * Applications (2025) ids. Connectors map their native labels here and may add more
 * specific ids on a finding.
 */
import { z } from "zod";

export const FINDING_CATEGORIES = [
  "prompt_injection",
  "indirect_prompt_injection",
  "jailbreak",
  "system_prompt_leak",
  "secret",
  "pii",
  "financial",
  "harm",
  "toxicity",
  "denied_topic",
  "blocklist",
  "protected_material",
  "malicious_url",
  "refusal",
  "policy",
  "other",
] as const;

export const FindingCategory = z.enum(FINDING_CATEGORIES);
export type FindingCategory = z.infer<typeof FindingCategory>;

/**
 * Harm categories in the Llama Guard 3 S1–S14 style (MLCommons hazard taxonomy).
 * Upstream verdicts (Bedrock content filters, Azure severities, OpenAI Moderation, Model Armor
 * RAI, ...) map into these codes; the lexical fallback classifier emits them too.
 */
export const HARM_CODES = {
  S1: "violent_crimes",
  S2: "non_violent_crimes",
  S3: "sex_related_crimes",
  S4: "child_sexual_exploitation",
  S5: "defamation",
  S6: "specialized_advice",
  S7: "privacy",
  S8: "intellectual_property",
  S9: "indiscriminate_weapons",
  S10: "hate",
  S11: "suicide_self_harm",
  S12: "sexual_content",
  S13: "elections",
  S14: "code_interpreter_abuse",
} as const;
export type HarmCode = keyof typeof HARM_CODES;
export const HarmCodeSchema = z.enum(Object.keys(HARM_CODES) as [HarmCode, ...HarmCode[]]);

export interface CategoryFrameworks {
  atlas: readonly string[];
  owasp: readonly string[];
}

/**
 * ATLAS: AML.T0051 LLM Prompt Injection (.000 direct, .001 indirect), AML.T0054 LLM Jailbreak,
 * AML.T0056 LLM Meta Prompt Extraction, AML.T0057 LLM Data Leakage, AML.T0048 External Harms.
 * OWASP LLM 2025: LLM01 Prompt Injection, LLM02 Sensitive Information Disclosure,
 * LLM05 Improper Output Handling, LLM07 System Prompt Leakage, LLM09 Misinformation.
 */
export const CATEGORY_FRAMEWORKS: Record<FindingCategory, CategoryFrameworks> = {
  prompt_injection: { atlas: ["AML.T0051.000"], owasp: ["LLM01"] },
  indirect_prompt_injection: { atlas: ["AML.T0051.001"], owasp: ["LLM01"] },
  jailbreak: { atlas: ["AML.T0054"], owasp: ["LLM01"] },
  system_prompt_leak: { atlas: ["AML.T0056"], owasp: ["LLM07"] },
  secret: { atlas: ["AML.T0057"], owasp: ["LLM02"] },
  pii: { atlas: ["AML.T0057"], owasp: ["LLM02"] },
  financial: { atlas: ["AML.T0057"], owasp: ["LLM02"] },
  harm: { atlas: ["AML.T0048"], owasp: ["LLM05"] },
  toxicity: { atlas: ["AML.T0048"], owasp: ["LLM05"] },
  denied_topic: { atlas: [], owasp: [] },
  blocklist: { atlas: [], owasp: [] },
  protected_material: { atlas: ["AML.T0048"], owasp: ["LLM02"] },
  malicious_url: { atlas: ["AML.T0051.001"], owasp: ["LLM01"] },
  refusal: { atlas: [], owasp: [] },
  policy: { atlas: [], owasp: [] },
  other: { atlas: [], owasp: [] },
};
