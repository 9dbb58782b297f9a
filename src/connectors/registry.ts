import { readdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Connector } from "./types.js";

/**
 * Connectors are discovered by folder: every folder under `src/connectors/` (or `dist/connectors/`)
 * with an `index` module exporting `connector` is one. Adding a product means adding a folder;
 * nothing else is edited. Folders starting with `_` hold shared helpers and are skipped.
 */
const here = dirname(fileURLToPath(import.meta.url));
const cache = new Map<string, Connector<unknown>>();

export function connectorNames(): string[] {
  return readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith("_"))
    .filter((d) => existsSync(join(here, d.name, "index.js")) || existsSync(join(here, d.name, "index.ts")))
    .map((d) => d.name)
    .sort();
}

export class UnknownConnectorError extends Error {
  constructor(name: string) {
    super(`unknown connector "${name}"; available: ${connectorNames().join(", ")}`);
    this.name = "UnknownConnectorError";
  }
}

export async function loadConnector(name: string): Promise<Connector<unknown>> {
  const cached = cache.get(name);
  if (cached) return cached;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !connectorNames().includes(name)) throw new UnknownConnectorError(name);
  const mod = (await import(`./${name}/index.js`)) as { connector?: Connector<unknown> };
  if (!mod.connector) throw new Error(`connector folder "${name}" does not export \`connector\``);
  cache.set(name, mod.connector);
  return mod.connector;
}

export async function loadAllConnectors(): Promise<Connector<unknown>[]> {
  return Promise.all(connectorNames().map(loadConnector));
}
