import { connector } from "../../../src/connectors/prisma-airs/index.js";
import { interactionId } from "../../../src/model/index.js";
import { expectGolden, interactionsOf } from "../_guardrail/golden.js";
import { errorsOf, summary } from "../_guardrail/summary.js";

describe("prisma-airs", () => {
  it("matches the reviewed golden output: block, mask and alert-only profiles keep their own action", () => {
    const [blocked, masked, observed, benign] = interactionsOf(expectGolden(connector, "verdicts.ndjson"));
    expect(blocked!.id).toBe(interactionId("prisma-airs", "3c1d0001-0000-4000-8000-000000000001"));
    expect(summary(blocked!.findings)).toEqual([["injection", "prompt_injection", "blocked", "prompt", "high"]]);
    expect(blocked!.findings[0]!.policy).toEqual({ id: "8a1b2c3d-0000-4000-8000-000000000001", name: "prod-chat" });
    expect(summary(masked!.findings)).toEqual([["dlp", "pii", "masked", "prompt", "medium"]]);
    expect(masked!.findings[0]!.evidence).toEqual([{ target: "prompt", start: 11, end: 30 }]);
    expect(summary(observed!.findings)).toEqual([
      ["toxic_content", "toxicity", "observed", "response", "medium"],
      ["db_security", "other", "observed", "response", "medium"],
    ]);
    expect(benign!.findings).toEqual([]);
    expect(blocked!.labels).toMatchObject({ transactionId: "tx-981", prismaCategory: "malicious" });
  });

  it("rejects an unknown action and non-boolean detections", () => {
    const errors = errorsOf(expectGolden(connector, "malformed.ndjson"));
    expect(errors[0]).toMatch(/guardrailResponse\.action/);
    expect(errors[1]).toMatch(/guardrailResponse\.prompt_detected\.dlp/);
  });
});
