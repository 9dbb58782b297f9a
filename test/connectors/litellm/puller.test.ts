import { connector } from "../../../src/connectors/litellm/index.js";
import type { Checkpoint, RawRecord } from "../../../src/inputs/types.js";
import { silentLogger } from "../../support/fixtures.js";
import { startSpendLogsEmulator, type SpendLogsEmulator } from "./spend-logs-emulator.js";

const KEY = "sk-admin-0123456789";
const base = Date.now() - 3 * 3_600_000;
const rows = Array.from({ length: 7 }, (_, i) => ({
  request_id: `req-${i}`,
  call_type: "acompletion",
  startTime: new Date(base + i * 20 * 60_000).toISOString().replace("Z", ""),
  model: "gpt-4o",
  status: "success",
  metadata: { user_api_key_alias: "hr-bot" },
}));

async function pull(emulator: SpendLogsEmulator, from: Checkpoint, limit = Infinity): Promise<RawRecord[]> {
  const options = { baseUrl: emulator.url, apiKey: KEY, since: new Date(base - 60_000).toISOString(), follow: false, pageSize: 2, windowMinutes: 60, settleMinutes: 0, retry: { initialDelayMs: 1 } };
  const ctx = { logger: silentLogger, signal: new AbortController().signal };
  const input = connector.createPuller!(connector.optionsSchema!.parse(options), ctx);
  const out: RawRecord[] = [];
  for await (const record of input.read(from, ctx)) {
    out.push(record);
    if (out.filter((r) => r.data !== undefined).length >= limit) break;
  }
  return out;
}

describe("litellm spend-log puller", () => {
  let emulator: SpendLogsEmulator;
  afterEach(async () => emulator?.close());

  it("reads every row window by window and page by page, retrying a 429, and every row parses", async () => {
    emulator = await startSpendLogsEmulator(rows, KEY, 1);
    const records = (await pull(emulator, {})).filter((r) => r.data !== undefined);
    expect(records.map((r) => (r.data as { request_id: string }).request_id)).toEqual(rows.map((r) => r.request_id));
    expect(records.every((r) => connector.parse(r.data, { options: {} })[0]!.app.name === "hr-bot")).toBe(true);
    expect(emulator.requests[0]!.get("sort_order")).toBe("asc");
    expect(emulator.requests[0]!.get("start_date")).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(emulator.requests.some((q) => q.get("page") === "2")).toBe(true);
  });

  it("resumes after the committed row", async () => {
    emulator = await startSpendLogsEmulator(rows, KEY);
    const firstRun = await pull(emulator, {}, 3);
    const position = firstRun.at(-1)!.position;
    const rest = (await pull(emulator, { [position.key]: position.value })).filter((r) => r.data !== undefined);
    expect(rest.map((r) => (r.data as { request_id: string }).request_id)).toEqual(["req-3", "req-4", "req-5", "req-6"]);
  });
});
