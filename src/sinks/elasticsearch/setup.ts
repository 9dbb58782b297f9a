/**
 * `aisiem setup elastic`: installs the ILM policy (when chosen), the component templates and the
 * index template derived from the field contract, and adds new fields to existing aisiem data
 * streams. Idempotent: each object carries `_meta.hash` of its body, so an unchanged object is
 * left alone and a changed one is upgraded in place. Objects of the same name not created by
 * aisiem are only replaced with `force`.
 */
import { buildTemplates, loadContract, type TemplateBody } from "../../map/ecs/index.js";
import type { FieldType } from "../../map/ecs/contract.js";
import { INDEX_PATTERN, contractProperties, type Lifecycle } from "../../map/ecs/template.js";
import { statusOf, type EsClient } from "../../util/elasticsearch.js";

export interface SetupOptions {
  version: string;
  lifecycle?: Lifecycle;
  dryRun?: boolean;
  /** Replace objects of aisiem's names that aisiem did not create. */
  force?: boolean;
}

export type StepKind = "ilm_policy" | "component_template" | "index_template" | "data_stream_mappings";

export interface SetupStep {
  kind: StepKind;
  name: string;
  action: "create" | "update" | "unchanged" | "refused";
  detail?: string;
}

export interface SetupReport {
  steps: SetupStep[];
  /** Field types replaced because the cluster lacks the module that provides them. */
  fallbacks: Partial<Record<FieldType, FieldType>>;
  applied: boolean;
}

/** Field types that live in a module a minimal node may not have, and what stands in for them. */
const TYPE_MODULES: Array<{ type: FieldType; module: string; fallback: FieldType }> = [
  { type: "match_only_text", module: "mapper-extras", fallback: "text" },
  { type: "constant_keyword", module: "constant-keyword", fallback: "keyword" },
];

interface Meta {
  managed_by?: string;
  hash?: string;
  version?: string;
}

/** The modules and plugins every node has; undefined when the cluster does not say (no monitor right, Serverless). */
async function installedModules(client: EsClient): Promise<Set<string> | undefined> {
  try {
    const info = await client.nodes.info({ metric: "plugins", filter_path: "nodes.*.modules.name,nodes.*.plugins.name" });
    const nodes = Object.values(info.nodes ?? {});
    if (nodes.length === 0) return undefined;
    const perNode = nodes.map((n) => new Set([...(n.modules ?? []), ...(n.plugins ?? [])].map((p) => p.name)));
    return new Set([...perNode[0]!].filter((name) => perNode.every((set) => set.has(name))));
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404 || status === 410) return undefined;
    throw error;
  }
}

export async function typeFallbacks(client: EsClient): Promise<SetupReport["fallbacks"]> {
  const modules = await installedModules(client);
  const fallbacks: SetupReport["fallbacks"] = {};
  if (!modules) return fallbacks;
  for (const { type, module, fallback } of TYPE_MODULES) if (!modules.has(module)) fallbacks[type] = fallback;
  return fallbacks;
}

async function existingMeta(fetch: () => Promise<Meta | undefined>): Promise<Meta | undefined | null> {
  try {
    return (await fetch()) ?? {};
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

export function decide(kind: StepKind, desired: TemplateBody, current: Meta | null | undefined, force: boolean): SetupStep {
  const wanted = (desired.body._meta ?? (desired.body.policy as { _meta?: Meta })?._meta) as Meta;
  if (current === null) return { kind, name: desired.name, action: "create" };
  if (current?.managed_by !== "aisiem" && !force) {
    return { kind, name: desired.name, action: "refused", detail: "exists and was not created by aisiem; use --force to replace it" };
  }
  if (current?.hash === wanted.hash) return { kind, name: desired.name, action: "unchanged" };
  return { kind, name: desired.name, action: "update", detail: `from ${current?.version ?? "unknown"} to ${wanted.version}` };
}

export async function setupElastic(client: EsClient, options: SetupOptions): Promise<SetupReport> {
  const fallbacks = await typeFallbacks(client);
  const contract = loadContract();
  const templates = buildTemplates(contract, { version: options.version, lifecycle: options.lifecycle, typeFallbacks: fallbacks });
  const force = options.force ?? false;
  const steps: Array<{ step: SetupStep; apply: () => Promise<unknown> }> = [];

  // Each object: how to read its current _meta (404 = absent) and how to write it.
  const objects: Array<{ kind: StepKind; body: TemplateBody; meta: () => Promise<Meta | undefined>; put: () => Promise<unknown> }> = [
    ...(templates.ilmPolicy ? [templates.ilmPolicy] : []).map((policy) => ({
      kind: "ilm_policy" as const,
      body: policy,
      meta: async () => (await client.ilm.getLifecycle({ name: policy.name }))[policy.name]?.policy._meta as Meta | undefined,
      put: () => client.ilm.putLifecycle({ name: policy.name, ...(policy.body as object) }),
    })),
    ...templates.components.map((component) => ({
      kind: "component_template" as const,
      body: component,
      meta: async () => (await client.cluster.getComponentTemplate({ name: component.name })).component_templates[0]?.component_template._meta as Meta | undefined,
      put: () => client.cluster.putComponentTemplate({ name: component.name, ...(component.body as object) } as never),
    })),
    {
      kind: "index_template" as const,
      body: templates.index,
      meta: async () => (await client.indices.getIndexTemplate({ name: templates.index.name })).index_templates[0]?.index_template._meta as Meta | undefined,
      put: () => client.indices.putIndexTemplate({ name: templates.index.name, ...(templates.index.body as object) } as never),
    },
  ];
  for (const object of objects) {
    steps.push({ step: decide(object.kind, object.body, await existingMeta(object.meta), force), apply: object.put });
  }

  const mappingsChanged = steps.some((s) => s.step.name === templates.components[1]!.name && s.step.action === "update");
  if (mappingsChanged) {
    // New fields reach existing data streams now; a changed type only applies from the next rollover.
    const step: SetupStep = { kind: "data_stream_mappings", name: INDEX_PATTERN, action: "update", detail: "add new fields to existing backing indices" };
    steps.push({ step, apply: async () => (step.detail = await addFieldsToBackingIndices(client, contractProperties(contract, fallbacks))) });
  }

  const refused = steps.filter((s) => s.step.action === "refused");
  const apply = !options.dryRun && refused.length === 0;
  if (apply) for (const { step, apply: run } of steps) if (step.action === "create" || step.action === "update") await run();
  return { steps: steps.map((s) => s.step), fallbacks, applied: apply };
}

/**
 * Puts the contract's properties on every existing aisiem backing index, one index at a time, so an
 * index whose mapping conflicts (e.g. written before setup, with guessed types) is reported and
 * skipped instead of failing the others.
 */
async function addFieldsToBackingIndices(client: EsClient, properties: Record<string, unknown>): Promise<string> {
  const existing = await client.indices.getMapping({ index: INDEX_PATTERN, expand_wildcards: ["open", "hidden"], allow_no_indices: true });
  const failed: string[] = [];
  for (const index of Object.keys(existing)) {
    try {
      await client.indices.putMapping({ index, properties } as never);
    } catch (error) {
      failed.push(`${index}: ${(error as Error).message}`);
    }
  }
  const done = `added new fields to ${Object.keys(existing).length - failed.length} backing indices`;
  return failed.length === 0 ? done : `${done}; not to ${failed.join("; ")} (their new fields arrive with the next rollover)`;
}
