import { connector } from "../../../src/connectors/model-armor/index.js";
import { expectGolden, interactionsOf } from "../_guardrail/golden.js";
import { errorsOf, summary } from "../_guardrail/summary.js";

describe("model-armor", () => {
  it("matches the reviewed golden output: one finding per matched filter, nothing for NO_MATCH_FOUND", () => {
    const [prompt, response, clean, partial] = interactionsOf(expectGolden(connector, "verdicts.ndjson"));
    expect(summary(prompt!.findings)).toEqual([
      ["pi_and_jailbreak", "prompt_injection", "unknown", "prompt", "high"],
      ["EMAIL_ADDRESS", "pii", "unknown", "prompt", "medium"],
    ]);
    expect(prompt!.findings[1]!.detector).toBe("modelarmor.sdp");
    expect(summary(response!.findings)).toEqual([
      ["malicious_uris", "malicious_url", "blocked", "response", "high"],
      ["harassment", "toxicity", "blocked", "response", "medium"],
    ]);
    expect(response!.findings[0]!.evidence).toEqual([{ target: "response", start: 30, end: 64, snippet: "****://*******.*******/*******.***" }]);
    expect(clean!.findings).toEqual([]);
    expect(summary(partial!.findings)).toEqual([["CREDIT_CARD_NUMBER", "financial", "unknown", "prompt", "medium"]]);
    expect(partial).toMatchObject({ error: { code: "3", message: "virus scan skipped: content type not supported" }, labels: { invocationResult: "PARTIAL" } });
  });

  it("ids the prompt and the response check of one request apart", () => {
    const [prompt, response] = interactionsOf(expectGolden(connector, "verdicts.ndjson"));
    expect([prompt!.source.recordId, response!.source.recordId]).toEqual(["ma-1001#prompt", "ma-1001#response"]);
    expect(prompt!.id).not.toBe(response!.id);
  });

  it("rejects what is not a sanitize result", () => {
    const errors = errorsOf(expectGolden(connector, "malformed.ndjson"));
    expect(errors[0]).toMatch(/guardrailResponse\.sanitizationResult/);
    expect(errors[1]).toMatch(/guardrailResponse\.sanitizationResult\.filterMatchState/);
  });
});
