/**
 * The one vendor taxonomy: every category or label a connector can read from a product, mapped
 * to aisiem's FindingCategory (plus the Llama Guard style HarmCode for harm categories) and to
 * MITRE ATLAS technique ids and OWASP Top 10 for LLM Applications (2025) ids.
 *
 * Keys are `vendor` = the connector's folder name and `label` = the vendor's own spelling. Where a
 * product has several policy kinds, the label is namespaced `kind/LABEL` (`contentPolicy/HATE`);
 * hierarchical vendor labels keep their own `/` (`moderated_content/hate`). A lookup that misses
 * falls back to the parent label (`pii/passport` → `pii`), so a vendor's new sub-label still lands
 * in the right category. Rows for further connectors are appended at the end of VENDOR_TAXONOMY.
 */
import { CATEGORY_FRAMEWORKS, type FindingCategory, type HarmCode } from "../../model/index.js";

export interface TaxonomyEntry {
  vendor: string;
  label: string;
  category: FindingCategory;
  harm?: HarmCode;
  atlas: readonly string[];
  owasp: readonly string[];
}

interface RowOptions {
  harm?: HarmCode;
  atlas?: readonly string[];
  owasp?: readonly string[];
}

/** A row with the category's default ATLAS/OWASP ids unless the row names its own. */
function row(vendor: string, label: string, category: FindingCategory, options: RowOptions = {}): TaxonomyEntry {
  const defaults = CATEGORY_FRAMEWORKS[category];
  return {
    vendor,
    label,
    category,
    ...(options.harm ? { harm: options.harm } : {}),
    atlas: options.atlas ?? defaults.atlas,
    owasp: options.owasp ?? defaults.owasp,
  };
}

/** A harm row: category `harm` with its S-code. */
function harm(vendor: string, label: string, code: HarmCode, options: Omit<RowOptions, "harm"> = {}): TaxonomyEntry {
  return row(vendor, label, "harm", { ...options, harm: code });
}

/** Detectors that do not tell direct injection from jailbreak cover both ATLAS techniques. */
const INJECTION_OR_JAILBREAK = { atlas: ["AML.T0051.000", "AML.T0054"] } as const;
/** Ungrounded or irrelevant answers: OWASP LLM09 Misinformation; ATLAS has no technique for it. */
const MISINFORMATION = { atlas: [], owasp: ["LLM09"] } as const;
/** Code or agent actions that reach downstream systems: LLM05 Improper Output Handling, LLM06 Excessive Agency. */
const UNSAFE_OUTPUT = { atlas: [], owasp: ["LLM05"] } as const;
const EXCESSIVE_AGENCY = { atlas: [], owasp: ["LLM06"] } as const;

const BEDROCK = "aws-bedrock";
const AZURE = "azure-openai";
const LAKERA = "lakera-guard";
const MODEL_ARMOR = "model-armor";
const MODERATION = "openai-moderation";
const LLAMA_GUARD = "llama-guard";
const PRISMA = "prisma-airs";
const CISCO = "cisco-ai-defense";

