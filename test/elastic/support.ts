/** The test node's connection (test/servers/elasticsearch.ts) and small helpers the Elastic tests share. */
import { createClient, type EsClient } from "../../src/util/elasticsearch.js";
import { ConnectionConfig } from "../../src/util/elasticsearch.js";

export function connection(): ConnectionConfig {
  return ConnectionConfig.parse({
    node: process.env.AISIEM_TEST_ES_URL,
    username: process.env.AISIEM_TEST_ES_USERNAME,
    password: process.env.AISIEM_TEST_ES_PASSWORD,
  });
}

/** The test node is 8.19: the 8.x client. */
export function testClient(): EsClient {
  return createClient(connection(), 8);
}

/** A namespace of its own for each test: the test node cannot delete data streams (that REST API is a module it lacks). */
export function uniqueNamespace(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
