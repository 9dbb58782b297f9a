/** Each seeded pattern raises its alert; benign look-alikes raise none. */
import { buildScenarios } from "../../../scripts/eval/behaviour-scenarios.js";
import { alertKinds, runBatches, stageWith } from "./helpers.js";

describe.each(buildScenarios().map((s) => [s.name, s] as const))("scenario: %s", (_name, scenario) => {
  it(scenario.expectAlerts.length ? `alerts ${scenario.expectAlerts.join(", ")}` : "raises no alert", async () => {
    const out = await runBatches(stageWith(), scenario.records, 3);
    expect(alertKinds(out)).toEqual([...scenario.expectAlerts].sort());
  });
});

describe("scenario details", () => {
  const byPattern = (pattern: string) => buildScenarios().find((s) => s.pattern === pattern)!;

  it("reports retries, refusals, the framing shift and the suspected bypass, with the evidence chain", async () => {
    const { records } = byPattern("retry_loop");
    const out = await runBatches(stageWith(), records);
    const last = out[2]!.behaviour.find((s) => s.kind === "retry_loop")!;
    expect(last.counts).toMatchObject({ retry_count: 2, refusals: 2, time_to_retry_s: 120 });
    expect(last.attributes).toMatchObject({ bypass_suspected: true, framing_shift: ["fiction"] });
    expect(last.severity).toBe("high");
    expect(last.evidenceIds).toEqual(records.map((r) => r.id));
    expect(out[1]!.behaviour.find((s) => s.kind === "retry_loop")?.attributes?.bypass_suspected).toBe(false);
  });

  it("stitches UPN, DOMAIN\\user and plus-addressed email into one person for cross-tool evasion", async () => {
    const { records } = byPattern("cross_tool_evasion");
    const stage = stageWith(undefined, { identity: { netbiosDomains: { CONTOSO: "contoso.com" } } });
    const out = await runBatches(stage, records);
    const alert = out[1]!.alerts.find((a) => a.signal.kind === "cross_tool_evasion")!;
    expect(alert.userId).toBe("cy.jones@contoso.com");
    expect(alert.signal.attributes).toMatchObject({ answered: true, tools: ["Microsoft 365 Copilot", "ChatGPT Enterprise"] });
    expect(alert.signal.evidenceIds).toEqual([records[0]!.id, records[1]!.id]);
    expect(alert.atlas).toEqual(["AML.T0054"]);
  });

  it("keeps one probing alert open and revises it as evidence grows instead of repeating it", async () => {
    const out = await runBatches(stageWith(), byPattern("probing_burst").records, 2);
    const alerts = out.flatMap((r) => r.alerts).filter((a) => a.signal.kind === "probing_burst");
    expect(new Set(alerts.map((a) => a.id)).size).toBe(1);
    expect(alerts.map((a) => a.revision)).toEqual([1, 2, 3, 4]);
    expect(alerts.at(-1)!.signal.evidenceIds).toHaveLength(8);
  });

  it("raises the red-team scenario's alerts once the allow-list no longer covers the group", async () => {
    const redTeam = buildScenarios().find((s) => s.name.includes("red-team"))!;
    const out = await runBatches(stageWith(undefined, { allow: [] }), redTeam.records);
    expect(alertKinds(out)).toContain("probing_burst");
  });

  it("exempts only the listed detectors of an allow-list entry", async () => {
    const redTeam = buildScenarios().find((s) => s.name.includes("red-team"))!;
    const out = await runBatches(stageWith(undefined, { allow: [{ groups: ["red-team"], detectors: ["retry_loop"] }] }), redTeam.records);
    expect(alertKinds(out)).toContain("probing_burst");
    expect(out.flatMap((r) => r.behaviour).some((s) => s.kind === "retry_loop")).toBe(false);
  });
});
