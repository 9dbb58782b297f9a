import { connector } from "../../../src/connectors/aws-bedrock/index.js";
import { providerOf, principalName } from "../../../src/connectors/aws-bedrock/invocation-log.js";
import { interactionId, Interaction } from "../../../src/model/index.js";
import { expectGolden, fixtureRecords, interactionsOf, parseAll } from "../_guardrail/golden.js";

const parse = (record: unknown, content?: "keep" | "hash" | "drop") => connector.parse(record, { options: undefined as never, content });
const logs = fixtureRecords("aws-bedrock", "invocation-logs.ndjson");
const byRequest = (id: string) => interactionsOf(parseAll(connector, logs)).find((i) => i.source.recordId === id)!;

describe("aws-bedrock invocation logs", () => {
  it("matches the reviewed golden output for Converse, Claude, Nova, Titan, Llama, Mistral, Cohere and error records", () => {
    const outcomes = expectGolden(connector, "invocation-logs.ndjson");
    expect(outcomes.every((o) => "interactions" in o && o.interactions.length === 1)).toBe(true);
    for (const interaction of interactionsOf(outcomes)) expect(() => Interaction.parse(interaction)).not.toThrow();
  });

  it("keeps what Bedrock blocked apart from what it only detected", () => {
    expect(byRequest("6f1c2a9e-0001-4d0e-9a51-3f1b2c4d5e01").findings.map((f) => [f.label, f.category, f.action, f.target])).toEqual([
      ["PROMPT_ATTACK", "prompt_injection", "blocked", "prompt"],
    ]);
    expect(byRequest("6f1c2a9e-0003-4d0e-9a51-3f1b2c4d5e03").findings.map((f) => [f.label, f.action, f.severity])).toEqual([["INSULTS", "observed", "medium"]]);
    expect(byRequest("6f1c2a9e-0004-4d0e-9a51-3f1b2c4d5e04").findings).toEqual([]);
  });

  it("masks the PII Bedrock copied into its trace and locates nothing it cannot find", () => {
    const findings = byRequest("6f1c2a9e-0002-4d0e-9a51-3f1b2c4d5e02").findings;
    const serialised = JSON.stringify(findings);
    expect(serialised).not.toContain("joana.reis@example.com");
    expect(serialised).not.toContain("Joana Reis");
    expect(serialised).not.toContain("EMP-004211");
    expect(findings.map((f) => [f.label, f.category, f.action, f.evidence[0]?.snippet])).toEqual([
      ["NAME", "pii", "masked", "***** ****"],
      ["EMAIL", "pii", "masked", "*****.****@*******.***"],
      ["employee-id", "pii", "observed", "***-******"],
    ]);
  });

  it("finds matches in the judged prompt and gives their offsets", () => {
    const [topic, word] = byRequest("6f1c2a9e-0005-4d0e-9a51-3f1b2c4d5e05").findings;
    expect(topic).toMatchObject({ category: "denied_topic", label: "Competitors", action: "blocked", policy: { id: "gr-sales04" } });
    const prompt = byRequest("6f1c2a9e-0005-4d0e-9a51-3f1b2c4d5e05").prompt.text;
    const evidence = word!.evidence[0]!;
    expect(prompt.slice(evidence.start, evidence.end)).toBe("CompetitorCo");
    expect(evidence.snippet).toBe("************");
  });

  it("reports an intervention without a trace instead of dropping it", () => {
    expect(byRequest("6f1c2a9e-0008-4d0e-9a51-3f1b2c4d5e08").findings).toEqual([
      expect.objectContaining({ label: "GUARDRAIL_INTERVENED", category: "policy", action: "blocked", target: "interaction" }),
    ]);
  });

  it("derives the end user, session and app from requestMetadata and the IAM principal", () => {
    const first = byRequest("6f1c2a9e-0001-4d0e-9a51-3f1b2c4d5e01");
    expect(first.user).toEqual({ id: "u-48213", aliases: ["arn:aws:sts::111122223333:assumed-role/support-bot/i-0abc1234"] });
    expect(first.conversationId).toBe("s-77");
    expect(first.app.name).toBe("support-bot");
    expect(first.id).toBe(interactionId("aws-bedrock", "6f1c2a9e-0001-4d0e-9a51-3f1b2c4d5e01"));
    const custom = connector.parse(logs[0], { options: { userKeys: ["session"], conversationKeys: [], appKeys: [] } })[0]!;
    expect(custom.user.id).toBe("s-77");
    expect(custom.conversationId).toBeUndefined();
  });

  it("names the provider and principal behind model ids and ARNs", () => {
    expect(providerOf("eu.anthropic.claude-3-7-sonnet-20250219-v1:0")).toBe("anthropic");
    expect(providerOf("arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0")).toBe("meta");
    expect(providerOf("arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abc123")).toBeUndefined();
    expect(principalName("arn:aws:iam::111122223333:user/batch-summariser")).toBe("batch-summariser");
    expect(principalName(undefined)).toBeUndefined();
  });

  it("hashes or drops text, snippets and raw when the content mode says so", () => {
    const hashed = parse(logs[1], "hash")[0]!;
    expect(hashed.content).toBe("hashed");
    expect(hashed.prompt.text).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hashed.raw).toBeUndefined();
    expect(hashed.findings.every((f) => f.evidence.every((e) => e.snippet === undefined))).toBe(true);
    const dropped = parse(logs[1], "drop")[0]!;
    expect([dropped.prompt.text, dropped.response.text]).toEqual(["", ""]);
    expect(parse(logs[1])[0]!.raw).toEqual(logs[1]);
  });
});

