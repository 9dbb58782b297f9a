#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { registerClassify } from "./commands/classify.js";
import { registerBackfill } from "./commands/backfill.js";
import { registerConnectors } from "./commands/connectors.js";
import { registerDlq } from "./commands/dlq.js";
import { registerParse } from "./commands/parse.js";
import { registerReplay } from "./commands/replay.js";
import { registerRun } from "./commands/run.js";
import { registerSetup } from "./commands/setup.js";
import { registerValidate } from "./commands/validate.js";
import { reportError } from "./errors.js";
import { EXIT } from "./exit-codes.js";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

export function buildProgram(): Command {
  const program = new Command("aisiem")
    .description("AI interaction and guardrail telemetry for the SOC: connectors → enrichment → Elasticsearch / Splunk")
    .version(version)
    .exitOverride();
  const commands = [registerRun, registerValidate, registerParse, registerConnectors, registerDlq, registerSetup, registerClassify, registerReplay, registerBackfill];
  for (const register of commands) register(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    process.exitCode = reportError(error);
  }
}
