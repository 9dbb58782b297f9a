/**
 * LiteLLM itself (Python, from test/.venv, installed by .ci/install.d/40-litellm.sh) sends its
 * StandardLoggingPayload through its generic API logger to the receiver; the litellm connector
 * parses what arrived.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { connector } from "../../../src/connectors/litellm/index.js";
import { startReceiver, TOKEN, type TestReceiver } from "../../inputs/http/receiver.js";

const here = dirname(fileURLToPath(import.meta.url));
const python = join(here, "..", "..", ".venv", "bin", "python");
const run = promisify(execFile);

describe("litellm with LiteLLM's generic API logger", () => {
  let receiver: TestReceiver;
  beforeAll(() => {
    if (!existsSync(python)) throw new Error(`${python} is missing: run bash .ci/install.d/40-litellm.sh`);
  });
  afterEach(async () => receiver?.stop());

  it.each(["json_array", "ndjson"])("parses a success and a failure sent as %s", async (format) => {
    receiver = await startReceiver();
    await run(python, [join(here, "send_with_litellm.py"), `${receiver.url}/v1/ingest/litellm`, TOKEN, format], {
      env: { ...process.env, LITELLM_LOCAL_MODEL_COST_MAP: "True", LITELLM_LOG: "ERROR" },
      timeout: 60_000,
    });
    const records = await receiver.waitFor(2);
    expect(records.every((r) => r.connector === "litellm")).toBe(true);
    const interactions = records.flatMap((r) => connector.parse(r.data, { options: {}, origin: r.origin }));
    const success = interactions.find((i) => i.outcome === "success")!;
    const failure = interactions.find((i) => i.outcome === "failure")!;

    expect(success.user).toEqual({ id: "u-48213", groups: ["hr"], aliases: ["hr-bot"] });
    expect(success.app.name).toBe("hr-bot");
    expect(success.conversationId).toBe("sess-1");
    expect(success.model).toMatchObject({ provider: "openai", requested: "gpt-4o" });
    expect(success.prompt.text).toBe("What is 2+2?");
    expect(success.prompt.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(success.response.text).toBe("4");
    expect(success.usage?.totalTokens).toBeGreaterThan(0);
    expect(success.operation).toBe("acompletion");

    expect(failure.prompt.text).toBe("trigger a failure");
    expect(failure.error?.message).toMatch(/upstream exploded/);
    expect(failure.id).not.toBe(success.id);
  });
});
