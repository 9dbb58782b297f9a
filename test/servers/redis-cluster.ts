/**
 * A real Redis Cluster on loopback: three redis-server primaries (no replicas) joined with
 * `redis-cli --cluster create`, the way a managed cluster-mode Redis presents itself.
 * Exports AISIEM_TEST_REDIS_CLUSTER_URL (one node; the client discovers the others).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { TestServer } from "../support/test-server.js";
import { redisMissing, startRedis, type RedisProcess } from "../support/redis-server.js";

const run = promisify(execFile);

async function waitForClusterOk(ports: readonly number[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const states = await Promise.all(ports.map(async (port) => (await run("redis-cli", ["-p", String(port), "cluster", "info"])).stdout));
    if (states.every((info) => info.includes("cluster_state:ok"))) return;
    if (Date.now() > deadline) throw new Error(`redis cluster did not become ready: ${states.join(" | ")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const server: TestServer = {
  name: "redis-cluster",
  missing: async () => redisMissing(),
  async start() {
    const nodes: RedisProcess[] = [];
    const stop = async () => {
      await Promise.all(nodes.map((node) => node.stop()));
    };
    try {
      for (let i = 0; i < 3; i += 1) nodes.push(await startRedis(["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000"]));
      const ports = nodes.map((node) => node.port);
      await run("redis-cli", ["--cluster", "create", ...ports.map((port) => `127.0.0.1:${port}`), "--cluster-replicas", "0", "--cluster-yes"]);
      await waitForClusterOk(ports);
      return { name: "redis-cluster", env: { AISIEM_TEST_REDIS_CLUSTER_URL: `redis://127.0.0.1:${ports[0]}` }, stop };
    } catch (error) {
      await stop();
      throw error;
    }
  },
};
