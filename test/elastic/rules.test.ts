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
import { makeFinding, type BehaviourAlert, type BehaviourKind, type Enriched, type Finding } from "../../src/model/index.js";
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
  const finding = (category: Finding["category"], action: Finding["action"], origin: Finding["origin"] = "aisiem", target: Finding["target"] = "prompt") =>
    makeFinding({ origin, detector: `${origin}.test`, category, target, severity: "high", action });
  const behaviour = (user: string, kind: BehaviourKind, riskScore: number): Partial<Enriched> => {
    const at = "2026-01-01T00:00:00.000Z";
    const alert: BehaviourAlert = {
      id: `${user}-${kind}`,
      timestamp: at,
      userId: user,
      revision: 1,
      signal: { kind, score: riskScore / 100, severity: "medium", window: { start: at, end: at }, evidenceIds: [], counts: {} },
      atlas: ["AML.T0054"],
      owasp: ["LLM01"],
      riskScore,
      title: kind,
    };
    return { alerts: [alert] };
  };
  const usage = (inputTokens: number, outputTokens: number): Partial<Enriched> => ({ usage: { inputTokens, outputTokens } });

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
      record("oversharer", "chat", [finding("pii", "allowed", "upstream", "response")]),
      record("masked-answer", "chat", [finding("pii", "masked", "upstream", "response")]),
      record("looper", "chat", [], behaviour("looper", "retry_loop", 65)),
      record("escalator", "chat", [], behaviour("escalator", "escalation", 70)),
      record("mild", "chat", [], behaviour("mild", "escalation", 30)),
      ...Array.from({ length: 11 }, () => record("heavy-user", "chat", [], usage(6000, 800))),
      ...Array.from({ length: 11 }, () => record("light-user", "chat", [], usage(6000, 100))),
    ];
    const actions = records.flatMap((r) => toEcs(r, { namespace }));
    const response = await client.bulk({ operations: actions.flatMap((a) => [{ create: { _index: a.index, _id: a.id } }, a.doc]), refresh: true });
    expect(response.errors).toBe(false);
  });
  afterAll(() => client.close());

  interface Bucket {
    key: string;
    doc_count: number;
    [metric: string]: unknown;
  }
  const metric = (bucket: Bucket, name: string) => (bucket[name] as { value: number }).value;
  /** Users (terms on user.id) of the documents matching `bool`, with `metrics` per user, kept by `having`. */
  async function usersWhere(index: string, bool: { filter: object[]; must_not?: object[] }, having: (bucket: Bucket) => boolean = () => true, metrics: Record<string, object> = {}) {
    const result = await client.search({ index, size: 0, query: { bool }, aggs: { users: { terms: { field: "user.id", size: 100 }, aggs: metrics } } });
    const buckets = (result.aggregations!.users as { buckets: Bucket[] }).buckets;
    return buckets.filter(having).map((b) => b.key).sort();
  }
  const alertsOf = (filter: object[], mustNot: object[] = []) => ({ filter: [{ term: { "event.kind": "alert" } }, ...filter], must_not: mustNot });
  const notBlocked = [{ term: { "event.type": "denied" } }];

  it("prompt injection burst: more than five attempts by one user", async () => {
    const attacks = alertsOf([{ terms: { "aisiem.finding.category": ["prompt_injection", "indirect_prompt_injection", "jailbreak"] } }]);
    expect(await usersWhere(alerts, attacks, (b) => b.doc_count > 5)).toEqual(["burst-user"]);
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
    expect(await usersWhere(alerts, alertsOf([{ term: { "aisiem.finding.category": "secret" } }, { term: { "aisiem.finding.target": "prompt" } }]))).toEqual(["leaker"]);
    const maxRisk = { max_risk: { max: { field: "aisiem.risk.score" } } };
    expect(await usersWhere(events, { filter: [{ term: { "event.kind": "event" } }] }, (b) => metric(b, "max_risk") >= 80, maxRisk)).toEqual(["risky"]);
    const blocked = alertsOf([{ term: { "aisiem.finding.origin": "upstream" } }, { term: { "event.type": "denied" } }]);
    expect(await usersWhere(alerts, blocked, (b) => b.doc_count > 1)).toEqual(["blocked-twice"]);
  });

  it("prompt attacks and sensitive answers that nothing blocked", async () => {
    const attackCategories = ["prompt_injection", "indirect_prompt_injection", "jailbreak", "system_prompt_leak", "malicious_url"];
    expect(await usersWhere(alerts, alertsOf([{ terms: { "aisiem.finding.category": attackCategories } }], notBlocked))).toEqual(["burst-user", "calm-user"]);
    const sensitiveAnswers = alertsOf([{ terms: { "aisiem.finding.category": ["secret", "pii", "financial"] } }, { term: { "aisiem.finding.target": "response" } }], notBlocked);
    expect(await usersWhere(alerts, sensitiveAnswers)).toEqual(["oversharer"]);
  });

  it("behaviour alerts with risk 50 or more: retry loops apart from the other kinds", async () => {
    const maxRisk = { max_risk: { max: { field: "event.risk_score" } } };
    const risky = (b: Bucket) => metric(b, "max_risk") >= 50;
    const retryLoop = [{ term: { "rule.category": "retry_loop" } }];
    expect(await usersWhere(alerts, alertsOf([{ term: { "aisiem.alert.type": "behaviour" } }, ...retryLoop]), risky, maxRisk)).toEqual(["looper"]);
    expect(await usersWhere(alerts, alertsOf([{ term: { "aisiem.alert.type": "behaviour" } }], retryLoop), risky, maxRisk)).toEqual(["escalator"]);
  });

  it("token abuse: largest prompt over 5000 tokens, more than 10 calls, average answer over 500 tokens", async () => {
    const metrics = { max_input: { max: { field: "gen_ai.usage.input_tokens" } }, avg_output: { avg: { field: "gen_ai.usage.output_tokens" } } };
    const abusive = (b: Bucket) => metric(b, "max_input") > 5000 && b.doc_count > 10 && metric(b, "avg_output") > 500;
    expect(await usersWhere(events, { filter: [{ term: { "event.kind": "event" } }, { exists: { field: "gen_ai.usage.input_tokens" } }] }, abusive, metrics)).toEqual(["heavy-user"]);
  });
});
