import { z } from "zod";
import { evidenceFor, finding } from "../evidence.js";
import { originalAnchors } from "../original-anchors.js";
import { mergeSpans } from "../spans.js";
import type { Classifier, ClassifierInput, SensitiveSpan } from "../types.js";
import { detectPii, PII_RULES } from "./rules.js";

export const PII_LABELS = PII_RULES.map((r) => r.label);

export const PiiConfig = z
  .object({
    enabled: z.boolean().default(true),
    threshold: z.number().min(0).max(1).default(0.5),
    /** Kinds not to report, e.g. `[ip_address]`. */
    exclude: z.array(z.enum(PII_LABELS as [string, ...string[]])).default([]),
  })
  .strict();
export type PiiConfig = z.infer<typeof PiiConfig>;

export function detectPersonalData(text: string, config: PiiConfig): SensitiveSpan[] {
  const rules = config.exclude.length ? PII_RULES.filter((r) => !config.exclude.includes(r.label)) : PII_RULES;
  return mergeSpans(detectPii(text, rules, originalAnchors(text)).filter((s) => s.score >= config.threshold));
}

export function piiClassifier(config: PiiConfig): Classifier {
  return {
    name: "pii",
    roles: ["prompt", "response"],
    classify(input: ClassifierInput) {
      // A value already taken as a secret (a password that looks like a phone number) is reported once.
      const spans = detectPersonalData(input.text, config).filter((s) => !input.sensitive.some((t) => s.start < t.end && t.start < s.end));
      input.sensitive.push(...spans);
      return spans.map((span) =>
        finding(input, {
          detector: "aisiem.pii",
          category: span.category,
          label: span.label,
          score: span.score,
          severity: span.category === "financial" || span.label === "us_ssn" || span.label === "uk_nino" ? "high" : "medium",
          evidence: [evidenceFor(input, span.start, span.end)],
        }),
      );
    },
  };
}
