/**
 * The quickstart end to end: examples/quickstart/config.yaml as shipped (every enrichment stage,
 * its allow-list) over the committed corpus, checked against the corpus manifest
 * (examples/quickstart/scenarios.json): every seeded pattern raises its behaviour alert, benign
 * users raise none, the expected finding categories are found, and no pasted secret survives.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { parseConfig } from "../../src/config/index.js";
import type { BehaviourKind, Enriched } from "../../src/model/index.js";
import { runPipeline, type RunResult } from "../../src/pipeline/runner.js";
import { readNdjson, silentLogger, tempDir } from "../support/fixtures.js";

const CONFIG = "examples/quickstart/config.yaml";
const CORPUS = "examples/quickstart/interactions.ndjson";

const Manifest = z.object({
  counts: z.object({ interactions: z.number().int() }),
  benignUsers: z.array(z.string()),
  scenarios: z.array(
    z.object({
      id: z.string(),
      pattern: z.string(),
      user: z.string(),
      recordIds: z.array(z.string()),
      interactionIds: z.array(z.string()),
      expect: z.object({ behaviourAlert: z.boolean(), findingCategories: z.array(z.string()), bypass: z.boolean().optional() }),
    }),
  ),
});
const manifest = Manifest.parse(JSON.parse(readFileSync("examples/quickstart/scenarios.json", "utf8")));

/** The behaviour detectors that stand for each seeded pattern. */
const PATTERN_KINDS: Record<string, BehaviourKind> = {
  retry_loop: "retry_loop",
  retry_loop_bypass: "retry_loop",
  escalation: "escalation",
  many_shot: "many_shot",
  cross_tool_evasion: "cross_tool_evasion",
  probing_burst: "probing_burst",
  information_gathering: "information_gathering",
  known_jailbreak_template: "jailbreak_attempts",
};

/** The credentials pasted in the credential scenarios, read from the raw input records. */
const SECRET_PATTERNS = [
  /AKIA[A-Z2-7]{16}/g,
  /AWS_SECRET_ACCESS_KEY=(\S+)/g,
  /postgres:\/\/[^:\s]+:([^@\s]+)@/g,
  /ghp_[A-Za-z0-9]{36}/g,
  /xox[bp]-[0-9A-Za-z-]+/g,
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g,
  /eyJ[\w-]+\.[\w-]+\.[\w-]+/g,
  /sk_live_[A-Za-z0-9]+/g,
  /-----BEGIN [A-Z ]+-----\n([\s\S]+?)\n-----END/g,
];

function pastedSecrets(): string[] {
  const recordIds = new Set(manifest.scenarios.filter((s) => s.pattern === "credential_in_prompt").flatMap((s) => s.recordIds));
  const prompts = readNdjson<{ source: { recordId: string }; prompt: { text: string } }>(CORPUS)
    .filter((r) => recordIds.has(r.source.recordId))
    .map((r) => r.prompt.text);
  expect(prompts).toHaveLength(recordIds.size);
  // A private key is checked line by line: a masked key must not leave any of its body behind.
  return prompts.flatMap((text) => SECRET_PATTERNS.flatMap((re) => [...text.matchAll(re)].flatMap((m) => (m[1] ?? m[0]).split("\n")))).filter((s) => s.length >= 8);
}

let result: RunResult;
let records: Enriched[];
let output: string;
let dir: string;
const byUser = (user: string) => records.filter((r) => r.user.email === user);
const alertsOf = (user: string) => byUser(user).flatMap((r) => r.alerts);

