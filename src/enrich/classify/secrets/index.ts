import "./quiet-profiler.js";
import { lintSource } from "@secretlint/core";
import { creator as recommendedPreset } from "@secretlint/secretlint-rule-preset-recommend";
import { z } from "zod";
import { AnchorScanner } from "../anchored.js";
import { evidenceFor, finding } from "../evidence.js";
import { originalAnchors } from "../original-anchors.js";
import { mergeSpans } from "../spans.js";
import type { Classifier, ClassifierInput, SensitiveSpan } from "../types.js";
import { matchSecretRules } from "./rules.js";
import { SECRETLINT_LITERALS } from "./secretlint-anchors.js";

export const SecretsConfig = z
  .object({
    enabled: z.boolean().default(true),
    /** Findings below this score are not reported. */
    threshold: z.number().min(0).max(1).default(0.5),
    /** Run secretlint's recommended preset besides aisiem's own rules. */
    secretlint: z.boolean().default(true),
  })
  .strict();
export type SecretsConfig = z.infer<typeof SecretsConfig>;

const SECRETLINT_CONFIG = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommendedPreset }] };
/** secretlint's own rules are provider-specific: high confidence. */
const SECRETLINT_SCORE = 0.95;

/** `AWSSecretAccessKey` or `GITHUB_TOKEN` → `aws_secret_access_key`, `github_token`. */
export function snakeCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toLowerCase();
}

/**
 * secretlint runs on the string in memory; its messages carry the secret, so only ranges and ids are kept.
 * `present`: the anchors found in `text` by a scanner that knows SECRETLINT_ANCHORS.
 */
async function secretlintSpans(text: string, present: ReadonlySet<string>): Promise<SensitiveSpan[]> {
  if (!AnchorScanner.any(present, SECRETLINT_LITERALS, true)) return [];
  const result = await lintSource({
    source: { filePath: "/aisiem/text.txt", content: text, contentType: "text", ext: ".txt" },
    options: { config: SECRETLINT_CONFIG, maskSecrets: true, noPhysicFilePath: true },
  });
  return result.messages.map((m) => ({ start: m.range[0], end: m.range[1], category: "secret", label: snakeCase(m.messageId), score: SECRETLINT_SCORE }));
}

export async function detectSecrets(text: string, config: SecretsConfig): Promise<SensitiveSpan[]> {
  const present = originalAnchors(text);
  const spans: SensitiveSpan[] = matchSecretRules(text, present).map((m) => ({ ...m, category: "secret" }));
  if (config.secretlint) spans.push(...(await secretlintSpans(text, present)));
  return mergeSpans(spans.filter((s) => s.score >= config.threshold));
}

export function secretsClassifier(config: SecretsConfig): Classifier {
  return {
    name: "secrets",
    roles: ["prompt", "response"],
    async classify(input: ClassifierInput) {
      const spans = await detectSecrets(input.text, config);
      input.sensitive.push(...spans);
      return spans.map((span) =>
        finding(input, {
          detector: "aisiem.secrets",
          category: "secret",
          label: span.label,
          score: span.score,
          severity: span.label === "private_key" ? "critical" : "high",
          evidence: [evidenceFor(input, span.start, span.end)],
        }),
      );
    },
  };
}
