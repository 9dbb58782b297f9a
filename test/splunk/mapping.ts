import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./shared-data.js";

export interface FieldSpec {
  via: "event" | "eval" | "alias";
  expr?: string;
  from: string;
}
export interface SourcetypeSpec {
  kind: string;
  description: string;
  eventtype: string;
  eventtypeSearch: string;
  model: string | null;
  dataset: string | null;
  tags: string[];
  fieldsFrom?: string;
  categories?: string[];
  fields: Record<string, FieldSpec>;
}
export interface Mapping {
  cimVersion: string;
  index: string;
  indexedFields: Record<string, string>;
  namespaces: Record<string, string>;
  rbaFields: Record<string, string>;
  sourcetypes: Record<string, SourcetypeSpec>;
}

/** The CIM contract, `mappings/cim/sourcetypes.json`. */
export const mapping = JSON.parse(readFileSync(join(REPO_ROOT, "mappings", "cim", "sourcetypes.json"), "utf8")) as Mapping;
