/** The Kibana dashboard: saved objects that reference each other, over fields the contract declares as aggregatable. */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadContract } from "../../src/map/ecs/index.js";
import { DASHBOARD_ID, DATA_VIEW_ID, PANELS, renderDashboardNdjson } from "../../scripts/elastic/dashboard.js";
import { ROOT } from "../../scripts/elastic/render.js";

const AGGREGATABLE = new Set(["keyword", "constant_keyword", "long", "integer", "float", "double", "date", "boolean", "ip"]);
const text = readFileSync(join(ROOT, "integrations", "elastic", "dashboard.ndjson"), "utf8");
const objects = text.trim().split("\n").map((line) => JSON.parse(line) as { type: string; id: string; attributes: Record<string, unknown>; references: Array<{ id: string; name: string }> });

describe("the Kibana dashboard", () => {
  it("is the committed file (regenerate with scripts/elastic/generate.ts)", () => {
    expect(text).toBe(renderDashboardNdjson());
  });

  it("holds a data view over aisiem's streams and a dashboard whose every panel points at it", () => {
    expect(objects.map((o) => [o.type, o.id])).toEqual([["index-pattern", DATA_VIEW_ID], ["dashboard", DASHBOARD_ID]]);
    expect(objects[0]!.attributes).toMatchObject({ title: "logs-aisiem.*", timeFieldName: "@timestamp" });
    const panels = JSON.parse(objects[1]!.attributes.panelsJSON as string) as Array<{ panelIndex: string; embeddableConfig: { attributes: { title: string } } }>;
    expect(panels.map((p) => p.embeddableConfig.attributes.title)).toEqual(PANELS.map((p) => p.title));
    expect(objects[1]!.references.map((r) => r.name)).toEqual(panels.map((p) => `${p.panelIndex}:indexpattern-datasource-layer-layer1`));
    for (const reference of objects[1]!.references) expect(reference.id).toBe(DATA_VIEW_ID);
  });

  it("shows only declared fields that Elasticsearch can aggregate", () => {
    const fields = new Map(loadContract().fields.map((f) => [f.name, f.type]));
    for (const panel of PANELS) {
      const used = [...panel.splitBy, ...(panel.metric.op === "count" ? [] : [panel.metric.field])];
      for (const field of used) expect([panel.title, field, AGGREGATABLE.has(fields.get(field) ?? "missing")]).toEqual([panel.title, field, true]);
      for (const field of panel.query.match(/[a-z_.]+(?=:)/g) ?? []) expect([panel.title, field, fields.has(field)]).toEqual([panel.title, field, true]);
    }
  });
});
