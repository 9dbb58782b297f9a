/** Renders docs/fields-cim.md, the Splunk field reference, from mappings/cim/sourcetypes.json. */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const FIELD_REFERENCE = join(ROOT, "docs", "fields-cim.md");

interface Contract {
  cimVersion: string;
  index: string;
  indexedFields: Record<string, string>;
  namespaces: Record<string, string>;
  rbaFields: Record<string, string>;
  sourcetypes: Record<string, { description: string; eventtype: string; model: string | null; dataset: string | null; tags: string[]; condition?: string; categories?: string[]; fields: Record<string, { via: string; expr?: string; from: string }> }>;
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function renderFieldReference(): string {
  const contract = JSON.parse(readFileSync(join(ROOT, "mappings", "cim", "sourcetypes.json"), "utf8")) as Contract;
  const out: string[] = [
    "# Splunk field reference (CIM)",
    "",
    "<!-- Generated from mappings/cim/sourcetypes.json by `npm run build:splunk-app`; a test keeps it in step. -->",
    "",
    `aisiem sends one event per record kind to index \`${contract.index}\`, each with its own sourcetype. CIM fields (checked against CIM ${contract.cimVersion}) sit at the top level of the JSON event; the full AI context is nested under the namespaces below. \`via\`: *event* = sent by aisiem, *eval* / *alias* = computed at search time by TA-aisiem's props.conf.`,
    "",
    "| namespace | holds |",
    "|---|---|",
    ...Object.entries(contract.namespaces).map(([n, d]) => `| \`${n}.*\` | ${cell(d)} |`),
    "",
    "Indexed fields (HEC `fields`, declared in fields.conf):",
    "",
    ...Object.entries(contract.indexedFields).map(([n, d]) => `- \`${n}\`: ${d}`),
    "",
    "Risk-based alerting hints on alert, attack, DLP and risk events (interaction events carry `risk_score` only):",
    "",
    ...Object.entries(contract.rbaFields).map(([n, d]) => `- \`${n}\`: ${d}`),
  ];
  for (const [sourcetype, spec] of Object.entries(contract.sourcetypes)) {
    out.push("", `## \`${sourcetype}\``, "", spec.description, "");
    out.push(`- Data model: ${spec.model ? `${spec.model} → ${spec.dataset} (tags ${spec.tags.map((t) => `\`${t}\``).join(", ")})` : "none (risk events for RBA)"}`);
    out.push(`- Eventtype: \`${spec.eventtype}\``);
    if (spec.categories) out.push(`- Finding categories: ${spec.categories.map((c) => `\`${c}\``).join(", ")}`);
    if (spec.condition) out.push(`- ${spec.condition}`);
    out.push("", "| field | via | value |", "|---|---|---|");
    for (const [name, field] of Object.entries(spec.fields)) out.push(`| \`${name}\` | ${field.via}${field.expr ? ` \`${cell(field.expr)}\`` : ""} | ${cell(field.from)} |`);
  }
  return out.join("\n") + "\n";
}

export function writeFieldReference(): string {
  writeFileSync(FIELD_REFERENCE, renderFieldReference());
  return FIELD_REFERENCE;
}
