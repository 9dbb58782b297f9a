/**
 * Starts the real servers the integration tests use (one module per server in `test/servers/`),
 * once per `npm test`, on loopback ports chosen at start. Each module exports `server`, a
 * `TestServer`; the environment variables it returns are visible to every test file.
 * A server whose program is missing fails the run with a message naming the install step.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";
import type { RunningServer, TestServer } from "./test-server.js";

const serversDir = join(dirname(fileURLToPath(import.meta.url)), "..", "servers");

export default async function globalSetup(): Promise<void> {
  const running: RunningServer[] = [];
  (globalThis as { __aisiemServers?: RunningServer[] }).__aisiemServers = running;
  const only = process.env.AISIEM_TEST_SERVERS?.split(",").map((s) => s.trim());
  const files = readdirSync(serversDir).filter((f) => f.endsWith(".ts")).sort();
  const missing: string[] = [];
  const modules: TestServer[] = [];
  for (const file of files) {
    // Native import() cannot load TypeScript; tsx compiles the server module on the fly.
    const { server } = (await tsImport(join(serversDir, file), import.meta.url)) as { server: TestServer };
    if (only && !only.includes(server.name)) continue;
    const problem = await server.missing();
    if (problem) missing.push(`${server.name}: ${problem}`);
    else modules.push(server);
  }
  if (missing.length > 0) {
    throw new Error(
      `the integration tests need servers that are not installed here:\n  ${missing.join("\n  ")}\n` +
        "install them with `bash scripts/install-test-deps.sh` (what .ci/run does), or limit the run with AISIEM_TEST_SERVERS=name,name",
    );
  }
  const started = await Promise.all(modules.map((m) => m.start()));
  for (const server of started) {
    running.push(server);
    Object.assign(process.env, server.env);
  }
}
