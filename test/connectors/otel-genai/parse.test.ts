import { join } from "node:path";
import { repoRoot } from "../../support/cli.js";
import { readNdjson } from "../../support/fixtures.js";
import { connector } from "../../../src/connectors/otel-genai/index.js";
import { splitTraceRequest } from "../../../src/connectors/otel-genai/otlp.js";

const fixtures = join(repoRoot, "test", "fixtures", "otel-genai");
const lines = (name: string): unknown[] => readNdjson<unknown>(join(fixtures, name));

describe("otel-genai parse", () => {
  const [request] = lines("traces.ndjson");
  const golden = lines("traces.golden.ndjson");

  it("maps a whole export request to the reviewed golden Interactions, skipping spans without gen_ai data", () => {
    const interactions = connector.parse(request, { options: {} });
    expect(interactions.map(({ raw: _raw, ...rest }) => rest)).toEqual(golden);
  });

  it("gives a spooled span record the same Interaction as the span inside the whole request", () => {
    const [first] = splitTraceRequest(request);
    const [fromRecord] = connector.parse(first, { options: {} });
    expect(fromRecord!.id).toBe((golden[0] as { id: string }).id);
    expect(fromRecord!.raw).toBe(first);
  });

  it("rejects malformed spans with the path of the problem", () => {
    const [badId, badMessages, notOtlp] = lines("malformed.ndjson");
    expect(() => connector.parse(badId, { options: {} })).toThrow("invalid OTLP span record: span.traceId: expected 32 hex digits");
    expect(() => connector.parse(badMessages, { options: {} })).toThrow(/^gen_ai\.input\.messages: not valid JSON/);
    expect(() => connector.parse(notOtlp, { options: {} })).toThrow(/^not OTLP/);
  });

  it("names the span of a whole request that fails", () => {
    const broken = JSON.parse(JSON.stringify(request)) as { resourceSpans: [{ scopeSpans: [{ spans: Array<{ spanId: string }> }] }] };
    broken.resourceSpans[0].scopeSpans[0].spans[2]!.spanId = "nope";
    expect(() => connector.parse(broken, { options: {} })).toThrow(/^span 2: invalid OTLP span record: span\.spanId/);
  });

  it("drops text with the content option", () => {
    const [dropped] = connector.parse(request, { options: {}, content: "drop" });
    expect(dropped!.prompt.text).toBe("");
    expect(dropped!.prompt.messages).toEqual([{ role: "user", content: "" }]);
    expect(dropped!.raw).toBeUndefined();
  });
});
