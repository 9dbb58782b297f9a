import { connector } from "../../../src/connectors/azure-openai/index.js";
import { interactionId } from "../../../src/model/index.js";
import { expectGolden, fixtureRecords, interactionsOf } from "../_guardrail/golden.js";

const summary = (findings: { label?: string; category: string; action: string; target: string; severity: string }[]) =>
  findings.map((f) => [f.label, f.category, f.action, f.target, f.severity]);

describe("azure-openai chat completions and content_filter errors", () => {
  const outcomes = () => expectGolden(connector, "completions.ndjson");

  it("matches the reviewed golden output", () => {
    expect(outcomes().every((o) => "interactions" in o)).toBe(true);
  });

  it("reads a clean bare completion with its own id, time, answer and usage", () => {
    const [clean] = interactionsOf(outcomes());
    expect(clean).toMatchObject({
      id: interactionId("azure-openai", "chatcmpl-AZ0001"),
      timestamp: "2026-03-02T09:20:00.000Z",
      model: { responded: "gpt-4o-2024-11-20" },
      response: { text: "The quarterly report is due on 15 April.", finishReasons: ["stop"] },
      usage: { inputTokens: 24, outputTokens: 11, totalTokens: 35 },
      outcome: "success",
      findings: [],
    });
  });

  it("tells annotations Azure let through from content it filtered", () => {
    const [, annotated, filtered, blocklisted, rejected, unspecified, indirect] = interactionsOf(outcomes());
    expect(summary(annotated!.findings)).toEqual([
      ["violence", "harm", "allowed", "prompt", "low"],
      ["jailbreak", "jailbreak", "allowed", "prompt", "high"],
      ["protected_material_code", "protected_material", "allowed", "response", "medium"],
    ]);
    expect(annotated!.findings[2]!.evidence[0]!.snippet).toBe("MIT https://github.com/example/sorting-lib");
    expect(summary(filtered!.findings)).toEqual([
      ["violence", "harm", "allowed", "prompt", "medium"],
      ["violence", "harm", "blocked", "response", "high"],
    ]);
    expect(summary(blocklisted!.findings)).toEqual([
      ["project-codenames", "blocklist", "allowed", "prompt", "low"],
      ["content_filter", "policy", "blocked", "response", "low"],
    ]);
    expect(rejected).toMatchObject({ outcome: "failure", error: { code: "content_filter" }, user: { id: "u-48213" }, conversationId: "thread-19" });
    expect(summary(rejected!.findings)).toEqual([
      ["hate", "harm", "blocked", "prompt", "high"],
      ["jailbreak", "jailbreak", "blocked", "prompt", "high"],
    ]);
    expect(summary(unspecified!.findings)).toEqual([["content_filter", "policy", "blocked", "prompt", "low"]]);
    expect(summary(indirect!.findings)).toEqual([["indirect_attack", "indirect_prompt_injection", "blocked", "prompt", "high"]]);
  });
});

describe("azure-openai Content Safety and Prompt Shields", () => {
  it("matches the reviewed golden output and bands severities as Microsoft does", () => {
    const [analyzed, strict, clean, documents, attack] = interactionsOf(expectGolden(connector, "content-safety.ndjson"));
    expect(summary(analyzed!.findings)).toEqual([
      ["Violence", "harm", "unknown", "prompt", "medium"],
      ["corp-terms", "blocklist", "unknown", "prompt", "low"],
    ]);
    const blocklist = analyzed!.findings[1]!;
    expect(blocklist.evidence[0]).toEqual({ target: "prompt", start: 46, end: 60, snippet: "*******-******" });
    expect(JSON.stringify(analyzed!.findings)).not.toContain("project-falcon");
    expect(summary(strict!.findings)).toEqual([
      ["Sexual", "harm", "blocked", "response", "low"],
      ["Violence", "harm", "blocked", "response", "high"],
    ]);
    expect(clean!.findings).toEqual([]);
    expect(summary(documents!.findings)).toEqual([["documentAttack[1]", "indirect_prompt_injection", "unknown", "prompt", "high"]]);
    expect(summary(attack!.findings)).toEqual([["userPromptAttack", "jailbreak", "observed", "prompt", "high"]]);
  });
});

describe("azure-openai malformed records", () => {
  it("fails each with a reason that names the field", () => {
    const errors = expectGolden(connector, "malformed.ndjson").map((o) => ("error" in o ? o.error : "parsed"));
    expect(errors[0]).toMatch(/bare analyze result has no time/);
    expect(errors[1]).toMatch(/created: required without an envelope/);
    expect(errors[2]).toMatch(/choices\[0\]\.content_filter_results\.hate\.filtered/);
    expect(errors[3]).toMatch(/guardrailResponse: expected a chat completion/);
    expect(errors[4]).toMatch(/timestamp/);
    expect(errors[5]).toMatch(/guardrailResponse\.categoriesAnalysis\[0\]\.severity/);
    expect(errors[6]).toMatch(/a string or array: post a streamed completion in the envelope/);
    expect(fixtureRecords("azure-openai", "malformed.ndjson")).toHaveLength(7);
  });
});
