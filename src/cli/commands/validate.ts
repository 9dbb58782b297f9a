import type { Command } from "commander";
import { loadConfig, redactConfig } from "../../config/index.js";
import { resolveSources } from "../../pipeline/sources.js";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check a config (schema, environment references, connector options) without running it")
    .requiredOption("-c, --config <file>", "YAML config file")
    .option("--print", "print the validated config with defaults filled in (secrets redacted)")
    .action(async (options: { config: string; print?: boolean }) => {
      const { config, secretPaths } = loadConfig(options.config);
      const sources = await resolveSources(config);
      if (options.print) process.stdout.write(JSON.stringify(redactConfig(config, secretPaths), null, 2) + "\n");
      process.stderr.write(
        `aisiem: config ok: ${sources.length} source(s) [${sources.map((s) => `${s.name}:${s.connector.name}`).join(", ")}], ` +
          `${config.sinks.length} sink(s) [${config.sinks.map((s) => s.type).join(", ")}]\n`,
      );
    });
}
