/**
 * The package as a developer imports it, in a process of its own: loading the API reads no `.env`
 * (splunk-sdk, which does on import, is loaded only when a Splunk source or KV-store sink runs),
 * and one vendor record goes through parse, classify and both mappings.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../support/cli.js";
import { tempDir } from "../support/fixtures.js";

const run = promisify(execFile);
const tsxLoader = join(repoRoot, "node_modules", "tsx", "dist", "loader.mjs");

const CONSUMER = `
import { readFileSync } from "node:fs";
import * as aisiem from ${JSON.stringify(join(repoRoot, "src", "index.ts"))};
const bedrock = await aisiem.loadConnector("aws-bedrock");
const [line] = readFileSync(${JSON.stringify(join(repoRoot, "test", "fixtures", "aws-bedrock", "invocation-logs.ndjson"))}, "utf8").split("\\n");
const [interaction] = bedrock.parse(JSON.parse(line), { options: {} });
const findings = await aisiem.classify("my key is AKIAIOSFODNN7EXAMPLE and the secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", { role: "prompt" });
const record = aisiem.toEnriched(interaction);
process.stdout.write(JSON.stringify({
  envFromDotEnv: process.env.AISIEM_DOTENV_SENTINEL ?? null,
  product: interaction.source.product,
  findings: findings.map((f) => f.category),
  ecs: aisiem.toEcs(record).map((a) => a.index),
  cim: aisiem.toCimEvents(record).map((e) => e.sourcetype),
}));
`;

it("imports without reading .env, and parses, classifies and maps a record", async () => {
  const dir = tempDir("aisiem-api-");
  writeFileSync(join(dir, ".env"), "AISIEM_DOTENV_SENTINEL=loaded\n");
  writeFileSync(join(dir, "consumer.mts"), CONSUMER);
  const env = { ...process.env };
  delete env.AISIEM_DOTENV_SENTINEL;
  const { stdout } = await run(process.execPath, ["--import", tsxLoader, join(dir, "consumer.mts")], { cwd: dir, env });
  const out = JSON.parse(stdout) as { envFromDotEnv: string | null; product: string; findings: string[]; ecs: string[]; cim: string[] };
  expect(out.envFromDotEnv).toBeNull();
  expect(out.product).toBe("AWS Bedrock");
  expect(out.findings).toContain("secret");
  expect(out.ecs).toContain("logs-aisiem.interaction-default");
  expect(out.cim.length).toBeGreaterThan(0);
}, 60_000);
