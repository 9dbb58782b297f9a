/**
 * Renders what is derived from the Elastic field contract: the template files shipped in
 * integrations/elastic/templates/ and the field reference docs/fields-ecs.md. `generate.ts`
 * writes them; test/map/ecs checks the committed copies are current.
 */
import { readdirSync, readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import { join } from "node:path";
import { z } from "zod";
import { buildTemplates, loadContract, type FieldContract } from "../../src/map/ecs/index.js";
import { validate } from "../../src/model/index.js";

export const ROOT = join(import.meta.dirname, "..", "..");

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/** File name (under integrations/elastic/templates/) → JSON text, for the default lifecycle. */
export function renderTemplateFiles(contract: FieldContract = loadContract()): Record<string, string> {
  const templates = buildTemplates(contract, { version: packageVersion() });
  const files: Record<string, string> = {};
  for (const component of templates.components) files[`component_template.${component.name}.json`] = json(component.body);
  files[`index_template.${templates.index.name}.json`] = json(templates.index.body);
  return files;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderFieldReference(contract: FieldContract = loadContract()): string {
  const rows = contract.fields.map(
    (f) =>
      `| \`${f.name}\` | ${f.type}${f.array ? "[]" : ""} | ${f.origin}${f.type_override ? ` (ECS: ${f.type_override.ecs})` : ""} | ${f.docs.join(", ")} | ${cell(f.description)} |`,
  );
  return [
    "# Elastic field reference",
    "",
    "<!-- Generated from mappings/ecs/fields.yml by `npx tsx scripts/elastic/generate.ts`; do not edit by hand. -->",
    "",
    `Every field aisiem writes to Elasticsearch (ECS ${contract.ecs_version} with \`gen_ai.*\`, the OTel`,
    "`gen_ai.conversation.id`, Elastic's legacy guardrail fields when `legacyFields` is on, and `aisiem.*`).",
    "Documents: `event` = one per interaction in `logs-aisiem.interaction-<namespace>`; `alert` = one per",
    "finding and per behaviour alert revision in `logs-aisiem.alert-<namespace>`.",
    "",
    "Origins: **ecs** as defined by ECS; **otel** an OpenTelemetry GenAI attribute ECS lacks; **elastic-legacy**",
    "the `aws_bedrock` integration's fields that Elastic's shipped rules query; **aisiem** ours.",
    "",
    "| field | type | origin | documents | meaning |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    "Overrides of ECS types:",
    "",
    ...contract.fields.filter((f) => f.type_override).map((f) => `- \`${f.name}\`: ${f.type} instead of ${f.type_override!.ecs}. ${f.type_override!.why}`),
    "",
  ].join("\n");
}

/** The detection rules (integrations/elastic/rules/*.toml, Elastic's detection-rules format) as parsed TOML. */
export function readRules(): Array<{ file: string; rule: DetectionRule }> {
  const dir = join(ROOT, "integrations", "elastic", "rules");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".toml"))
    .sort()
    .map((file) => ({ file, rule: validate(z.object({ rule: DetectionRule }), parseToml(readFileSync(join(dir, file), "utf8")), `rule ${file}`).rule }));
}

const Threat = z.object({
  framework: z.string(),
  tactic: z.object({ id: z.string(), name: z.string(), reference: z.string() }),
  technique: z.array(z.object({ id: z.string(), name: z.string(), reference: z.string() })).optional(),
});

export const DetectionRule = z.looseObject({
  rule_id: z.string(),
  name: z.string(),
  description: z.string(),
  type: z.string(),
  language: z.string(),
  query: z.string(),
  from: z.string(),
  interval: z.string(),
  risk_score: z.number(),
  severity: z.string(),
  tags: z.array(z.string()),
  author: z.array(z.string()),
  license: z.string(),
  timestamp_override: z.string().optional(),
  threat: z.array(Threat).optional(),
});
export type DetectionRule = z.infer<typeof DetectionRule>;

/** Kibana's rule import format (Security → Rules → Import): one rule per line, disabled until reviewed. */
export function renderRulesNdjson(): string {
  return readRules()
    .map(({ rule }) => JSON.stringify({ ...rule, query: rule.query.trim(), enabled: false, version: 1, max_signals: 100 }))
    .join("\n")
    .concat("\n");
}