/** Bedrock `GuardrailPiiEntityType` values (31) by aisiem category. */
const BEDROCK_SECRET_ENTITIES = ["AWS_ACCESS_KEY", "AWS_SECRET_KEY", "PASSWORD", "PIN"];
const BEDROCK_FINANCIAL_ENTITIES = [
  "CREDIT_DEBIT_CARD_CVV",
  "CREDIT_DEBIT_CARD_EXPIRY",
  "CREDIT_DEBIT_CARD_NUMBER",
  "INTERNATIONAL_BANK_ACCOUNT_NUMBER",
  "SWIFT_CODE",
  "US_BANK_ACCOUNT_NUMBER",
  "US_BANK_ROUTING_NUMBER",
];
const BEDROCK_PII_ENTITIES = [
  "ADDRESS",
  "AGE",
  "CA_HEALTH_NUMBER",
  "CA_SOCIAL_INSURANCE_NUMBER",
  "DRIVER_ID",
  "EMAIL",
  "IP_ADDRESS",
  "LICENSE_PLATE",
  "MAC_ADDRESS",
  "NAME",
  "PHONE",
  "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
  "UK_NATIONAL_INSURANCE_NUMBER",
  "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER",
  "URL",
  "USERNAME",
  "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
  "US_PASSPORT_NUMBER",
  "US_SOCIAL_SECURITY_NUMBER",
  "VEHICLE_IDENTIFICATION_NUMBER",
];
/** Google Sensitive Data Protection infoTypes that are credentials or payment data; every other infoType is PII. */
const SDP_SECRET_INFO_TYPES = [
  "AUTH_TOKEN",
  "AWS_CREDENTIALS",
  "AZURE_AUTH_TOKEN",
  "ENCRYPTION_KEY",
  "GCP_API_KEY",
  "GCP_CREDENTIALS",
  "JSON_WEB_TOKEN",
  "OAUTH_CLIENT_SECRET",
  "PASSWORD",
  "XSRF_TOKEN",
];
const SDP_FINANCIAL_INFO_TYPES = ["CREDIT_CARD_NUMBER", "CREDIT_CARD_TRACK_NUMBER", "IBAN_CODE", "SWIFT_CODE", "US_BANK_ROUTING_MICR"];

