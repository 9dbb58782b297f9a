/**
 * The ES|QL detection rules. The test node has no ES|QL (the x-pack esql plugin is not part of the
 * integ-test distribution), so each rule is checked three ways: its metadata and ATLAS mapping,
 * every field its query names against the field contract (and readable from ES|QL), and a Query
 * DSL aggregation with the same logic run on the real node over documents the mapper wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { atlasThreat, loadContract, SEVERITY_NUMBER, toEcs } from "../../src/map/ecs/index.js";
import { makeFinding, type Enriched, type Finding } from "../../src/model/index.js";
import { readRules, renderRulesNdjson, ROOT } from "../../scripts/elastic/render.js";
import { setupElastic } from "../../src/sinks/elasticsearch/setup.js";
import { interaction } from "../map/ecs/records.js";
import { testClient, uniqueNamespace } from "./support.js";

const rules = readRules();
const contract = loadContract();

describe("the ES|QL detection rules", () => {
  it("are complete detection-rules TOML with Elastic's severity numbers and an ATLAS mapping", () => {
    expect(rules.length).toBeGreaterThanOrEqual(8);
    for (const { file, rule } of rules) {
      expect([file, rule.type, rule.language]).toEqual([file, "esql", "esql"]);
      expect(rule.rule_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(rule.risk_score).toBe(SEVERITY_NUMBER[rule.severity as keyof typeof SEVERITY_NUMBER]);
      expect(rule.timestamp_override).toBe("event.ingested");
      expect(rule.threat?.length).toBeGreaterThan(0);
      for (const threat of rule.threat!) {
        expect(threat.framework).toBe("MITRE ATLAS");
        for (const technique of threat.technique ?? []) {
          const known = atlasThreat([technique.id])!;
          expect([technique.id, technique.name, known.tactic?.id]).toEqual([technique.id, known.technique.name![0], expect.arrayContaining([threat.tactic.id])]);
          expect(rule.tags).toContain(`Mitre Atlas: ${technique.id.replace("AML.", "")}`);
        }
      }
    }
    expect(new Set(rules.map((r) => r.rule.rule_id)).size).toBe(rules.length);
  });

  it("query only fields the contract declares, of types ES|QL can read, from aisiem's data streams", () => {
    const fields = new Map(contract.fields.map((f) => [f.name, f]));
    for (const { file, rule } of rules) {
      expect([file, /^from logs-aisiem\.(alert|interaction)-\* /.test(rule.query.trim())]).toEqual([file, true]);
      const body = rule.query.replace(/^from [^\n]*\n/, "").replace(/"[^"]*"/g, '""');
      for (const name of body.match(/\b[a-z_@][a-z0-9_]*(\.[a-z0-9_]+)+\b/g) ?? []) {
        const field = fields.get(name);
        expect([file, name, field !== undefined]).toEqual([file, name, true]);
        expect([file, name, field!.type]).not.toEqual([file, name, "flattened"]);
      }
    }
  });

  it("are in the Kibana import file as they are in TOML (regenerate with scripts/elastic/generate.ts)", () => {
    expect(readFileSync(join(ROOT, "integrations", "elastic", "rules.ndjson"), "utf8")).toBe(renderRulesNdjson());
  });
});

describe("the rules' logic as Query DSL on the real node", () => {
  const client = testClient();
  const namespace = uniqueNamespace("rules");
  const alerts = `logs-aisiem.alert-${namespace}`;
  const events = `logs-aisiem.interaction-${namespace}`;
  let n = 0;

  function record(user: string, app: string, findings: Finding[], extra: Partial<Enriched> = {}): Enriched {
    n += 1;
    const base = interaction({
      source: { product: "p", vendor: "v", connector: "c", recordId: `rule-${n}`, turn: 0 },
      user: { id: user },
      app: { name: app },
      findings,
    });
    return { ...base, ...extra };
  }
  const finding = (category: Finding["category"], action: Finding["action"], origin: Finding["origin"] = "aisiem") =>
    makeFinding({ origin, detector: `${origin}.test`, category, target: "prompt", severity: "high", action });

  beforeAll(async () => {
    await setupElastic(client, { version: "0.1.0" });
    const records = [
      ...Array.from({ length: 6 }, () => record("burst-user", "chat", [finding("prompt_injection", "observed")])),
      ...Array.from({ length: 2 }, () => record("calm-user", "chat", [finding("jailbreak", "observed")])),
      record("evader", "copilot", [finding("jailbreak", "blocked", "upstream")]),
      record("evader", "chatgpt", []),
      record("leaker", "chat", [finding("secret", "observed")]),
      record("risky", "chat", [], { risk: { score: 85, level: "critical", reasons: ["many blocks"] } }),
      record("blocked-twice", "bedrock", [finding("harm", "blocked", "upstream")]),
      record("blocked-twice", "bedrock", [finding("harm", "blocked", "upstream")]),
    ];
    const actions = records.flatMap((r) => toEcs(r, { namespace }));
    const response = await client.bulk({ operations: actions.flatMap((a) => [{ create: { _index: a.index, _id: a.id } }, a.doc]), refresh: true });
    expect(response.errors).toBe(false);
  });
  afterAll(() => client.close());

  async function usersWhere(index: string, filter: object[], having: (bucket: { doc_count: number }) => boolean) {
    const result = await client.search({ index, size: 0, query: { bool: { filter } }, aggs: { users: { terms: { field: "user.id", size: 100 } } } });
    const buckets = (result.aggregations!.users as { buckets: Array<{ key: string; doc_count: number }> }).buckets;
    return buckets.filter(having).map((b) => b.key).sort();
  }

  it("prompt injection burst: more than five attempts by one user", async () => {
    const filter = [{ term: { "event.kind": "alert" } }, { terms: { "aisiem.finding.category": ["prompt_injection", "indirect_prompt_injection", "jailbreak"] } }];
    expect(await usersWhere(alerts, filter, (b) => b.doc_count > 5)).toEqual(["burst-user"]);
  });

  it("cross-tool evasion: a blocked interaction and two or more tools for the same user", async () => {
    const result = await client.search({
      index: events,
      size: 0,
      aggs: { users: { terms: { field: "user.id" }, aggs: { blocks: { filter: { term: { "event.type": "denied" } } }, tools: { cardinality: { field: "service.name" } } } } },
    });
    const buckets = (result.aggregations!.users as { buckets: Array<{ key: string; blocks: { doc_count: number }; tools: { value: number } }> }).buckets;
    expect(buckets.filter((b) => b.blocks.doc_count >= 1 && b.tools.value >= 2).map((b) => b.key)).toEqual(["evader"]);
  });

  it("credentials in prompts, user risk over 80, guardrail blocking one user more than once", async () => {
    expect(await usersWhere(alerts, [{ term: { "aisiem.finding.category": "secret" } }, { term: { "aisiem.finding.target": "prompt" } }], () => true)).toEqual(["leaker"]);
    expect(await usersWhere(events, [{ range: { "aisiem.risk.score": { gte: 80 } } }], () => true)).toEqual(["risky"]);
    const blocked = [{ term: { "aisiem.finding.origin": "upstream" } }, { term: { "event.type": "denied" } }];
    expect(await usersWhere(alerts, blocked, (b) => b.doc_count > 1)).toEqual(["blocked-twice"]);
  });
});
