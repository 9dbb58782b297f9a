import type { Command } from "commander";
import { registerSetupElastic } from "./setup-elastic.js";
import { registerSetupSplunk } from "./setup-splunk.js";

/**
 * `aisiem setup <target>`: installs what makes the fields useful in a SIEM (templates, add-on,
 * rules). Each target registers itself in this list.
 */
const SETUP_TARGETS: ReadonlyArray<(setup: Command) => void> = [registerSetupElastic, registerSetupSplunk];

export function registerSetup(program: Command): void {
  const setup = program.command("setup").description("install templates, rules and dashboards into a SIEM");
  for (const register of SETUP_TARGETS) register(setup);
}
