import type { Config, SourceConfig } from "../config/schema.js";
import { loadConnector } from "../connectors/registry.js";
import type { Connector, ContentMode } from "../connectors/types.js";
import { INPUT_FACTORIES } from "../inputs/registry.js";
import type { Input, InputContext } from "../inputs/types.js";
import { ValidationError, problemsOf, type Problem } from "../model/validation.js";

export interface ResolvedSource {
  name: string;
  connector: Connector<unknown>;
  options: unknown;
  content: ContentMode;
  config: SourceConfig;
}

/** Loads every source's connector and validates its options with the connector's own schema. */
export async function resolveSources(config: Config): Promise<ResolvedSource[]> {
  const problems: Problem[] = [];
  const resolved: ResolvedSource[] = [];
  for (const [i, source] of config.sources.entries()) {
    let connector: Connector<unknown>;
    try {
      connector = await loadConnector(source.connector);
    } catch (error) {
      problems.push({ path: `sources[${i}].connector`, message: (error as Error).message });
      continue;
    }
    let options: unknown = source.options;
    if (connector.optionsSchema) {
      const result = connector.optionsSchema.safeParse(source.options);
      if (result.success) options = result.data;
      else for (const p of problemsOf(result.error)) problems.push({ path: `sources[${i}].options${p.path ? "." + p.path : ""}`, message: p.message });
    }
    if (source.input.type === "pull" && !connector.createPuller) {
      problems.push({ path: `sources[${i}].input.type`, message: `connector "${connector.name}" has no puller; use file, stdin or http` });
    }
    resolved.push({ name: source.name, connector, options, content: source.content, config: source });
  }
  if (problems.length > 0) throw new ValidationError("config", problems);
  return resolved;
}

export function createInput(source: ResolvedSource, ctx: InputContext, stateDir: string): Input {
  if (source.config.input.type === "pull") return source.connector.createPuller!(source.options, ctx);
  const factory = INPUT_FACTORIES.find((f) => f.type === source.config.input.type);
  if (!factory) throw new Error(`unknown input type ${source.config.input.type}`);
  return factory.create(source.config.input, { stateDir, source: source.name });
}
