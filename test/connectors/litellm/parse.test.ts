import { join } from "node:path";
import { repoRoot } from "../../support/cli.js";
import { readNdjson } from "../../support/fixtures.js";
import { connector } from "../../../src/connectors/litellm/index.js";
import { textHash } from "../../../src/model/index.js";

const fixtures = join(repoRoot, "test", "fixtures", "litellm");
const lines = (name: string): unknown[] => readNdjson<unknown>(join(fixtures, name));

describe("litellm parse", () => {
  const inputs = lines("payloads.ndjson");
  const golden = lines("payloads.golden.ndjson");

  it.each(inputs.map((input, i) => [i, input]))("maps record %i to its reviewed golden Interaction and keeps raw", (i, input) => {
    const [interaction] = connector.parse(input, { options: {} });
    const { raw, ...rest } = interaction!;
    expect(rest).toEqual(golden[i as number]);
    expect(raw).toBe(input);
  });

  it("rejects malformed records with the path of the problem", () => {
    const [noId, badTime] = lines("malformed.ndjson");
    expect(() => connector.parse(noId, { options: {} })).toThrow("invalid LiteLLM StandardLoggingPayload: id: Invalid input: expected string, received undefined");
    expect(() => connector.parse(badTime, { options: {} })).toThrow(/startTime: Invalid input: expected number/);
    expect(() => connector.parse({ request_id: "r", call_type: "acompletion", startTime: "not a date" }, { options: {} })).toThrow(/startTime: not a date/);
  });

  it("hashes or drops text with the content option", () => {
    const [hashed] = connector.parse(inputs[0], { options: {}, content: "hash" });
    expect(hashed!.prompt.text).toBe(textHash("How many vacation days do I have?"));
    expect(hashed!.raw).toBeUndefined();
    const [dropped] = connector.parse(inputs[0], { options: {}, content: "drop" });
    expect(dropped!.response.text).toBe("");
    expect(dropped!.content).toBe("dropped");
  });
});
