/**
 * The Elasticsearch templates for aisiem's data streams, derived from the field contract:
 * two component templates (settings, mappings) and one composable index template for
 * `logs-aisiem.*-*` (reference note elastic.md §4: priority above 500, no `@` in our names,
 * Elastic's `logs@*`/`ecs@mappings` composed when present, `_meta` carrying our version).
 */
import { createHash } from "node:crypto";
import type { FieldContract, FieldSpec, FieldType } from "./contract.js";

export const TEMPLATE_NAMES = {
  settings: "aisiem-settings",
  mappings: "aisiem-mappings",
  index: "aisiem-logs",
  ilmPolicy: "aisiem-logs",
} as const;

export const INDEX_PATTERN = "logs-aisiem.*-*";
/** Above the built-in `logs` template (100) and above 500 as Elastic asks of overlapping custom templates. */
export const TEMPLATE_PRIORITY = 550;
/** Keywords longer than this are kept in `_source` but not indexed (the ECS convention). */
const KEYWORD_IGNORE_ABOVE = 1024;

export type Lifecycle = { type: "dsl"; retention?: string } | { type: "ilm"; policy: string; retention?: string };

export interface TemplateOptions {
  /** aisiem's version, recorded in `_meta`. */
  version: string;
  lifecycle?: Lifecycle;
  /** Replace field types the cluster lacks (a node without the `mapper-extras` module has no `match_only_text`). */
  typeFallbacks?: Partial<Record<FieldType, FieldType>>;
}

export interface TemplateBody {
  name: string;
  body: Record<string, unknown>;
}

export interface ElasticTemplates {
  components: TemplateBody[];
  index: TemplateBody;
  /** Present when the lifecycle is ILM: the policy aisiem installs under its own name. */
  ilmPolicy?: TemplateBody;
}

type Properties = Record<string, Record<string, unknown>>;

function fieldMapping(field: FieldSpec, fallbacks: TemplateOptions["typeFallbacks"]): Record<string, unknown> {
  const type = fallbacks?.[field.type] ?? field.type;
  const mapping: Record<string, unknown> = { type };
  if (type === "keyword") mapping.ignore_above = field.ignore_above ?? KEYWORD_IGNORE_ABOVE;
  if (type === "flattened" && field.ignore_above) mapping.ignore_above = field.ignore_above;
  if (field.index === false) mapping.index = false;
  if (field.doc_values === false) mapping.doc_values = false;
  return mapping;
}

/** Nested `properties` for the contract's dotted names. */
export function contractProperties(contract: FieldContract, fallbacks?: TemplateOptions["typeFallbacks"]): Properties {
  const root: Properties = {};
  for (const field of contract.fields) {
    const keys = field.name.split(".");
    const wildcard = keys[keys.length - 1] === "*";
    const leafKeys = wildcard ? keys.slice(0, -1) : keys;
    let node = root;
    for (const key of leafKeys.slice(0, -1)) {
      const next = (node[key] ??= { properties: {} });
      node = next.properties as Properties;
    }
    const leaf = leafKeys[leafKeys.length - 1]!;
    // `labels.*`: an object whose keys are the source's own; the dynamic template maps each as keyword.
    node[leaf] = wildcard ? { type: "object", dynamic: true } : fieldMapping(field, fallbacks);
  }
  return root;
}

function dynamicTemplates(contract: FieldContract): Array<Record<string, unknown>> {
  return contract.fields
    .filter((f) => f.name.endsWith(".*"))
    .map((f) => ({
      [`aisiem_${f.name.slice(0, -2).replace(/\./g, "_")}`]: {
        path_match: f.name,
        match_mapping_type: "string",
        mapping: { type: f.type, ignore_above: KEYWORD_IGNORE_ABOVE },
      },
    }));
}

/** A stable hash of a template body, stored in `_meta.hash` so `setup` can tell "unchanged" from "upgrade". */
export function bodyHash(body: Record<string, unknown>): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 16);
}

function withMeta(body: Record<string, unknown>, version: string): Record<string, unknown> {
  return { ...body, _meta: { managed_by: "aisiem", version, hash: bodyHash(body) } };
}

export function buildTemplates(contract: FieldContract, options: TemplateOptions): ElasticTemplates {
  const lifecycle = options.lifecycle ?? { type: "dsl" };
  const settings: Record<string, unknown> = {
    "index.codec": "best_compression",
    // Standard mode stores `_source` as sent: LogsDB's synthetic source may reorder transcript messages.
    "index.mode": "standard",
    ...(lifecycle.type === "ilm" && { "index.lifecycle.name": lifecycle.policy }),
  };
  const mappings = {
    // Only declared fields are indexed; anything else stays in _source unmapped, never guessed.
    dynamic: false,
    date_detection: false,
    dynamic_templates: dynamicTemplates(contract),
    properties: contractProperties(contract, options.typeFallbacks),
  };
  const components = [
    { name: TEMPLATE_NAMES.settings, body: withMeta({ template: { settings } }, options.version) },
    { name: TEMPLATE_NAMES.mappings, body: withMeta({ template: { mappings } }, options.version) },
  ];
  const index = {
    name: TEMPLATE_NAMES.index,
    body: withMeta(
      {
        index_patterns: [INDEX_PATTERN],
        priority: TEMPLATE_PRIORITY,
        data_stream: {},
        // Elastic's own components are composed where the cluster has them (not on clusters
        // started with stack templates disabled); ours come after logs@mappings and override it.
        composed_of: ["logs@mappings", TEMPLATE_NAMES.settings, TEMPLATE_NAMES.mappings, "logs@custom", "ecs@mappings"],
        ignore_missing_component_templates: ["logs@mappings", "logs@custom", "ecs@mappings"],
        ...(lifecycle.type === "dsl" && {
          template: { lifecycle: lifecycle.retention ? { enabled: true, data_retention: lifecycle.retention } : { enabled: true } },
        }),
      },
      options.version,
    ),
  };
  const ilmPolicy =
    lifecycle.type === "ilm" && lifecycle.policy === TEMPLATE_NAMES.ilmPolicy
      ? { name: TEMPLATE_NAMES.ilmPolicy, body: ilmPolicyBody(lifecycle.retention, options.version) }
      : undefined;
  return { components, index, ...(ilmPolicy && { ilmPolicy }) };
}

/** Rollover as Elastic's built-in `logs` policy does (50 GB primary shard or 30 days), delete after the retention. */
function ilmPolicyBody(retention: string | undefined, version: string): Record<string, unknown> {
  const phases: Record<string, unknown> = {
    hot: { actions: { rollover: { max_primary_shard_size: "50gb", max_age: "30d" } } },
    ...(retention && { delete: { min_age: retention, actions: { delete: {} } } }),
  };
  return { policy: { phases, _meta: { managed_by: "aisiem", version, hash: bodyHash({ phases }) } } };
}
