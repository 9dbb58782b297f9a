/**
 * Starts one real redis-server (Debian package, `.ci/install.d/20-redis.sh`) on 127.0.0.1 with a
 * free port, no persistence, in a temporary directory; used by the redis and redis-cluster test servers.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RedisProcess {
  port: number;
  stop(): Promise<void>;
}

export const redisMissing = (): string | undefined =>
  spawnSync("redis-server", ["--version"]).error || spawnSync("redis-cli", ["--version"]).error ? "redis-server or redis-cli not installed (.ci/install.d/20-redis.sh)" : undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function startOnce(extraArgs: readonly string[]): Promise<RedisProcess> {
  const dir = mkdtempSync(join(tmpdir(), "aisiem-redis-"));
  const port = await freePort();
  const args = ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no", "--dir", dir, "--protected-mode", "yes", ...extraArgs];
  const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output.slice(-500)}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`));
    });
  });
  child.stdout.removeAllListeners("data");
  child.stderr.removeAllListeners("data");
  child.removeAllListeners("exit");
  return {
    port,
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The free port can be taken between probing and binding; tries again with another one. */
export async function startRedis(extraArgs: readonly string[] = []): Promise<RedisProcess> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(extraArgs);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}
