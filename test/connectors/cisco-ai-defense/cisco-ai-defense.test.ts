import { connector } from "../../../src/connectors/cisco-ai-defense/index.js";
import { interactionId } from "../../../src/model/index.js";
import { expectGolden, interactionsOf } from "../_guardrail/golden.js";
import { errorsOf, summary } from "../_guardrail/summary.js";

describe("cisco-ai-defense", () => {
  it("matches the reviewed golden output: one finding per rule, classifications when no rule is named", () => {
    const [injection, privacy, safe, classified] = interactionsOf(expectGolden(connector, "verdicts.ndjson"));
    expect(injection!.id).toBe(interactionId("cisco-ai-defense", "evt-0a1b2c3d-0001"));
    expect(summary(injection!.findings)).toEqual([["Prompt Injection", "prompt_injection", "unknown", "prompt", "high"]]);
    expect(injection!.labels).toEqual({ transactionId: "tx-5521", attackTechnique: "INSTRUCTION_OVERRIDE", explanation: "prompt tries to override system instructions" });
    expect(summary(privacy!.findings)).toEqual([
      ["PCI", "financial", "masked", "prompt", "medium"],
      ["PII", "pii", "masked", "prompt", "medium"],
    ]);
    expect(privacy!.labels?.entityTypes).toBe("International Bank Account Number (IBAN), Email Address");
    expect(safe!.findings).toEqual([]);
    expect(summary(classified!.findings)).toEqual([["SAFETY_VIOLATION", "toxicity", "unknown", "response", "low"]]);
  });

  it("rejects a verdict without is_safe and a user of the wrong type", () => {
    const errors = errorsOf(expectGolden(connector, "malformed.ndjson"));
    expect(errors[0]).toMatch(/guardrailResponse\.is_safe/);
    expect(errors[1]).toMatch(/user/);
  });
});
