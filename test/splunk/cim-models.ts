import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SHARED_SPLUNK } from "./shared-data.js";

export interface CimField {
  name: string;
  type: string;
  expected_values?: string[];
  condition?: string;
}
interface Dataset {
  name: string;
  search_constraints?: string;
  fields: CimField[];
  child_dataset?: Dataset[];
}

/**
 * The fields of a CIM dataset: its own and those it inherits from its parents (pytest-splunk-addon
 * model files). A child dataset's constraint (`ids_type="application"`) adds that value to the
 * inherited field's expected values.
 */
export function cimFields(model: string, dataset: string): CimField[] {
  const { objects } = JSON.parse(readFileSync(join(SHARED_SPLUNK, "cim_models", `${model}.json`), "utf8")) as { objects: Dataset[] };
  const find = (list: Dataset[], inherited: CimField[]): CimField[] | undefined => {
    for (const d of list) {
      const fields = [...inherited, ...d.fields].map((f) => {
        const pinned = new RegExp(`(?:^|\\s)${f.name}="([^"]+)"`).exec(d.search_constraints ?? "");
        return pinned && f.expected_values ? { ...f, expected_values: [...f.expected_values, pinned[1]!] } : f;
      });
      if (d.name === dataset) return fields;
      const inChild = find(d.child_dataset ?? [], fields);
      if (inChild) return inChild;
    }
    return undefined;
  };
  const fields = find(objects, []);
  if (!fields) throw new Error(`no dataset ${dataset} in CIM model ${model}`);
  return fields;
}

/** Fields Enterprise Security fills from asset and identity lookups: an add-on must not extract them. */
export function esOnlyFields(): Set<string> {
  const common = JSON.parse(readFileSync(join(SHARED_SPLUNK, "cim_models", "CommonFields.json"), "utf8")) as { fields: Array<{ name: string }> };
  return new Set(common.fields.map((f) => f.name));
}
