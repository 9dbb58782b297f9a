/** A document for Elasticsearch: nested objects, built by dotted paths that skip empty values. */
export type EcsDoc = Record<string, unknown>;

/** What a sink writes: the document, its deterministic `_id` and its data stream. */
export interface EcsAction {
  id: string;
  index: string;
  doc: EcsDoc;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/** Sets `path` (dotted) in `doc`, creating objects on the way; undefined, null, "" and [] are left out. */
export function put(doc: EcsDoc, path: string, value: unknown): void {
  if (isEmpty(value)) return;
  const keys = path.split(".");
  let node = doc;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next === "object" && next !== null && !Array.isArray(next)) node = next as EcsDoc;
    else node = node[key] = {};
  }
  node[keys[keys.length - 1]!] = value;
}

/** Sets several paths under a common prefix. */
export function putAll(doc: EcsDoc, prefix: string, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) put(doc, `${prefix}.${key}`, value);
}

/** Every leaf path of a document with its value; arrays of scalars count as one leaf. */
export function leafPaths(doc: EcsDoc, prefix = ""): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) out.push(...leafPaths(value as EcsDoc, path));
    else if (Array.isArray(value) && value.some((v) => typeof v === "object" && v !== null)) {
      for (const item of value) out.push(...leafPaths(item as EcsDoc, path));
    } else out.push([path, value]);
  }
  return out;
}

export const uniq = <T>(values: Iterable<T>): T[] => [...new Set(values)];
