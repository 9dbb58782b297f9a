/** A real redis-server on loopback (see test/support/redis-server.ts). Exports AISIEM_TEST_REDIS_URL. */
import type { TestServer } from "../support/test-server.js";
import { redisMissing, startRedis } from "../support/redis-server.js";

export const server: TestServer = {
  name: "redis",
  missing: async () => redisMissing(),
  async start() {
    const redis = await startRedis();
    return { name: "redis", env: { AISIEM_TEST_REDIS_URL: `redis://127.0.0.1:${redis.port}` }, stop: redis.stop };
  },
};
