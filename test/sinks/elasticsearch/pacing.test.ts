import { describe, expect, it } from "@jest/globals";
import { BulkPacing } from "../../../src/sinks/elasticsearch/pacing.js";

describe("BulkPacing", () => {
  it("halves the request size when bulk latency exceeds the target or the cluster throttles, and grows back when fast", () => {
    const pacing = new BulkPacing({ targetLatencyMs: 1000, minDocs: 10, maxDocs: 1000 });
    expect(pacing.docsPerRequest).toBe(1000);
    pacing.record(1500, false);
    expect(pacing.docsPerRequest).toBe(500);
    pacing.record(100, true);
    expect(pacing.docsPerRequest).toBe(250);
    for (let i = 0; i < 10; i++) pacing.record(5000, false);
    expect(pacing.docsPerRequest).toBe(10);
    pacing.record(100, false);
    expect(pacing.docsPerRequest).toBe(13);
    for (let i = 0; i < 50; i++) pacing.record(100, false);
    expect(pacing.docsPerRequest).toBe(1000);
  });
});
