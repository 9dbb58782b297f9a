import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { pino } from "pino";
import { stringify } from "yaml";
import { loadConfig } from "../../../src/config/index.js";
import { interactionId } from "../../../src/model/index.js";
import { runPipeline } from "../../../src/pipeline/runner.js";
import { GraphEmulator } from "../../emulators/graph-copilot/index.js";
import { tempDir } from "../../support/fixtures.js";
import { readLines } from "../_support/pull.js";
import { CERTIFICATE_ID, CERTIFICATE_PEM, CLIENT_STATE, PRIVATE_KEY_PEM, PROMPT, RESPONSE } from "./notifications.js";

const TOKEN = "receiver-token-0123456789abcdef";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("m365-copilot-transcripts push: subscription source, Graph emulator and the HTTP receiver", () => {
  let emulator: GraphEmulator;
  beforeEach(async () => {
    emulator = await new GraphEmulator().start();
  });
  afterEach(() => emulator.close());

  it("subscribes through the receiver's URL validation, then writes notified interactions and dead-letters forged ones", async () => {
    const dir = tempDir("aisiem-graph-push-");
    const port = await freePort();
    const receiverUrl = `http://127.0.0.1:${port}/v1/ingest/m365-copilot-transcripts`;
    const output = join(dir, "out.ndjson");
    const dlq = join(dir, "dlq.ndjson");
    const configPath = join(dir, "config.yaml");
    writeFileSync(join(dir, "key.pem"), PRIVATE_KEY_PEM);
    writeFileSync(join(dir, "cert.pem"), CERTIFICATE_PEM);
    process.env.AISIEM_TEST_GRAPH_CLIENT_STATE = CLIENT_STATE;
    writeFileSync(
      configPath,
      stringify({
        stateDir: join(dir, "state"),
        logging: { level: "silent" },
        dlq: { path: dlq },
        pipeline: { batchMaxRecords: 2, batchMaxWaitMs: 20 },
        sources: [
          {
            name: "copilot-push",
            connector: "m365-copilot-transcripts",
            input: { type: "http", port, tokens: [TOKEN], spoolDir: join(dir, "spool") },
            options: { tenantId: "tenant-1", notifications: { clientState: "${AISIEM_TEST_GRAPH_CLIENT_STATE}", keys: [{ certificateId: CERTIFICATE_ID, privateKey: `\${file:${join(dir, "key.pem")}}` }] } },
          },
          {
            name: "copilot-subscription",
            connector: "m365-copilot-transcripts",
            input: { type: "pull" },
            options: {
              tenantId: "tenant-1",
              clientId: "app",
              clientSecret: "test-secret",
              authorityUrl: emulator.url,
              baseUrl: emulator.url,
              subscription: { notificationUrl: receiverUrl, receiverToken: TOKEN, certificate: `\${file:${join(dir, "cert.pem")}}`, certificateId: CERTIFICATE_ID, clientState: "${AISIEM_TEST_GRAPH_CLIENT_STATE}", checkIntervalMs: 60_000 },
              retry: { maxAttempts: 100, initialDelayMs: 20, maxDelayMs: 100 },
            },
          },
        ],
        sinks: [{ type: "file", path: output }],
      }),
    );
    const { config } = loadConfig(configPath);
    const stop = new AbortController();
    const run = runPipeline({ config, logger: pino({ level: "silent" }), metricsIntervalMs: 0, signal: stop.signal });
    try {
      const subscription = await until("the subscription", () => [...emulator.subscriptions.values()][0]);
      expect(subscription).toMatchObject({
        resource: "/copilot/interactionHistory/getAllEnterpriseInteractions",
        changeType: "created,updated",
        includeResourceData: true,
        encryptionCertificateId: CERTIFICATE_ID,
        clientState: CLIENT_STATE,
        notificationUrl: `${receiverUrl}?token=${TOKEN}`,
        lifecycleNotificationUrl: `${receiverUrl}?token=${TOKEN}`,
      });

      expect(await emulator.notify(subscription.id, [PROMPT, RESPONSE])).toBe(202);
      // Forged or altered notifications are answered 202 as well (Graph: respond before validating), then dead-lettered.
      const tamper = (n: Record<string, unknown>) => ({ ...n, encryptedContent: { ...(n.encryptedContent as object), dataSignature: Buffer.alloc(32, 7).toString("base64") } });
      expect(await emulator.notify(subscription.id, [PROMPT], tamper)).toBe(202);
      expect(await emulator.notify(subscription.id, [RESPONSE], (n) => ({ ...n, clientState: "not-the-client-state" }))).toBe(202);
      expect(await emulator.lifecycle(subscription, "missed")).toBe(202);
      const unauthenticated = await fetch(receiverUrl, { method: "POST", body: JSON.stringify({ value: [] }), headers: { "Content-Type": "application/json" } });
      expect(unauthenticated.status).toBe(401);

      const written = await until("three records", () => {
        const lines = readLines<{ id: string; operation: string; prompt: { text: string } }>(output);
        return lines.length >= 3 ? lines : undefined;
      });
      expect(written.map((r) => r.operation).sort()).toEqual(["aiResponse", "subscription.missed", "userPrompt"]);
      // The same ids the pull gives these interactions.
      const pushed = written.filter((r) => r.operation !== "subscription.missed").map((r) => r.id);
      expect(pushed.sort()).toEqual([interactionId("m365-copilot-transcripts", PROMPT.id), interactionId("m365-copilot-transcripts", RESPONSE.id)].sort());
      const deadLetters = await until("two dead letters", () => {
        const lines = readLines<{ reason: string; stage: string; source: string }>(dlq);
        return lines.length >= 2 ? lines : undefined;
      });
      expect(deadLetters.map((d) => [d.stage, d.source])).toEqual([
        ["parse", "copilot-push"],
        ["parse", "copilot-push"],
      ]);
      expect(deadLetters.map((d) => d.reason).sort()).toEqual([
        expect.stringMatching(/^clientState of a notification for subscription .+ does not match options\.notifications\.clientState/),
        "dataSignature does not match the HMAC-SHA256 of data: the notification was altered; not decrypted",
      ]);
    } finally {
      stop.abort();
      await run;
      delete process.env.AISIEM_TEST_GRAPH_CLIENT_STATE;
    }
  });
});
