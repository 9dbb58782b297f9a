import type { Command } from "commander";
import { loadAllConnectors } from "../../connectors/registry.js";

export function registerConnectors(program: Command): void {
  program
    .command("connectors")
    .description("list the connectors this version knows")
    .action(async () => {
      for (const c of await loadAllConnectors()) {
        process.stdout.write(`${c.name.padEnd(26)} ${c.createPuller ? "pull, push, file" : "push, file      "}  ${c.description}\n`);
      }
    });
}
