/**
 * The Elastic field contract (`mappings/ecs/fields.yml`) loaded and validated. Everything that
 * must agree on field names and types — the index template, the field reference, the mapper's
 * tests — reads it from here.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { validate } from "../../model/index.js";

export const FieldType = z.enum([
  "keyword",
  "constant_keyword",
  "match_only_text",
  "text",
  "date",
  "long",
  "integer",
  "float",
  "double",
  "boolean",
  "ip",
  "flattened",
]);
export type FieldType = z.infer<typeof FieldType>;

export const FieldOrigin = z.enum(["ecs", "otel", "elastic-legacy", "aisiem"]);
export type FieldOrigin = z.infer<typeof FieldOrigin>;

export const FieldSpec = z.object({
  /** Dotted name; `labels.*` declares any key under `labels`. */
  name: z.string().regex(/^(@timestamp|[a-z_][a-z0-9_]*(\.[a-z_*][a-z0-9_]*)*)$/, "lower-case dotted name"),
  type: FieldType,
  origin: FieldOrigin,
  docs: z.array(z.enum(["event", "alert"])).min(1),
  description: z.string().min(1),
  array: z.boolean().default(false),
  index: z.boolean().optional(),
  doc_values: z.boolean().optional(),
  ignore_above: z.number().int().positive().optional(),
  type_override: z.object({ ecs: z.string(), why: z.string().min(1) }).optional(),
});
export type FieldSpec = z.infer<typeof FieldSpec>;

export const FieldContract = z.object({
  ecs_version: z.string().min(1),
  fields: z.array(FieldSpec).min(1),
});
export type FieldContract = z.infer<typeof FieldContract>;

/** `mappings/` sits at the package root, three levels above both `src/map/ecs` and `dist/map/ecs`. */
export const CONTRACT_PATH = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "mappings", "ecs", "fields.yml");

let cached: FieldContract | undefined;

export function loadContract(path = CONTRACT_PATH): FieldContract {
  if (path === CONTRACT_PATH && cached) return cached;
  const contract = validate(FieldContract, parseYaml(readFileSync(path, "utf8")), `field contract ${path}`);
  const seen = new Set<string>();
  for (const field of contract.fields) {
    if (seen.has(field.name)) throw new Error(`field contract ${path}: ${field.name} is declared twice`);
    seen.add(field.name);
  }
  if (path === CONTRACT_PATH) cached = contract;
  return contract;
}

/** The declared field a flattened document path belongs to (a leaf under a `flattened` or `labels.*` field included). */
export function declaredFieldOf(path: string, contract: FieldContract = loadContract()): FieldSpec | undefined {
  for (const field of contract.fields) {
    if (field.name === path) return field;
    const prefix = field.name.endsWith(".*") ? field.name.slice(0, -1) : field.type === "flattened" ? `${field.name}.` : undefined;
    if (prefix && path.startsWith(prefix)) return field;
  }
  return undefined;
}
