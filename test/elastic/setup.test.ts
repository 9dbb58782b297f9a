/** `aisiem setup elastic` against the real test node: install, idempotence, upgrade in place, foreign objects, dry run. */
import { afterAll, describe, expect, it } from "@jest/globals";
import { runSetupElastic } from "../../src/cli/commands/setup-elastic.js";
import { buildTemplates, loadContract, TEMPLATE_NAMES } from "../../src/map/ecs/index.js";
import { setupElastic } from "../../src/sinks/elasticsearch/setup.js";
import { connection, testClient, uniqueNamespace } from "./support.js";

const client = testClient();
afterAll(() => client.close());

const metaOf = async (name: string) => (await client.cluster.getComponentTemplate({ name })).component_templates[0]!.component_template._meta;

describe("setupElastic on a real node", () => {
  it("installs the templates, maps types the node lacks to stand-ins, and changes nothing the second time", async () => {
    const first = await setupElastic(client, { version: "0.1.0" });
    expect(first.steps.map((s) => [s.kind, s.name])).toEqual([
      ["component_template", "aisiem-settings"],
      ["component_template", "aisiem-mappings"],
      ["index_template", "aisiem-logs"],
    ]);
    for (const step of first.steps) expect(["create", "unchanged"]).toContain(step.action);
    // The integ-test distribution has neither mapper-extras nor constant-keyword.
    expect(first.fallbacks).toEqual({ match_only_text: "text", constant_keyword: "keyword" });
    const template = (await client.indices.getIndexTemplate({ name: "aisiem-logs" })).index_templates[0]!.index_template;
    expect(template).toMatchObject({ index_patterns: ["logs-aisiem.*-*"], priority: 550, _meta: { managed_by: "aisiem" } });
    expect(template.priority).toBeGreaterThan(500);

    const second = await setupElastic(client, { version: "0.1.0" });
    expect(second.steps.map((s) => s.action)).toEqual(["unchanged", "unchanged", "unchanged"]);
  });

  it("upgrades an older mappings component in place and adds its new fields to existing data streams", async () => {
    await setupElastic(client, { version: "0.1.0" });
    const namespace = uniqueNamespace("upgrade");
    const current = buildTemplates(loadContract(), { version: "0.1.0", typeFallbacks: { match_only_text: "text", constant_keyword: "keyword" } });
    const mappings = structuredClone(current.components[1]!.body) as { template: { mappings: { properties: { aisiem: { properties: Record<string, unknown> } } } } };
    delete mappings.template.mappings.properties.aisiem.properties.refusal;
    await client.cluster.putComponentTemplate({
      name: TEMPLATE_NAMES.mappings,
      template: mappings.template,
      _meta: { managed_by: "aisiem", version: "0.0.9", hash: "older" },
    } as never);
    const stream = `logs-aisiem.interaction-${namespace}`;
    await client.bulk({ operations: [{ create: { _index: stream } }, { "@timestamp": "2026-01-01T00:00:00Z" }], refresh: true });
    const before = await client.indices.getMapping({ index: stream });
    expect(JSON.stringify(before)).not.toContain('"refusal"');

    const report = await setupElastic(client, { version: "0.1.0" });
    expect(report.steps.find((s) => s.name === TEMPLATE_NAMES.mappings)).toMatchObject({ action: "update", detail: "from 0.0.9 to 0.1.0" });
    expect(report.steps.map((s) => s.kind)).toContain("data_stream_mappings");
    const after = Object.values(await client.indices.getMapping({ index: stream }))[0]!.mappings;
    expect((after.properties?.aisiem as { properties: Record<string, unknown> }).properties.refusal).toEqual({ type: "keyword", ignore_above: 1024 });
    expect((await metaOf(TEMPLATE_NAMES.mappings))?.hash).toBe(current.components[1]!.body._meta && (current.components[1]!.body._meta as { hash: string }).hash);
  });

  it("refuses to replace a template of its name that aisiem did not create, unless forced", async () => {
    await setupElastic(client, { version: "0.1.0" });
    await client.cluster.putComponentTemplate({ name: TEMPLATE_NAMES.settings, template: { settings: { "index.codec": "best_compression" } } });
    const refused = await setupElastic(client, { version: "0.1.0" });
    expect(refused.applied).toBe(false);
    expect(refused.steps.find((s) => s.name === TEMPLATE_NAMES.settings)).toMatchObject({ action: "refused" });
    expect(await metaOf(TEMPLATE_NAMES.settings)).toBeUndefined();

    const forced = await setupElastic(client, { version: "0.1.0", force: true });
    expect(forced.steps.find((s) => s.name === TEMPLATE_NAMES.settings)).toMatchObject({ action: "update" });
    expect(await metaOf(TEMPLATE_NAMES.settings)).toMatchObject({ managed_by: "aisiem" });
  });

  it("prints what it would change on --dry-run and changes nothing", async () => {
    await setupElastic(client, { version: "0.1.0" });
    await client.cluster.putComponentTemplate({
      name: TEMPLATE_NAMES.settings,
      template: { settings: { "index.codec": "best_compression" } },
      _meta: { managed_by: "aisiem", version: "0.0.9", hash: "older" },
    });
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stdout.write;
    let code: number;
    try {
      code = await runSetupElastic(
        { url: connection().node as string, dryRun: true },
        { AISIEM_ES_USERNAME: process.env.AISIEM_TEST_ES_USERNAME, AISIEM_ES_PASSWORD: process.env.AISIEM_TEST_ES_PASSWORD },
      );
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(0);
    const output = written.join("");
    expect(output).toMatch(/would update\s+component_template\s+aisiem-settings\s+\(from 0\.0\.9 to /);
    expect(output).toMatch(/unchanged\s+index_template\s+aisiem-logs/);
    expect(output).toContain("note: this cluster lacks the module for match_only_text; mapped as text instead");
    expect(await metaOf(TEMPLATE_NAMES.settings)).toMatchObject({ hash: "older" });
    await setupElastic(client, { version: "0.1.0" });
  });
});
