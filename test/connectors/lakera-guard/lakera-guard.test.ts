import { connector } from "../../../src/connectors/lakera-guard/index.js";
import { interactionId } from "../../../src/model/index.js";
import { expectGolden, interactionsOf } from "../_guardrail/golden.js";
import { errorsOf, summary } from "../_guardrail/summary.js";

describe("lakera-guard", () => {
  it("matches the reviewed golden output and keeps detection apart from the app's action", () => {
    const [attack, clean, noBreakdown, observed] = interactionsOf(expectGolden(connector, "verdicts.ndjson"));
    expect(attack!.id).toBe(interactionId("lakera-guard", "0b6e1d2c-1111-4a5b-9c8d-000000000001"));
    expect(summary(attack!.findings)).toEqual([
      ["prompt_attack", "prompt_injection", "blocked", "prompt", "high"],
      ["pii/email", "pii", "blocked", "prompt", "medium"],
    ]);
    expect(attack!.findings[0]!.policy).toEqual({ id: "policy-a1" });
    expect(attack!.labels).toEqual({ lakeraProject: "project-4411", lakeraModelVersion: "lakera-guard-2" });
    expect(clean!.findings).toEqual([]);
    expect(summary(noBreakdown!.findings)).toEqual([["flagged", "policy", "unknown", "response", "low"]]);
    expect(noBreakdown!.source.recordId).toBe("hb-77#response");
    expect(summary(observed!.findings)).toEqual([
      ["moderated_content/profanity", "toxicity", "observed", "prompt", "medium"],
      ["pii/passport_number", "pii", "observed", "prompt", "medium"],
    ]);
  });

  it("masks the matched text Lakera returns in its payload and keeps its offsets", () => {
    const [attack] = interactionsOf(expectGolden(connector, "verdicts.ndjson"));
    expect(attack!.findings[1]!.evidence).toEqual([{ target: "prompt", start: 53, end: 72, snippet: "*******@*******.***", messageIndex: 1 }]);
    expect(JSON.stringify(attack!.findings)).not.toContain("mallory");
  });

  it("rejects what is not a Lakera verdict in its envelope", () => {
    const errors = errorsOf(expectGolden(connector, "malformed.ndjson"));
    expect(errors[0]).toMatch(/guardrailResponse\.flagged/);
    expect(errors[1]).toMatch(/guardrailResponse\.payload\[0\]\.start/);
    expect(errors[2]).toMatch(/guardrailResponse: required: post the vendor response/);
  });
});
