/**
 * The field contract against ECS itself (../shared/data/ecs, main = 9.5.0-dev, the gen_ai shape
 * aisiem targets) and against what the mapper really emits.
 */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { declaredFieldOf, leafPaths, loadContract, toEcs, type FieldSpec } from "../../../src/map/ecs/index.js";
import { parseNativeInteraction, toEnriched } from "../../../src/model/index.js";
import { renderFieldReference, renderTemplateFiles, ROOT } from "../../../scripts/elastic/render.js";
import { enrichedInteraction, interaction } from "./records.js";

const ECS_FLAT = join(ROOT, "..", "shared", "data", "ecs", "main-9.5.0-dev", "generated", "ecs", "ecs_flat.yml");
const ecs = parseYaml(readFileSync(ECS_FLAT, "utf8")) as Record<string, { type: string }>;
const contract = loadContract();
const now = new Date("2026-03-02T10:16:00.000Z");

/** What a JSON value must look like to be accepted by a field of this type. */
function fits(field: FieldSpec, value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && !field.array && field.type !== "flattened") return false;
  return values.every((v) => {
    switch (field.type) {
      case "keyword":
      case "constant_keyword":
      case "match_only_text":
      case "text":
        return typeof v === "string";
      case "date":
        return typeof v === "string" && !Number.isNaN(Date.parse(v));
      case "long":
      case "integer":
        return Number.isInteger(v);
      case "float":
      case "double":
        return typeof v === "number";
      case "boolean":
        return typeof v === "boolean";
      case "ip":
        return typeof v === "string" && isIP(v) !== 0;
      case "flattened":
        return true;
    }
  });
}

function quickstartRecords() {
  const lines = readFileSync(join(ROOT, "examples", "quickstart", "interactions.ndjson"), "utf8").split("\n").filter(Boolean);
  return lines.map((line) => toEnriched(parseNativeInteraction(JSON.parse(line))));
}

describe("the Elastic field contract", () => {
  it("names every ECS field as ECS does, with ECS's type unless it declares the override", () => {
    const wrong: string[] = [];
    for (const field of contract.fields.filter((f) => f.origin === "ecs")) {
      const name = field.name.endsWith(".*") ? field.name.slice(0, -2) : field.name;
      const definition = ecs[name];
      if (!definition) wrong.push(`${name}: not in ECS`);
      else if (field.name.endsWith(".*") ? definition.type !== "object" : definition.type !== (field.type_override?.ecs ?? field.type)) {
        wrong.push(`${name}: ECS type ${definition.type}, contract ${field.type}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("keeps non-ECS fields out of ECS's names and ours under aisiem.*", () => {
    for (const field of contract.fields.filter((f) => f.origin !== "ecs")) expect([field.name, ecs[field.name]]).toEqual([field.name, undefined]);
    for (const field of contract.fields.filter((f) => f.origin === "aisiem")) expect(field.name).toMatch(/^aisiem\./);
    for (const field of contract.fields.filter((f) => f.origin !== "aisiem")) expect(field.name).not.toMatch(/^aisiem\./);
  });

  it("declares every field the mapper emits, on the documents it declares, with a value of the declared type", () => {
    const long = "x".repeat(400);
    const records = [
      enrichedInteraction(),
      interaction({ network: { sourceIp: "not-an-ip" }, prompt: { text: long, messages: [] }, response: { text: long, messages: [] } }),
      ...quickstartRecords(),
    ];
    const problems = new Set<string>();
    const seen = new Set<string>();
    for (const record of records) {
      for (const { doc } of toEcs(record, { now, legacyFields: true, maxTextChars: 300 })) {
        const kind = (doc.event as { kind: "event" | "alert" }).kind;
        for (const [path, value] of leafPaths(doc)) {
          const field = declaredFieldOf(path);
          if (!field) problems.add(`${path}: not declared`);
          else {
            seen.add(field.name);
            if (!field.docs.includes(kind)) problems.add(`${path}: emitted on ${kind}, declared for ${field.docs.join("/")}`);
            if (!field.name.endsWith(".*") && field.type !== "flattened" && !fits(field, value)) {
              problems.add(`${path}: ${JSON.stringify(value)} does not fit ${field.type}${field.array ? "[]" : ""}`);
            }
          }
        }
      }
    }
    expect([...problems]).toEqual([]);
    // The fixtures exercise the whole contract, so a declared field the mapper never writes is caught too.
    expect(contract.fields.map((f) => f.name).filter((name) => !seen.has(name))).toEqual([]);
  });

  it("matches the committed templates and field reference (regenerate with scripts/elastic/generate.ts)", () => {
    for (const [name, text] of Object.entries(renderTemplateFiles())) {
      expect([name, readFileSync(join(ROOT, "integrations", "elastic", "templates", name), "utf8")]).toEqual([name, text]);
    }
    expect(readFileSync(join(ROOT, "docs", "fields-ecs.md"), "utf8")).toBe(renderFieldReference());
  });
});
