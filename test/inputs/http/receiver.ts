import { join } from "node:path";
import { HttpInput, HttpInputConfig } from "../../../src/inputs/http/index.js";
import type { Checkpoint, RawRecord } from "../../../src/inputs/types.js";
import { silentLogger, tempDir } from "../../support/fixtures.js";
import { decodeRpcStatus, type DecodedStatus } from "./rpc-status.js";

export const TOKEN = "test-token-0123456789abcdef";

export interface DeadLettered {
  reason: string;
  original: unknown;
  origin: string;
}

/** A receiver on an ephemeral loopback port, with what it yielded and dead-lettered collected. */
export interface TestReceiver {
  url: string;
  /** `host:port` of the OTLP/gRPC listener, when the config has `grpc`. */
  grpcAddress?: string;
  input: HttpInput;
  records: RawRecord[];
  deadLetters: DeadLettered[];
  /** Resolves once `count` records were yielded. */
  waitFor(count: number): Promise<RawRecord[]>;
  stop(): Promise<void>;
}

export async function startReceiver(overrides: Partial<HttpInputConfig> = {}, from: Checkpoint = {}): Promise<TestReceiver> {
  const config = HttpInputConfig.parse({
    type: "http",
    port: 0,
    tokens: [TOKEN],
    spoolDir: join(tempDir("aisiem-http-"), "spool"),
    ...overrides,
  });
  const input = new HttpInput(config, { stateDir: tempDir("aisiem-http-state-"), source: "http" });
  const stop = new AbortController();
  const records: RawRecord[] = [];
  const deadLetters: DeadLettered[] = [];
  const waiters: Array<() => void> = [];
  const loop = (async () => {
    const ctx = { logger: silentLogger, signal: stop.signal, deadLetter: (reason: string, original: unknown, origin: string) => deadLetters.push({ reason, original, origin }) };
    for await (const record of input.read(from, ctx)) {
      records.push(record);
      for (const wake of waiters.splice(0)) wake();
    }
  })();
  const url = await input.url;
  const grpcAddress = config.grpc ? await input.grpcAddress : undefined;
  return {
    url,
    grpcAddress,
    input,
    records,
    deadLetters,
    async waitFor(count) {
      while (records.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return records;
    },
    async stop() {
      stop.abort();
      await loop;
    },
  };
}

export async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, { method: "POST", body, headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...headers } });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}

/** POSTs an OTLP protobuf body; the google.rpc.Status of a reply that is not 2xx is decoded as `rpc`. */
export async function postProtobuf(url: string, body: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; rpc?: DecodedStatus; headers: Headers; bytes: number }> {
  const response = await fetch(url, { method: "POST", body, headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/x-protobuf", ...headers } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, rpc: response.ok ? undefined : decodeRpcStatus(bytes), headers: response.headers, bytes: bytes.length };
}
