/** The test node itself: it is the Elasticsearch the pom pins, and it requires authentication. */
import { describe, expect, it } from "@jest/globals";

const url = process.env.AISIEM_TEST_ES_URL!;
const auth = "Basic " + Buffer.from(`${process.env.AISIEM_TEST_ES_USERNAME}:${process.env.AISIEM_TEST_ES_PASSWORD}`).toString("base64");

describe("the Elasticsearch test node", () => {
  it("answers as the pinned version on loopback and tells itself apart with x-elastic-product", async () => {
    expect(new URL(url).hostname).toBe("127.0.0.1");
    const response = await fetch(`${url}/_nodes/_local?filter_path=nodes.*.version`, { headers: { authorization: auth } });
    expect(response.headers.get("x-elastic-product")).toBe("Elasticsearch");
    const body = (await response.json()) as { nodes: Record<string, { version: string }> };
    expect(Object.values(body.nodes).map((n) => n.version)).toEqual([process.env.AISIEM_TEST_ES_VERSION]);
  });

  it("refuses a request without credentials", async () => {
    const response = await fetch(`${url}/_cluster/health`);
    expect(response.status).toBe(401);
  });
});
