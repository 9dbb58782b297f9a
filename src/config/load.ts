import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { z } from "zod";
import { STAGE_FACTORIES } from "../enrich/registry.js";
import { INPUT_FACTORIES } from "../inputs/registry.js";
import { ValidationError, problemsOf, type Problem } from "../model/validation.js";
import { SINK_FACTORIES } from "../sinks/registry.js";
import { interpolate } from "./interpolate.js";
import { Config } from "./schema.js";

export interface LoadedConfig {
  config: Config;
  /** Paths whose values are secrets (from `${...}`), for `redactConfig`. */
  secretPaths: Set<string>;
}

/** Validates `value` with `schema`, prefixing every problem with `path`. */
function check(schema: z.ZodType, value: unknown, path: string, problems: Problem[]): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const p of problemsOf(result.error)) problems.push({ path: p.path ? `${path}.${p.path}`.replace(".[", "[") : path, message: p.message });
  return value;
}

const typeProblem = (path: string, kind: string, type: string, known: string[]): Problem => ({
  path,
  message: `unknown ${kind} type "${type}"; expected one of: ${known.join(", ")}`,
});

/** A missing `${VAR}` leaves an empty string behind; the schema's complaint about it adds nothing. */
function withoutFollowUps(problems: Problem[]): Problem[] {
  const unresolved = new Set(problems.filter((p) => /^(environment variable|cannot read secret file)/.test(p.message)).map((p) => p.path));
  return problems.filter((p) => !unresolved.has(p.path) || /^(environment variable|cannot read secret file)/.test(p.message));
}

/**
 * Parses and validates a config document. Every problem is reported with its exact key path
 * (`sinks[1].path: Invalid input: expected string, received undefined`), never with a secret value.
 */
export function parseConfig(text: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? `line ${error.linePos[0].line}` : "";
    throw new ValidationError("config", [{ path: where, message: (error as Error).message.split("\n")[0] ?? "YAML syntax error" }]);
  }
  const { value, secretPaths, problems } = interpolate(document, env);
  const parsed = Config.safeParse(value);
  if (!parsed.success) problems.push(...problemsOf(parsed.error));
  // Check sources, sinks and stages even when the outer shape has problems, so one run of
  // `aisiem validate` lists everything that is wrong.
  const draft = (parsed.success ? parsed.data : value) as Partial<Config> | undefined;
  const sources = Array.isArray(draft?.sources) ? draft.sources : [];
  const sinks = Array.isArray(draft?.sinks) ? draft.sinks : [];
  const enrich = draft?.enrich && typeof draft.enrich === "object" ? draft.enrich : {};

  sources.forEach((source, i) => {
    const type = source?.input?.type;
    if (typeof type !== "string" || type === "pull") return;
    const factory = INPUT_FACTORIES.find((f) => f.type === type);
    if (!factory) problems.push(typeProblem(`sources[${i}].input.type`, "input", type, [...INPUT_FACTORIES.map((f) => f.type), "pull"]));
    else source.input = check(factory.configSchema, source.input, `sources[${i}].input`, problems) as typeof source.input;
  });
  const names = new Set<string>();
  sources.forEach((s, i) => {
    if (names.has(s?.name)) problems.push({ path: `sources[${i}].name`, message: `duplicate source name "${s.name}"` });
    names.add(s?.name);
  });
  sinks.forEach((sink, i) => {
    const factory = SINK_FACTORIES.find((f) => f.type === sink?.type);
    if (!factory) problems.push(typeProblem(`sinks[${i}].type`, "sink", String(sink?.type), SINK_FACTORIES.map((f) => f.type)));
    else sinks[i] = check(factory.configSchema, sink, `sinks[${i}]`, problems) as typeof sink;
  });
  for (const key of Object.keys(enrich)) {
    if (!STAGE_FACTORIES.some((f) => f.name === key)) {
      problems.push({ path: `enrich.${key}`, message: `unknown enrichment stage; expected one of: ${STAGE_FACTORIES.map((f) => f.name).join(", ") || "(none)"}` });
    }
  }
  for (const factory of STAGE_FACTORIES) {
    enrich[factory.name] = check(factory.configSchema, enrich[factory.name] ?? {}, `enrich.${factory.name}`, problems);
  }
  if (problems.length > 0 || !parsed.success) throw new ValidationError("config", withoutFollowUps(problems));
  const config = parsed.data;

  // Relative paths in a config are taken from the working directory, as for every path on the command line.
  config.stateDir = resolve(config.stateDir);
  return { config, secretPaths };
}

export function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ValidationError("config", [{ path: "", message: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
  return parseConfig(text, env);
}