beforeAll(async () => {
  dir = tempDir("aisiem-quickstart-");
  const { config } = parseConfig(readFileSync(CONFIG, "utf8"));
  config.stateDir = join(dir, "state");
  expect(config.sinks).toHaveLength(1);
  config.sinks[0] = { ...config.sinks[0]!, path: join(dir, "enriched.ndjson") };
  result = await runPipeline({ config, logger: silentLogger, metricsIntervalMs: 0 });
  output = readFileSync(join(dir, "enriched.ndjson"), "utf8");
  records = readNdjson<Enriched>(join(dir, "enriched.ndjson"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("quickstart run", () => {
  it("writes every interaction of the corpus once and dead-letters nothing", () => {
    expect(result.complete).toBe(true);
    expect(result.metrics.deadLettered).toBe(0);
    expect(existsSync(result.dlqPath) ? readFileSync(result.dlqPath, "utf8").trim() : "").toBe("");
    expect(records).toHaveLength(manifest.counts.interactions);
    expect(new Set(records.map((r) => r.id)).size).toBe(manifest.counts.interactions);
  });

  it("gives every record a summary and a risk", () => {
    for (const r of records) {
      expect(r.summary?.text.length).toBeGreaterThan(0);
      expect(r.risk.score).toBeGreaterThanOrEqual(0);
      expect(["none", "low", "medium", "high", "critical"]).toContain(r.risk.level);
    }
    expect(records.some((r) => r.risk.level !== "none")).toBe(true);
  });

  const seeded = manifest.scenarios.filter((s) => s.expect.behaviourAlert);
  it("covers every seeded pattern with a detector", () => {
    expect(seeded.length).toBeGreaterThanOrEqual(8);
    for (const s of seeded) expect(PATTERN_KINDS).toHaveProperty(s.pattern);
  });

  it.each(seeded.map((s) => [s.id, s] as const))("raises the behaviour alert of %s on its seeded interactions", (_id, scenario) => {
    const kind = PATTERN_KINDS[scenario.pattern]!;
    const alerts = alertsOf(scenario.user).filter((a) => a.signal.kind === kind);
    expect(alerts.length).toBeGreaterThan(0);
    const seededIds = new Set(scenario.interactionIds);
    for (const alert of alerts) {
      expect(alert.userId).toBe(scenario.user);
      expect(alert.signal.evidenceIds.filter((id) => seededIds.has(id)).length).toBeGreaterThanOrEqual(Math.min(2, seededIds.size));
    }
    if (scenario.expect.bypass) expect(alerts.some((a) => a.signal.attributes?.bypass_suspected === true)).toBe(true);
  });

  it("raises no behaviour alert for any benign user, the allow-listed red-team member included", () => {
    expect(manifest.benignUsers.length).toBeGreaterThan(0);
    for (const user of manifest.benignUsers) {
      expect(byUser(user).length).toBeGreaterThan(0);
      expect({ user, alerts: alertsOf(user).map((a) => a.signal.kind) }).toEqual({ user, alerts: [] });
    }
    const redTeam = records.find((r) => r.user.groups?.includes("sec-ai-red-team"));
    expect(redTeam).toBeDefined();
    expect(records.filter((r) => r.user.email === redTeam!.user.email).flatMap((r) => r.behaviour)).toEqual([]);
  });

  it("raises no behaviour alert on the scenarios that expect none", () => {
    for (const s of manifest.scenarios.filter((x) => !x.expect.behaviourAlert)) {
      const ids = new Set(s.interactionIds);
      expect({ scenario: s.id, alerts: records.filter((r) => ids.has(r.id)).flatMap((r) => r.alerts.map((a) => a.signal.kind)) }).toEqual({ scenario: s.id, alerts: [] });
    }
  });

  it.each(manifest.scenarios.map((s) => [s.id, s] as const))("finds the expected finding categories on %s", (_id, scenario) => {
    const ids = new Set(scenario.interactionIds);
    const found = new Set(records.filter((r) => ids.has(r.id)).flatMap((r) => r.findings.map((f) => f.category as string)));
    expect(scenario.expect.findingCategories.filter((c) => !found.has(c))).toEqual([]);
  });

  it("leaves no pasted secret anywhere in the output", () => {
    const secrets = pastedSecrets();
    expect(secrets.length).toBeGreaterThanOrEqual(9);
    expect(secrets.filter((s) => output.includes(s))).toEqual([]);
  });
});
