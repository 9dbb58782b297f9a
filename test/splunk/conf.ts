import { readFileSync } from "node:fs";

export interface Stanza {
  name: string;
  settings: Map<string, string>;
}

/** Reads a Splunk .conf file: `[stanza]` headers, `key = value` lines, `#` comments, `\` continuations. */
export function parseConf(path: string): Stanza[] {
  const lines = readFileSync(path, "utf8").replace(/\\\r?\n/g, " ").split(/\r?\n/);
  const stanzas: Stanza[] = [{ name: "default", settings: new Map() }];
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      stanzas.push({ name: header[1]!, settings: new Map() });
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) throw new Error(`${path}: not a setting: ${line}`);
    stanzas[stanzas.length - 1]!.settings.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return stanzas.filter((s) => s.name !== "default" || s.settings.size > 0);
}

/** A `<placeholder>` in a spec line stands for any text. */
function patternOf(spec: string): RegExp {
  const parts = spec.split(/<[^>]*>/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+")}$`);
}

export interface Spec {
  stanzas: RegExp[];
  settings: RegExp[];
}

/** Stanza and setting name patterns of a Splunk `.conf.spec` file (names start at column 0). */
export function parseSpec(path: string): Spec {
  const stanzas: RegExp[] = [];
  const settings: RegExp[] = [];
  for (const line of readFileSync(path, "utf8").split(/\r?\n/)) {
    const header = /^\[(.*)\]\s*$/.exec(line);
    // `[<field name>|sourcetype::<st>::<wildcard>]` lists alternatives.
    if (header) stanzas.push(...header[1]!.split("|").map(patternOf));
    const setting = /^([A-Za-z_$<][^\s=]*)\s*=/.exec(line);
    if (setting) settings.push(patternOf(setting[1]!));
  }
  return { stanzas, settings };
}