export const VENDOR_TAXONOMY: readonly TaxonomyEntry[] = [
  // AWS Bedrock Guardrails: GuardrailAssessment policies (sources.md §1.1).
  row(BEDROCK, "contentPolicy/PROMPT_ATTACK", "prompt_injection", INJECTION_OR_JAILBREAK),
  harm(BEDROCK, "contentPolicy/HATE", "S10"),
  row(BEDROCK, "contentPolicy/INSULTS", "toxicity"),
  harm(BEDROCK, "contentPolicy/SEXUAL", "S12"),
  harm(BEDROCK, "contentPolicy/VIOLENCE", "S1"),
  harm(BEDROCK, "contentPolicy/MISCONDUCT", "S2"),
  row(BEDROCK, "topicPolicy/DENY", "denied_topic"),
  row(BEDROCK, "wordPolicy/customWords", "blocklist"),
  row(BEDROCK, "wordPolicy/PROFANITY", "toxicity"),
  ...BEDROCK_SECRET_ENTITIES.map((type) => row(BEDROCK, `sensitiveInformationPolicy/${type}`, "secret")),
  ...BEDROCK_FINANCIAL_ENTITIES.map((type) => row(BEDROCK, `sensitiveInformationPolicy/${type}`, "financial")),
  ...BEDROCK_PII_ENTITIES.map((type) => row(BEDROCK, `sensitiveInformationPolicy/${type}`, "pii")),
  /** Customer regexes live under the sensitive-information policy, so they are data-leak findings. */
  row(BEDROCK, "sensitiveInformationPolicy/regex", "pii"),
  row(BEDROCK, "contextualGroundingPolicy/GROUNDING", "policy", MISINFORMATION),
  row(BEDROCK, "contextualGroundingPolicy/RELEVANCE", "policy", MISINFORMATION),
  /** Automated Reasoning checks: claims that contradict (or are not entailed by) the policy's rules; the parent row covers future result kinds. */
  row(BEDROCK, "automatedReasoningPolicy", "policy", MISINFORMATION),
  /** Results where the check could not judge the text say nothing about the answer: policy events without LLM09. */
  row(BEDROCK, "automatedReasoningPolicy/TRANSLATION_AMBIGUOUS", "policy"),
  row(BEDROCK, "automatedReasoningPolicy/TOO_COMPLEX", "policy"),
  row(BEDROCK, "automatedReasoningPolicy/NO_TRANSLATIONS", "policy"),
  /** The guardrail intervened but the record has no trace of which policy (trace disabled). */
  row(BEDROCK, "guardrail/INTERVENED", "policy"),

  // Azure OpenAI content filter results (§1.4).
  harm(AZURE, "hate", "S10"),
  harm(AZURE, "sexual", "S12"),
  harm(AZURE, "violence", "S1"),
  harm(AZURE, "self_harm", "S11"),
  row(AZURE, "profanity", "toxicity"),
  row(AZURE, "jailbreak", "jailbreak"),
  row(AZURE, "indirect_attack", "indirect_prompt_injection"),
  row(AZURE, "protected_material_text", "protected_material", { harm: "S8" }),
  row(AZURE, "protected_material_code", "protected_material", { harm: "S8" }),
  row(AZURE, "custom_blocklists", "blocklist"),
  row(AZURE, "ungrounded_material", "policy", MISINFORMATION),
  /** Filtered (HTTP 400 `content_filter`, `finish_reason: content_filter`) with no per-category result. */
  row(AZURE, "content_filter", "policy"),
  // Azure AI Content Safety text:analyze (§1.2) and Prompt Shields (§1.3).
  harm(AZURE, "contentSafety/Hate", "S10"),
  harm(AZURE, "contentSafety/SelfHarm", "S11"),
  harm(AZURE, "contentSafety/Sexual", "S12"),
  harm(AZURE, "contentSafety/Violence", "S1"),
  row(AZURE, "contentSafety/blocklist", "blocklist"),
  row(AZURE, "promptShields/userPrompt", "jailbreak"),
  row(AZURE, "promptShields/documents", "indirect_prompt_injection"),

  // Lakera Guard v2 `detector_type` (§1.6).
  row(LAKERA, "prompt_attack", "prompt_injection", INJECTION_OR_JAILBREAK),
  row(LAKERA, "moderated_content", "toxicity"),
  harm(LAKERA, "moderated_content/crime", "S2"),
  harm(LAKERA, "moderated_content/hate", "S10"),
  row(LAKERA, "moderated_content/profanity", "toxicity"),
  harm(LAKERA, "moderated_content/sexual", "S12"),
  harm(LAKERA, "moderated_content/violence", "S1"),
  harm(LAKERA, "moderated_content/weapons", "S9"),
  row(LAKERA, "pii", "pii"),
  row(LAKERA, "pii/credit_card", "financial"),
  row(LAKERA, "pii/iban_code", "financial"),
  row(LAKERA, "unknown_links", "malicious_url"),
  /** `flagged: true` without a breakdown: the project's policy matched, detector not reported. */
  row(LAKERA, "flagged", "policy"),

  // Google Model Armor `filterResults` keys and RAI types (§1.9).
  row(MODEL_ARMOR, "pi_and_jailbreak", "prompt_injection", INJECTION_OR_JAILBREAK),
  harm(MODEL_ARMOR, "rai/sexually_explicit", "S12"),
  harm(MODEL_ARMOR, "rai/hate_speech", "S10"),
  row(MODEL_ARMOR, "rai/harassment", "toxicity"),
  /** Google's "dangerous" is content that facilitates harmful acts; the closest S-code is non-violent crimes. */
  harm(MODEL_ARMOR, "rai/dangerous", "S2"),
  row(MODEL_ARMOR, "sdp", "pii"),
  ...SDP_SECRET_INFO_TYPES.map((type) => row(MODEL_ARMOR, `sdp/${type}`, "secret")),
  ...SDP_FINANCIAL_INFO_TYPES.map((type) => row(MODEL_ARMOR, `sdp/${type}`, "financial")),
  row(MODEL_ARMOR, "malicious_uris", "malicious_url"),
  harm(MODEL_ARMOR, "csam", "S4"),
  row(MODEL_ARMOR, "virus_scan", "other", UNSAFE_OUTPUT),

  // OpenAI Moderation categories (§1.5).
  row(MODERATION, "harassment", "toxicity"),
  row(MODERATION, "harassment/threatening", "toxicity"),
  harm(MODERATION, "hate", "S10"),
  harm(MODERATION, "hate/threatening", "S10"),
  harm(MODERATION, "illicit", "S2"),
  harm(MODERATION, "illicit/violent", "S1"),
  harm(MODERATION, "self-harm", "S11"),
  harm(MODERATION, "self-harm/intent", "S11"),
  harm(MODERATION, "self-harm/instructions", "S11"),
  harm(MODERATION, "sexual", "S12"),
  harm(MODERATION, "sexual/minors", "S4"),
  harm(MODERATION, "violence", "S1"),
  harm(MODERATION, "violence/graphic", "S1"),

  // Meta Llama Guard 3/4 S-codes (§1.12).
  /** `unsafe` with no S-code line. */
  row(LLAMA_GUARD, "unsafe", "harm"),
  harm(LLAMA_GUARD, "S1", "S1"),
  harm(LLAMA_GUARD, "S2", "S2"),
  harm(LLAMA_GUARD, "S3", "S3"),
  harm(LLAMA_GUARD, "S4", "S4"),
  harm(LLAMA_GUARD, "S5", "S5", MISINFORMATION),
  harm(LLAMA_GUARD, "S6", "S6"),
  harm(LLAMA_GUARD, "S7", "S7", { atlas: ["AML.T0057"], owasp: ["LLM02"] }),
  harm(LLAMA_GUARD, "S8", "S8", { owasp: ["LLM02"] }),
  harm(LLAMA_GUARD, "S9", "S9"),
  harm(LLAMA_GUARD, "S10", "S10"),
  harm(LLAMA_GUARD, "S11", "S11"),
  harm(LLAMA_GUARD, "S12", "S12"),
  harm(LLAMA_GUARD, "S13", "S13", MISINFORMATION),
  harm(LLAMA_GUARD, "S14", "S14", { atlas: ["AML.T0048"], owasp: ["LLM05", "LLM06"] }),

  // Palo Alto Prisma AIRS `prompt_detected` / `response_detected` keys (§1.11).
  row(PRISMA, "injection", "prompt_injection", INJECTION_OR_JAILBREAK),
  /** Prisma's DLP profile covers PII, credentials and payment data alike; it does not say which. */
  row(PRISMA, "dlp", "pii"),
  row(PRISMA, "url_cats", "malicious_url"),
  row(PRISMA, "toxic_content", "toxicity"),
  row(PRISMA, "malicious_code", "other", UNSAFE_OUTPUT),
  row(PRISMA, "db_security", "other", UNSAFE_OUTPUT),
  row(PRISMA, "agent", "other", EXCESSIVE_AGENCY),
  row(PRISMA, "topic_violation", "denied_topic"),
  row(PRISMA, "ungrounded", "policy", MISINFORMATION),

  // Cisco AI Defense rule names and, when no rule is given, classifications (§1.10).
  row(CISCO, "Prompt Injection", "prompt_injection", INJECTION_OR_JAILBREAK),
  row(CISCO, "Harassment", "toxicity"),
  harm(CISCO, "Hate Speech", "S10"),
  row(CISCO, "Profanity", "toxicity"),
  harm(CISCO, "Sexual Content & Exploitation", "S12"),
  row(CISCO, "Social Division & Polarization", "toxicity"),
  harm(CISCO, "Violence & Public Safety Threats", "S1"),
  /** Cisco files source code under privacy: leaking the organisation's own code. */
  row(CISCO, "Code Detection", "protected_material", { owasp: ["LLM02"] }),
  row(CISCO, "PII", "pii"),
  row(CISCO, "PCI", "financial"),
  row(CISCO, "PHI", "pii"),
  row(CISCO, "classification/SECURITY_VIOLATION", "prompt_injection", INJECTION_OR_JAILBREAK),
  row(CISCO, "classification/PRIVACY_VIOLATION", "pii"),
  row(CISCO, "classification/SAFETY_VIOLATION", "toxicity"),
  row(CISCO, "classification/RELEVANCE_VIOLATION", "denied_topic"),

  // OpenTelemetry GenAI `gen_ai.guardrail.risk.category` and LiteLLM `violation_categories` are free
  // text from whichever guardrail ran; both connectors lower-case them with `_` for separators (§2.1, §4).
  ...freeTextRiskRows("otel-genai"),
  row("otel-genai", "content_filter", "policy"),
  ...freeTextRiskRows("litellm"),
  // LiteLLM guardrails that report no category: the provider says what kind of check it is.
  row("litellm", "provider/presidio", "pii"),
  row("litellm", "provider/lakera", "prompt_injection", INJECTION_OR_JAILBREAK),
  row("litellm", "provider/lakera_v2", "prompt_injection", INJECTION_OR_JAILBREAK),
  row("litellm", "provider/azure_prompt_shield", "jailbreak"),
  row("litellm", "provider/model_armor", "prompt_injection", INJECTION_OR_JAILBREAK),
  row("litellm", "provider/hide_secrets", "secret"),
  row("litellm", "provider/secret_detection", "secret"),
];

