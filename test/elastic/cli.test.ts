/**
 * The commands a SOC engineer types, against the real test node: `aisiem setup elastic` installs
 * the templates, `aisiem run` writes the enriched quickstart, a second `setup` changes nothing.
 */
import { afterAll, describe, expect, it } from "@jest/globals";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, runCli } from "../support/cli.js";
import { tempDir } from "../support/fixtures.js";
import { testClient, uniqueNamespace } from "./support.js";

const client = testClient();
afterAll(() => client.close());

describe("aisiem setup elastic and aisiem run", () => {
  it("take the quickstart from files to documents in the cluster", async () => {
    const dir = tempDir("aisiem-es-cli-");
    const namespace = uniqueNamespace("cli");
    const config = join(dir, "config.yaml");
    writeFileSync(
      config,
      `stateDir: ${dir}/state
sources:
  - name: quickstart
    connector: aisiem
    input: {type: file, paths: ["${join(repoRoot, "examples", "quickstart", "interactions.ndjson")}"]}
sinks:
  - type: elasticsearch
    connection: {node: "${process.env.AISIEM_TEST_ES_URL}", username: "\${ES_USER}", password: "\${ES_PASSWORD}"}
    mapping: {namespace: ${namespace}}
`,
    );
    const env = { ES_USER: process.env.AISIEM_TEST_ES_USERNAME, ES_PASSWORD: process.env.AISIEM_TEST_ES_PASSWORD };

    const setup = await runCli(["setup", "elastic", "-c", config], { env });
    expect(setup.code).toBe(0);
    const run = await runCli(["run", "-c", config, "--log-level", "warn"], { env });
    expect(run.stderr).toContain("written 794");
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain(process.env.AISIEM_TEST_ES_PASSWORD!);

    const events = `logs-aisiem.interaction-${namespace}`;
    // Refresh both data streams: a search on one that has not refreshed yet sees nothing.
    await client.indices.refresh({ index: `logs-aisiem.*-${namespace}` });
    expect((await client.count({ index: events })).count).toBe(794);
    const alerts = await client.search({ index: `logs-aisiem.alert-${namespace}`, size: 0, query: { term: { "event.kind": "alert" } } });
    expect((alerts.hits.total as { value: number }).value).toBeGreaterThan(0);

    // A second setup finds every object as it left it.
    const again = await runCli(["setup", "elastic", "-c", config, "--dry-run"], { env });
    expect(again.code).toBe(0);
    const steps = again.stdout.split("\n").filter((l) => /^(would |unchanged|create|update|refused)/.test(l));
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.filter((l) => !l.startsWith("unchanged"))).toEqual([]);
  }, 180_000);
});
