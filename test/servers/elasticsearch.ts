/**
 * A real single-node Elasticsearch (test/elasticsearch/launcher.ts) for the Elastic tests.
 * Exports AISIEM_TEST_ES_URL, AISIEM_TEST_ES_USERNAME, AISIEM_TEST_ES_PASSWORD and
 * AISIEM_TEST_ES_VERSION.
 */
import { ES_VERSION, missing, startNode } from "../elasticsearch/launcher.js";
import type { TestServer } from "../support/test-server.js";

export const server: TestServer = {
  name: "elasticsearch",
  missing: async () => missing(),
  async start() {
    const node = await startNode();
    return {
      name: "elasticsearch",
      env: {
        AISIEM_TEST_ES_URL: node.url,
        AISIEM_TEST_ES_USERNAME: node.username,
        AISIEM_TEST_ES_PASSWORD: node.password,
        AISIEM_TEST_ES_VERSION: ES_VERSION,
      },
      stop: () => node.stop(),
    };
  },
};
