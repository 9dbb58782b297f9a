import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { loadConfig } from "../../config/index.js";
import { SplunkHecSink, SplunkHecSinkConfig, SplunkKvStoreSink, SplunkKvStoreSinkConfig } from "../../sinks/splunk/index.js";
import { createLogger } from "../logger.js";

/** The package root: `src/cli/commands` and `dist/cli/commands` both sit three levels below it. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const SPLUNK_APP_DIR = join(ROOT, "integrations", "splunk", "TA-aisiem");

/**
 * Packages TA-aisiem as a `.tgz` for "Install app from file" or a deployment server: one top
 * folder named like the app id, owned by root, entries sorted and dated at the app's commit so
 * two builds of the same app are identical. Local overrides (`local/`) never ship.
 */
export function packageSplunkApp(out?: string): string {
  const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  const target = resolve(out ?? join(ROOT, "out", "splunk", `TA-aisiem-${version}.tgz`));
  mkdirSync(dirname(target), { recursive: true });
  execFileSync(
    "tar",
    ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=2020-01-01 00:00Z", "--exclude=local", "--exclude=*.pyc", "-czf", target, "-C", dirname(SPLUNK_APP_DIR), "TA-aisiem"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  return target;
}

interface SetupSplunkOptions {
  config?: string;
  package?: string | boolean;
}

/**
 * `aisiem setup splunk`: packages the add-on, checks every `splunk` sink's HEC endpoints (health
 * and token) and creates the KV-store collection of every `splunk-kvstore` sink in a config.
 */
async function setupSplunk(options: SetupSplunkOptions): Promise<void> {
  if (options.package !== undefined) {
    const path = packageSplunkApp(typeof options.package === "string" ? options.package : undefined);
    process.stdout.write(`TA-aisiem packaged: ${path}\n  install it on your search heads (Apps > Install app from file), then restart Splunk\n`);
  }
  if (!options.config) return;
  const { config } = loadConfig(options.config);
  const logger = createLogger(config.logging.level);
  const ctx = { logger, signal: new AbortController().signal };
  for (const [i, sinkConfig] of config.sinks.entries()) {
    const name = sinkConfig.name ?? `${sinkConfig.type}-${i}`;
    if (sinkConfig.type === "splunk") {
      await new SplunkHecSink(name, SplunkHecSinkConfig.parse(sinkConfig)).checkEndpoints(ctx);
      process.stdout.write(`${name}: HEC token accepted (see warnings above for unreachable or unhealthy endpoints)\n`);
    } else if (sinkConfig.type === "splunk-kvstore") {
      const sink = new SplunkKvStoreSink(name, SplunkKvStoreSinkConfig.parse(sinkConfig));
      const outcome = await sink.ensureCollection();
      process.stdout.write(`${name}: KV-store collection ${outcome}\n`);
    }
  }
}

export function registerSetupSplunk(setup: Command): void {
  setup
    .command("splunk")
    .description("package TA-aisiem, check HEC endpoints and tokens, create the KV-store risk collection")
    .option("-c, --config <file>", "config whose splunk and splunk-kvstore sinks to check and prepare")
    .option("--package [file]", "write the TA-aisiem app as a .tgz (default out/splunk/TA-aisiem-<version>.tgz)")
    .action(async (options: SetupSplunkOptions) => {
      if (!options.config && options.package === undefined) {
        process.stderr.write("aisiem setup splunk: give --package, -c <config>, or both\n");
        process.exitCode = 2;
        return;
      }
      await setupSplunk(options);
    });
}

