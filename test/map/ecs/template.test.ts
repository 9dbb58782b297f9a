import { describe, expect, it } from "@jest/globals";
import { buildTemplates, loadContract, TEMPLATE_NAMES } from "../../../src/map/ecs/index.js";

const contract = loadContract();
const settingsOf = (t: ReturnType<typeof buildTemplates>) => (t.components[0]!.body.template as { settings: Record<string, unknown> }).settings;

describe("buildTemplates", () => {
  it("composes Elastic's components where present around ours, above priority 500, with no @ in our names", () => {
    const { index, components } = buildTemplates(contract, { version: "1.2.3" });
    expect(index.body).toMatchObject({
      index_patterns: ["logs-aisiem.*-*"],
      data_stream: {},
      composed_of: ["logs@mappings", "aisiem-settings", "aisiem-mappings", "logs@custom", "ecs@mappings"],
      ignore_missing_component_templates: ["logs@mappings", "logs@custom", "ecs@mappings"],
      template: { lifecycle: { enabled: true } },
      _meta: { managed_by: "aisiem", version: "1.2.3" },
    });
    expect(index.body.priority).toBeGreaterThan(500);
    for (const name of [index.name, ...components.map((c) => c.name)]) expect(name).not.toContain("@");
  });

  it("keeps the hash of a body independent of the version, so only a real change upgrades", () => {
    const a = buildTemplates(contract, { version: "1.0.0" });
    const b = buildTemplates(contract, { version: "2.0.0" });
    const c = buildTemplates(contract, { version: "1.0.0", lifecycle: { type: "dsl", retention: "30d" } });
    const hash = (t: typeof a) => (t.index.body._meta as { hash: string }).hash;
    expect(hash(a)).toBe(hash(b));
    expect(hash(a)).not.toBe(hash(c));
    expect(c.index.body.template).toEqual({ lifecycle: { enabled: true, data_retention: "30d" } });
  });

  it("uses ILM instead when asked: our own policy with rollover and delete, or an existing one by name", () => {
    const own = buildTemplates(contract, { version: "1.0.0", lifecycle: { type: "ilm", policy: TEMPLATE_NAMES.ilmPolicy, retention: "90d" } });
    expect(settingsOf(own)["index.lifecycle.name"]).toBe("aisiem-logs");
    expect(own.index.body.template).toBeUndefined();
    expect(own.ilmPolicy?.body).toMatchObject({
      policy: { phases: { hot: { actions: { rollover: { max_primary_shard_size: "50gb", max_age: "30d" } } }, delete: { min_age: "90d", actions: { delete: {} } } } },
    });
    const existing = buildTemplates(contract, { version: "1.0.0", lifecycle: { type: "ilm", policy: "corp-logs" } });
    expect(settingsOf(existing)["index.lifecycle.name"]).toBe("corp-logs");
    expect(existing.ilmPolicy).toBeUndefined();
  });

  it("maps the three ECS nested gen_ai arrays' stand-in as keyword, messages as flattened, and applies type fallbacks", () => {
    const plain = buildTemplates(contract, { version: "1" }).components[1]!.body as { template: { mappings: { properties: Record<string, { properties?: Record<string, unknown>; type?: string }> } } };
    const props = plain.template.mappings.properties;
    const genAi = props.gen_ai!.properties as Record<string, { properties: Record<string, unknown> }>;
    expect(genAi.response!.properties.finish_reasons).toEqual({ type: "keyword", ignore_above: 1024 });
    expect(genAi.input!.properties.messages).toEqual({ type: "flattened", ignore_above: 8191 });
    expect(props.message).toEqual({ type: "match_only_text" });
    const fallback = buildTemplates(contract, { version: "1", typeFallbacks: { match_only_text: "text" } }).components[1]!.body as typeof plain;
    expect(fallback.template.mappings.properties.message).toEqual({ type: "text" });
  });
});
