import { connector } from "../../../src/connectors/openai-moderation/index.js";
import { interactionId } from "../../../src/model/index.js";
import { expectGolden, interactionsOf } from "../_guardrail/golden.js";
import { errorsOf, summary } from "../_guardrail/summary.js";

describe("openai-moderation", () => {
  it("matches the reviewed golden output with scores and no invented action", () => {
    const [threat, clean, story] = interactionsOf(expectGolden(connector, "verdicts.ndjson"));
    expect(threat!.id).toBe(interactionId("openai-moderation", "modr-8f2a01"));
    expect(summary(threat!.findings)).toEqual([
      ["harassment", "toxicity", "unknown", "prompt", "medium"],
      ["harassment/threatening", "toxicity", "unknown", "prompt", "medium"],
      ["violence", "harm", "unknown", "prompt", "high"],
    ]);
    expect(threat!.findings.map((f) => f.score)).toEqual([0.81, 0.74, 0.92]);
    expect(threat!.findings[2]!.harm).toBe("S1");
    expect(threat!.labels).toEqual({ moderationModel: "omni-moderation-2024-09-26" });
    expect(clean!.findings).toEqual([]);
    expect(summary(story!.findings)).toEqual([["sexual", "harm", "blocked", "response", "high"]]);
    expect(story!.findings[0]!.evidence).toEqual([{ target: "response", messageIndex: 1 }]);
    expect(story!.response.messages).toHaveLength(2);
  });

  it("rejects scores out of range, empty results and a prompt in an unknown shape", () => {
    const errors = errorsOf(expectGolden(connector, "malformed.ndjson"));
    expect(errors[0]).toMatch(/guardrailResponse\.results\[0\]\.category_scores\.violence/);
    expect(errors[1]).toMatch(/guardrailResponse\.results/);
    expect(errors[2]).toMatch(/prompt/);
  });
});