describe("aws-bedrock ApplyGuardrail envelopes", () => {
  it("matches the reviewed golden output", () => {
    expectGolden(connector, "apply-guardrail.ndjson");
  });

  it("lets the app's stated action override Bedrock's recommendation and ids a prompt and a response check apart", () => {
    const [prompt, response, clean] = interactionsOf(parseAll(connector, fixtureRecords("aws-bedrock", "apply-guardrail.ndjson")));
    expect(prompt!.findings.map((f) => [f.label, f.category, f.action, f.evidence[0]?.snippet])).toEqual([
      ["US_SOCIAL_SECURITY_NUMBER", "pii", "blocked", "***-**-****"],
      ["CREDIT_DEBIT_CARD_NUMBER", "financial", "blocked", "**** **** **** ****"],
    ]);
    expect(response!.findings.map((f) => [f.label, f.action, f.target])).toEqual([["MISCONDUCT", "allowed", "response"]]);
    expect(prompt!.source.recordId).toBe("req-7781#prompt");
    expect(response!.source.recordId).toBe("req-7781#response");
    expect(clean!.findings).toEqual([]);
    expect(clean!.source.recordId).toMatch(/^sha256:/);
  });
});

describe("aws-bedrock CloudWatch Logs payloads", () => {
  it("reads every log event of a subscription payload and ignores control messages", () => {
    const [payload] = fixtureRecords("aws-bedrock", "cloudwatch-subscription.json");
    expect(parse(payload).map((i) => [i.source.recordId, i.prompt.text, i.response.text])).toEqual([
      ["cw-0001", "Opening hours?", "9 to 5, Monday to Friday."],
      ["cw-0002", "Parking?", "Free parking behind the building."],
    ]);
    expect(parse({ messageType: "CONTROL_MESSAGE", logEvents: [{ id: "1", timestamp: 1, message: "CWL CONTROL MESSAGE: Checking health of destination Firehose." }] })).toEqual([]);
  });
});

describe("aws-bedrock malformed records", () => {
  it("fails each with a reason that names the field", () => {
    const errors = expectGolden(connector, "malformed.ndjson").map((o) => ("error" in o ? o.error : "parsed"));
    expect(errors[0]).toMatch(/requestId/);
    expect(errors[1]).toMatch(/timestamp/);
    expect(errors[2]).toMatch(/filters\[0\]\.type/);
    expect(errors[3]).toMatch(/expected a model invocation log/);
    expect(errors[4]).toMatch(/guardrailResponse\.action/);
    expect(errors[4]).toMatch(/colour/);
    expect(errors[5]).toMatch(/logEvents\[0\]\.message is not JSON/);
    expect(errors[6]).toMatch(/expects a JSON object, got an array/);
  });
});
