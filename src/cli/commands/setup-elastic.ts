import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { loadConfig } from "../../config/index.js";
import { validate } from "../../model/index.js";
import { ElasticsearchSinkConfig } from "../../sinks/elasticsearch/index.js";
import { ConnectionConfig, connect } from "../../util/elasticsearch.js";
import { setupElastic, type SetupReport } from "../../sinks/elasticsearch/setup.js";
import type { Lifecycle } from "../../map/ecs/index.js";
import { EXIT } from "../exit-codes.js";

interface SetupElasticOptions {
  config?: string;
  sink?: string;
  url?: string;
  ca?: string;
  fingerprint?: string;
  retention?: string;
  ilm?: string | boolean;
  dryRun?: boolean;
  force?: boolean;
}

const { version } = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };

/** The connection: an `elasticsearch` sink of the config, or `--url` with credentials from the environment. */
function connectionOf(options: SetupElasticOptions, env: NodeJS.ProcessEnv): ConnectionConfig {
  if (options.config) {
    const { config } = loadConfig(options.config, env);
    const candidates = config.sinks.filter((s) => s.type === "elasticsearch" && (!options.sink || s.name === options.sink));
    if (candidates.length !== 1) {
      throw new Error(`${options.config} must hold exactly one elasticsearch sink${options.sink ? ` named ${options.sink}` : ""} (found ${candidates.length}); pick one with --sink`);
    }
    return validate(ElasticsearchSinkConfig, candidates[0], "elasticsearch sink").connection;
  }
  if (!options.url) throw new Error("give --config with an elasticsearch sink, or --url");
  return validate(
    ConnectionConfig,
    {
      node: options.url,
      apiKey: env.AISIEM_ES_API_KEY,
      username: env.AISIEM_ES_USERNAME,
      password: env.AISIEM_ES_PASSWORD,
      tls: { ca: options.ca, fingerprint: options.fingerprint },
    },
    "Elasticsearch connection",
  );
}

function lifecycleOf(options: SetupElasticOptions): Lifecycle {
  if (options.ilm) return { type: "ilm", policy: typeof options.ilm === "string" ? options.ilm : "aisiem-logs", retention: options.retention };
  return { type: "dsl", retention: options.retention };
}

export function formatReport(report: SetupReport, dryRun: boolean): string {
  const lines = report.steps.map((s) => `${(dryRun && s.action !== "unchanged" && s.action !== "refused" ? `would ${s.action}` : s.action).padEnd(14)} ${s.kind.padEnd(21)} ${s.name}${s.detail ? `  (${s.detail})` : ""}`);
  for (const [type, fallback] of Object.entries(report.fallbacks)) {
    lines.push(`note: this cluster lacks the module for ${type}; mapped as ${fallback} instead`);
  }
  if (!dryRun && !report.applied) lines.push("nothing was changed: resolve the refused steps first");
  return lines.join("\n") + "\n";
}

export async function runSetupElastic(options: SetupElasticOptions, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { client } = await connect(connectionOf(options, env));
  try {
    const report = await setupElastic(client, { version, lifecycle: lifecycleOf(options), dryRun: options.dryRun, force: options.force });
    process.stdout.write(formatReport(report, options.dryRun ?? false));
    return report.steps.some((s) => s.action === "refused") ? EXIT.failure : EXIT.ok;
  } finally {
    await client.close();
  }
}

export function registerSetupElastic(setup: Command): void {
  setup
    .command("elastic")
    .description("install aisiem's index templates and lifecycle for logs-aisiem.*-* (idempotent; upgrades in place)")
    .option("-c, --config <path>", "config file whose elasticsearch sink gives the connection")
    .option("--sink <name>", "which elasticsearch sink of the config, when it has several")
    .option("--url <url>", "cluster URL instead of a config (credentials from AISIEM_ES_API_KEY or AISIEM_ES_USERNAME/AISIEM_ES_PASSWORD)")
    .option("--ca <path>", "PEM file of the CA that signed the cluster's certificate (with --url)")
    .option("--fingerprint <sha256>", "SHA-256 fingerprint of that CA certificate (with --url)")
    .option("--retention <age>", "delete data older than this, e.g. 90d (data stream lifecycle, or the ILM delete phase)")
    .option("--ilm [policy]", "use ILM instead of the data stream lifecycle: aisiem's own policy, or the name of an existing one")
    .option("--dry-run", "print what would change and change nothing")
    .option("--force", "replace templates of aisiem's names that aisiem did not create")
    .action(async (options: SetupElasticOptions) => {
      process.exitCode = await runSetupElastic(options);
    });
}
