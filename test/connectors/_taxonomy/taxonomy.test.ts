import { readdirSync } from "node:fs";
import { classifyLabel, lookupTaxonomy, VENDOR_TAXONOMY } from "../../../src/connectors/_taxonomy/index.js";
import { loadConnector } from "../../../src/connectors/registry.js";
import { FINDING_CATEGORIES } from "../../../src/model/index.js";
import { fixtureRecords, interactionsOf, parseAll } from "../_guardrail/golden.js";

/**
 * The labels each vendor documents, written here from the vendor references (sources.md §1.1–1.12)
 * rather than taken from the code, so a label the table lacks fails this test.
 */
const DOCUMENTED: Record<string, string[]> = {
  "aws-bedrock": [
    ...["SEXUAL", "VIOLENCE", "HATE", "INSULTS", "MISCONDUCT", "PROMPT_ATTACK"].map((t) => `contentPolicy/${t}`),
    "topicPolicy/DENY",
    "wordPolicy/customWords",
    "wordPolicy/PROFANITY",
    ...[
      "ADDRESS", "AGE", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "CA_HEALTH_NUMBER", "CA_SOCIAL_INSURANCE_NUMBER", "CREDIT_DEBIT_CARD_CVV",
      "CREDIT_DEBIT_CARD_EXPIRY", "CREDIT_DEBIT_CARD_NUMBER", "DRIVER_ID", "EMAIL", "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "IP_ADDRESS",
      "LICENSE_PLATE", "MAC_ADDRESS", "NAME", "PASSWORD", "PHONE", "PIN", "SWIFT_CODE", "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
      "UK_NATIONAL_INSURANCE_NUMBER", "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER", "URL", "USERNAME", "US_BANK_ACCOUNT_NUMBER",
      "US_BANK_ROUTING_NUMBER", "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "US_PASSPORT_NUMBER", "US_SOCIAL_SECURITY_NUMBER",
      "VEHICLE_IDENTIFICATION_NUMBER",
    ].map((t) => `sensitiveInformationPolicy/${t}`),
    "sensitiveInformationPolicy/regex",
    "contextualGroundingPolicy/GROUNDING",
    "contextualGroundingPolicy/RELEVANCE",
    ...["VALID", "INVALID", "SATISFIABLE", "IMPOSSIBLE", "TRANSLATION_AMBIGUOUS", "TOO_COMPLEX", "NO_TRANSLATIONS"].map((r) => `automatedReasoningPolicy/${r}`),
    "guardrail/INTERVENED",
  ],
  "azure-openai": [
    ...["hate", "sexual", "violence", "self_harm", "profanity", "jailbreak", "indirect_attack", "protected_material_text", "protected_material_code"],
    ...["custom_blocklists", "ungrounded_material", "content_filter"],
    ...["Hate", "SelfHarm", "Sexual", "Violence", "blocklist"].map((c) => `contentSafety/${c}`),
    "promptShields/userPrompt",
    "promptShields/documents",
  ],
  "lakera-guard": [
    "prompt_attack", "unknown_links", "flagged",
    ...["crime", "hate", "profanity", "sexual", "violence", "weapons"].map((t) => `moderated_content/${t}`),
    ...["address", "credit_card", "email", "iban_code", "ip_address", "name", "phone_number", "us_social_security_number"].map((t) => `pii/${t}`),
  ],
  "model-armor": [
    "pi_and_jailbreak", "malicious_uris", "csam", "virus_scan", "sdp", "sdp/EMAIL_ADDRESS", "sdp/CREDIT_CARD_NUMBER",
    ...["sexually_explicit", "hate_speech", "harassment", "dangerous"].map((t) => `rai/${t}`),
  ],
  "openai-moderation": [
    "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent", "self-harm", "self-harm/intent",
    "self-harm/instructions", "sexual", "sexual/minors", "violence", "violence/graphic",
  ],
  "llama-guard": ["unsafe", ...Array.from({ length: 14 }, (_, i) => `S${i + 1}`)],
  "prisma-airs": ["injection", "dlp", "url_cats", "toxic_content", "malicious_code", "db_security", "agent", "topic_violation", "ungrounded"],
  "cisco-ai-defense": [
    "Code Detection", "Harassment", "Hate Speech", "PCI", "PHI", "PII", "Prompt Injection", "Profanity", "Sexual Content & Exploitation",
    "Social Division & Polarization", "Violence & Public Safety Threats",
    ...["SECURITY_VIOLATION", "PRIVACY_VIOLATION", "SAFETY_VIOLATION", "RELEVANCE_VIOLATION"].map((c) => `classification/${c}`),
  ],
};

/** Detections with no aisiem category of their own; the table maps them to `other` on purpose. */
const DELIBERATELY_OTHER = new Set(["prisma-airs\u0000malicious_code", "prisma-airs\u0000db_security", "prisma-airs\u0000agent", "model-armor\u0000virus_scan"]);

describe("vendor taxonomy", () => {
  it.each(Object.entries(DOCUMENTED))("has a row for every label %s documents", (vendor, labels) => {
    const missing = labels.filter((label) => !lookupTaxonomy(vendor, label));
    expect(missing).toEqual([]);
  });

  it("gives every row a known category, well-formed ATLAS and OWASP ids, and a harm code only on harm rows", () => {
    for (const row of VENDOR_TAXONOMY) {
      const where = `${row.vendor} ${row.label}`;
      expect([where, FINDING_CATEGORIES.includes(row.category)]).toEqual([where, true]);
      for (const id of row.atlas) expect([where, id]).toEqual([where, expect.stringMatching(/^AML\.T\d{4}(\.\d{3})?$/)]);
      for (const id of row.owasp) expect([where, id]).toEqual([where, expect.stringMatching(/^LLM(0[1-9]|10)$/)]);
      if (row.harm) expect([where, ["harm", "protected_material"].includes(row.category)]).toEqual([where, true]);
      if (row.category !== "other" || DELIBERATELY_OTHER.has(`${row.vendor}\u0000${row.label}`)) continue;
      throw new Error(`${where} maps to "other" without being listed as deliberate`);
    }
  });

  it("has no two rows for one vendor label", () => {
    const keys = VENDOR_TAXONOMY.map((row) => `${row.vendor}\u0000${row.label}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it("falls back to the parent label, and to `other` for a label it does not know", () => {
    expect(classifyLabel("lakera-guard", "pii/passport").category).toBe("pii");
    expect(classifyLabel("lakera-guard", "pii/credit_card").category).toBe("financial");
    expect(classifyLabel("model-armor", "sdp/GCP_CREDENTIALS").category).toBe("secret");
    expect(classifyLabel("aws-bedrock", "contentPolicy/NEW_FILTER")).toEqual({ category: "other", atlas: [], owasp: [] });
  });

  it("classifies every finding of every fixture through a row of the table", async () => {
    const connectors = Object.keys(DOCUMENTED);
    let findings = 0;
    for (const name of connectors) {
      const connector = await loadConnector(name);
      const files = readdirSync(`test/fixtures/${name}`).filter((f) => /\.(nd)?json$/.test(f) && !f.includes("golden") && !f.includes("malformed"));
      for (const file of files) {
        for (const interaction of interactionsOf(parseAll(connector, fixtureRecords(name, file)))) {
          for (const finding of interaction.findings) {
            findings += 1;
            if (finding.category === "other") expect([name, finding.label, DELIBERATELY_OTHER.has(`${name}\u0000${finding.label}`)]).toEqual([name, finding.label, true]);
          }
        }
      }
    }
    expect(findings).toBeGreaterThan(40);
  });
});
