import { connector } from "../../../src/connectors/llama-guard/index.js";
import { expectGolden, interactionsOf } from "../_guardrail/golden.js";
import { errorsOf, summary } from "../_guardrail/summary.js";

describe("llama-guard", () => {
  it("matches the reviewed golden output: S-codes become harm findings", () => {
    const [unsafe, safe, weapons, bare] = interactionsOf(expectGolden(connector, "verdicts.ndjson"));
    expect(summary(unsafe!.findings)).toEqual([
      ["S2", "harm", "unknown", "prompt", "high"],
      ["S14", "harm", "unknown", "prompt", "high"],
    ]);
    expect(unsafe!.findings.map((f) => [f.harm, f.owasp])).toEqual([
      ["S2", ["LLM05"]],
      ["S14", ["LLM05", "LLM06"]],
    ]);
    expect(unsafe!.labels).toEqual({ classifier: "Llama-Guard-3-8B", requestId: "lg-1" });
    expect(safe!.findings).toEqual([]);
    expect(summary(weapons!.findings)).toEqual([["S9", "harm", "blocked", "prompt", "high"]]);
    expect(summary(bare!.findings)).toEqual([["unsafe", "harm", "unknown", "prompt", "high"]]);
    expect(bare!.findings[0]!.harm).toBeUndefined();
  });

  it("rejects text that is not a Llama Guard verdict", () => {
    const errors = errorsOf(expectGolden(connector, "malformed.ndjson"));
    expect(errors[0]).toMatch(/guardrailResponse: expected "safe" or "unsafe"/);
    expect(errors[1]).toMatch(/unknown category code\(s\) "S99"/);
    expect(errors[2]).toMatch(/guardrailResponse/);
  });
});