/** Risk categories as guardrails commonly spell them, for connectors that relay any vendor's verdicts. */
function freeTextRiskRows(vendor: string): TaxonomyEntry[] {
  return [
    row(vendor, "prompt_injection", "prompt_injection"),
    row(vendor, "prompt_attack", "prompt_injection", INJECTION_OR_JAILBREAK),
    row(vendor, "indirect_prompt_injection", "indirect_prompt_injection"),
    row(vendor, "indirect_attack", "indirect_prompt_injection"),
    row(vendor, "jailbreak", "jailbreak"),
    row(vendor, "system_prompt_leak", "system_prompt_leak"),
    row(vendor, "pii", "pii"),
    row(vendor, "sensitive_information", "pii"),
    row(vendor, "secret", "secret"),
    row(vendor, "secrets", "secret"),
    row(vendor, "credit_card", "financial"),
    row(vendor, "credit_card_number", "financial"),
    row(vendor, "aws_access_key", "secret"),
    row(vendor, "aws_secret_key", "secret"),
    row(vendor, "password", "secret"),
    row(vendor, "email_address", "pii"),
    row(vendor, "phone_number", "pii"),
    row(vendor, "us_social_security_number", "pii"),
    harm(vendor, "hate", "S10"),
    harm(vendor, "violence", "S1"),
    harm(vendor, "sexual", "S12"),
    harm(vendor, "self_harm", "S11"),
    harm(vendor, "misconduct", "S2"),
    row(vendor, "insults", "toxicity"),
    row(vendor, "harassment", "toxicity"),
    row(vendor, "toxicity", "toxicity"),
    row(vendor, "profanity", "toxicity"),
    row(vendor, "denied_topic", "denied_topic"),
    row(vendor, "blocklist", "blocklist"),
    row(vendor, "malicious_url", "malicious_url"),
  ];
}

