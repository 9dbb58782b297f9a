import { connector } from "../../../src/connectors/azure-openai/index.js";
import { interactionId } from "../../../src/model/index.js";
import { expectGolden, fixtureRecords, interactionsOf, parseAll } from "../_guardrail/golden.js";
import { errorsOf, summary } from "../_guardrail/summary.js";

describe("azure-openai streamed chat completions", () => {
  const parsed = () => interactionsOf(expectGolden(connector, "streams.ndjson"));

  it("reassembles the text of a default stream given as server-sent events, with its usage and prompt context", () => {
    const [clean] = parsed();
    expect(clean).toMatchObject({
      id: interactionId("azure-openai", "chatcmpl-AZS001"),
      timestamp: "2026-03-03T09:00:00Z",
      conversationId: "thread-201",
      user: { id: "u-48213" },
      model: { requested: "gpt-4o", responded: "gpt-4o-2024-11-20" },
      prompt: { text: "When is the expense report due?" },
      response: { text: "Expense reports are due on the 5th of each month.", finishReasons: ["stop"] },
      usage: { inputTokens: 17, outputTokens: 12, totalTokens: 29 },
      outcome: "success",
      findings: [],
    });
  });

  it("keeps the worst severity per category over the annotation chunks and reads the early prompt_annotations key", () => {
    const [, asynchronous] = parsed();
    expect(asynchronous!.response.text).toBe("The knight drew his sword.");
    expect(summary(asynchronous!.findings)).toEqual([
      ["jailbreak", "jailbreak", "allowed", "prompt", "high"],
      ["violence", "harm", "allowed", "response", "medium"],
    ]);
  });

  it("treats a category filtered in any chunk as blocked, keeping what was detected earlier", () => {
    const [, , stopped, unspecified] = parsed();
    expect(stopped!.response).toMatchObject({ text: "Here are the lyrics: ", finishReasons: ["content_filter"] });
    expect(summary(stopped!.findings)).toEqual([
      ["hate", "harm", "allowed", "response", "low"],
      ["protected_material_text", "protected_material", "blocked", "response", "medium"],
    ]);
    expect(summary(unspecified!.findings)).toEqual([["content_filter", "policy", "blocked", "response", "low"]]);
    expect(unspecified!.source.recordId).toBe("chatcmpl-AZS004");
  });

  it("joins tool-call fragments and unites blocklist hits across chunks", () => {
    const [, , , , tools] = parsed();
    expect(tools!.response.messages[0]!.toolCalls).toEqual([{ id: "call_7Qd", name: "project_status", arguments: '{"name":"Falcon"}' }]);
    expect(tools!.response.finishReasons).toEqual(["tool_calls"]);
    expect(summary(tools!.findings)).toEqual([
      ["project-codenames", "blocklist", "allowed", "prompt", "low"],
      ["project-codenames", "blocklist", "blocked", "response", "low"],
    ]);
  });

  it("gives a stream the same record id as the whole completion, so either delivery indexes once", () => {
    const stream = fixtureRecords("azure-openai", "streams.ndjson")[0] as { guardrailResponse: string; timestamp: string };
    const whole = { id: "chatcmpl-AZS001", object: "chat.completion", created: 1772528400, choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "x" } }] };
    const [fromStream, fromWhole] = [stream, { timestamp: stream.timestamp, guardrailResponse: whole }].map((r) => connector.parse(r, { options: undefined })[0]!);
    expect(fromStream!.id).toBe(fromWhole!.id);
  });
});

describe("azure-openai malformed streams", () => {
  it("names the chunk and field that is wrong", () => {
    const errors = errorsOf(expectGolden(connector, "streams-malformed.ndjson"));
    expect(errors).toHaveLength(7);
    expect(errors[0]).toMatch(/chunk\[2\]: data is not JSON/);
    expect(errors[1]).toMatch(/chunk\[2\]\.choices\[0\]\.index: /);
    expect(errors[2]).toMatch(/no chunk carries the completion id/);
    expect(errors[3]).toMatch(/guardrailResponse: a single stream chunk/);
    expect(errors[4]).toMatch(/a string or array: post a streamed completion in the envelope/);
    expect(errors[5]).toMatch(/no `data:` event/);
    expect(errors[6]).toMatch(/chunk\[1\]\.choices\[0\]\.content_filter_results\.hate\.severity/);
  });

  it("accepts SSE text with CRLF line ends and multi-line data", () => {
    const chunk = { id: "chatcmpl-AZS095", object: "chat.completion.chunk", created: 1772528700, choices: [{ index: 0, finish_reason: "stop", delta: { content: "ok" } }] };
    const text = `: comment\r\ndata: ${JSON.stringify(chunk).replace('"choices"', '\r\ndata: "choices"')}\r\n\r\ndata: [DONE]\r\n\r\n`;
    const [outcome] = parseAll(connector, [{ timestamp: "2026-03-03T09:10:00Z", guardrailResponse: text }]);
    expect(outcome).toMatchObject({ interactions: [{ response: { text: "ok" } }] });
  });
});
