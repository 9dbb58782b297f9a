import { lintSource } from "@secretlint/core";
import { creator as recommendedPreset } from "@secretlint/secretlint-rule-preset-recommend";
import { z } from "zod";
import { AnchorScanner } from "../anchored.js";
import { evidenceFor, finding } from "../evidence.js";
import { mergeSpans } from "../spans.js";
import type { Classifier, ClassifierInput, SensitiveSpan } from "../types.js";
import { matchSecretRules } from "./rules.js";

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
 * For each rule of the recommended preset (v11), literals of which every report contains one: the
 * fixed prefix or key name its patterns require. A lint call costs far more than a scan for these,
 * and most texts hold none, so secretlint runs only when one occurs. The GCP rule reads `.json`
 * and `.p12` files only and never runs on our `.txt` source; the comment filter reports nothing.
 * A test checks that this table names every rule of the installed preset.
 */
export const SECRETLINT_ANCHORS: Readonly<Record<string, readonly string[]>> = {
  "@secretlint/secretlint-rule-aws": ["secret"],
  "@secretlint/secretlint-rule-gcp": [],
  "@secretlint/secretlint-rule-npm": ["x-oauth-basic", "_authToken=", "npm_"],
  "@secretlint/secretlint-rule-slack": ["xox", "xapp-", "hooks.slack.com"],
  "@secretlint/secretlint-rule-basicauth": ["://"],
  "@secretlint/secretlint-rule-openai": ["T3BlbkFJ"],
  "@secretlint/secretlint-rule-anthropic": ["sk-ant-api0"],
  "@secretlint/secretlint-rule-linear": ["lin_api_"],
  "@secretlint/secretlint-rule-privatekey": ["PRIVATE KEY"],
  "@secretlint/secretlint-rule-sendgrid": ["SG."],
  "@secretlint/secretlint-rule-shopify": ["shppa_", "shpca_", "shpat_", "shpss_"],
  "@secretlint/secretlint-rule-github": ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
  "@secretlint/secretlint-rule-1password": ["ops_ey"],
  "@secretlint/secretlint-rule-database-connection-string": ["mongodb", "mysql", "postgres"],
  "@secretlint/secretlint-rule-filter-comments": [],
};
const SECRETLINT_SCANNER = new AnchorScanner(Object.values(SECRETLINT_ANCHORS).flat(), true);

/** secretlint runs on the string in memory; its messages carry the secret, so only ranges and ids are kept. */
async function secretlintSpans(text: string): Promise<SensitiveSpan[]> {
  if (SECRETLINT_SCANNER.scan(text).size === 0) return [];
  const result = await lintSource({
    source: { filePath: "/aisiem/text.txt", content: text, contentType: "text", ext: ".txt" },
    options: { config: SECRETLINT_CONFIG, maskSecrets: true, noPhysicFilePath: true },
  });
  return result.messages.map((m) => ({ start: m.range[0], end: m.range[1], category: "secret", label: snakeCase(m.messageId), score: SECRETLINT_SCORE }));
}

export async function detectSecrets(text: string, config: SecretsConfig): Promise<SensitiveSpan[]> {
  const spans: SensitiveSpan[] = matchSecretRules(text).map((m) => ({ ...m, category: "secret" }));
  if (config.secretlint) spans.push(...(await secretlintSpans(text)));
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