let index: Map<string, TaxonomyEntry> | undefined;

function keyOf(vendor: string, label: string): string {
  return `${vendor}\u0000${label}`;
}

/** The row for a vendor label, trying the label and then each parent (`a/b/c` → `a/b` → `a`). */
export function lookupTaxonomy(vendor: string, label: string): TaxonomyEntry | undefined {
  index ??= new Map(VENDOR_TAXONOMY.map((entry) => [keyOf(entry.vendor, entry.label), entry]));
  for (let candidate = label; candidate; candidate = candidate.slice(0, Math.max(candidate.lastIndexOf("/"), 0))) {
    const entry = index.get(keyOf(vendor, candidate));
    if (entry) return entry;
  }
  return undefined;
}

/** What a finding needs from the taxonomy. A label with no row becomes `other`: reported, never dropped. */
export interface Classification {
  category: FindingCategory;
  harm?: HarmCode;
  atlas: string[];
  owasp: string[];
}

export function classifyLabel(vendor: string, label: string): Classification {
  const entry = lookupTaxonomy(vendor, label) ?? row(vendor, label, "other");
  return {
    category: entry.category,
    ...(entry.harm ? { harm: entry.harm } : {}),
    atlas: [...entry.atlas],
    owasp: [...entry.owasp],
  };
}
