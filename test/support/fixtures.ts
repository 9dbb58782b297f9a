import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type { NativeInteractionInput } from "../../src/model/index.js";

export const silentLogger = pino({ level: "silent" });

export function tempDir(prefix = "aisiem-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A valid native interaction; `n` makes the record id (and so the interaction id) unique. */
export function nativeRecord(n: number, overrides: Partial<NativeInteractionInput> = {}): NativeInteractionInput {
  return {
    timestamp: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    source: { product: "ChatGPT Enterprise", vendor: "OpenAI", connector: "chatgpt-enterprise", recordId: `rec-${n}` },
    user: { email: `user${n % 7}@example.com` },
    app: { name: "ChatGPT Enterprise" },
    prompt: { text: `question number ${n}` },
    response: { text: `answer number ${n}` },
    ...overrides,
  };
}

export function writeNdjson(path: string, records: unknown[]): void {
  writeFileSync(path, records.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n");
}

export function readNdjson<T = Record<string, unknown>>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}
