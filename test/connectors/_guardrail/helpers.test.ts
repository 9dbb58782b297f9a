import { toTurn } from "../../../src/connectors/_guardrail/conversation.js";
import { maskMatch, matchEvidence } from "../../../src/connectors/_guardrail/evidence.js";
import { hashRecordId } from "../../../src/connectors/_guardrail/record-id.js";

describe("guardrail helpers", () => {
  it("masks every letter and digit of a match, in any script, and keeps its shape", () => {
    expect(maskMatch("joão.silva@example.pt")).toBe("****.*****@*******.**");
    expect(maskMatch("Иван 4111-1111")).toBe("**** ****-****");
    expect(maskMatch("x".repeat(600))).toHaveLength(512);
  });

  it("locates a match in the judged text unless the vendor gave offsets", () => {
    expect(matchEvidence("prompt", "call me at 555-0100 now", "555-0100")).toEqual({ target: "prompt", start: 11, end: 19, snippet: "***-****" });
    expect(matchEvidence("prompt", "no match here", "555-0100")).toEqual({ target: "prompt", snippet: "***-****" });
    expect(matchEvidence("response", "abc", "b", { start: 7, end: 8 })).toEqual({ target: "response", start: 7, end: 8, snippet: "*" });
    expect(matchEvidence("prompt", "abc", undefined)).toEqual({ target: "prompt" });
  });

  it("reads a side given as text, as texts, or as chat messages", () => {
    expect(toTurn("hello", "user")).toEqual({ text: "hello", messages: [{ role: "user", content: "hello" }] });
    expect(toTurn(["one", "two"], "assistant").text).toBe("two");
    const turn = toTurn(
      [
        { role: "developer", content: "rules" },
        { role: "user", content: [{ type: "text", text: "part 1 " }, { type: "image_url" }, { type: "text", text: "part 2" }] },
        { role: "assistant", content: null },
      ],
      "user",
    );
    expect(turn).toEqual({
      text: "part 1 part 2",
      messages: [
        { role: "system", content: "rules" },
        { role: "user", content: "part 1 part 2" },
        { role: "assistant", content: "" },
      ],
    });
    expect(toTurn(undefined, "user")).toEqual({ text: "", messages: [] });
  });

  it("hashes a record the same whatever its key order, and differently when a value differs", () => {
    expect(hashRecordId({ a: 1, b: { c: 2, d: 3 } })).toBe(hashRecordId({ b: { d: 3, c: 2 }, a: 1 }));
    expect(hashRecordId({ a: 1 })).not.toBe(hashRecordId({ a: 2 }));
    expect(hashRecordId({ a: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
