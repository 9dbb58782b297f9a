import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packageSplunkApp, SPLUNK_APP_DIR } from "../../src/cli/commands/setup-splunk.js";
import { FIELD_REFERENCE, renderFieldReference } from "../../scripts/splunk/fields-doc.js";
import { toCimEvents } from "../../src/map/cim/index.js";
import { tempDir } from "../support/fixtures.js";
import { parseConf, parseSpec, type Stanza } from "./conf.js";
import { mapping } from "./mapping.js";
import { flaggedRecord } from "./records.js";
import { REPO_ROOT, SHARED_SPLUNK } from "./shared-data.js";
import { splFieldsRead } from "./spl.js";

const conf = (file: string): Stanza[] => parseConf(join(SPLUNK_APP_DIR, file));
const confFiles = [...readdirSync(join(SPLUNK_APP_DIR, "default")).filter((f) => f.endsWith(".conf")).map((f) => `default/${f}`), "metadata/default.meta"];
const stanza = (stanzas: Stanza[], name: string) => stanzas.find((s) => s.name === name);

/** Field names as Splunk's KV_MODE=json extracts them: dotted paths, `{}` for each array level. */
function jsonFieldNames(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => jsonFieldNames(v, `${path}{}`));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => jsonFieldNames(v, path ? `${path}.${k}` : k));
  return [path];
}

/**
 * What a search may name, per sourcetype: the contract's CIM fields, its RBA and indexed fields,
 * and, inside the contract's namespaces (`aisiem`, `gen_ai`), the paths the mapper writes.
 */
function searchableFields(): Map<string, Set<string>> {
  const common = [...Object.keys(mapping.rbaFields), ...Object.keys(mapping.indexedFields), "_time"];
  const namespaced = (name: string) => Object.keys(mapping.namespaces).some((ns) => name.startsWith(`${ns}.`));
  const written = toCimEvents(flaggedRecord(1));
  return new Map(
    Object.entries(mapping.sourcetypes).map(([st, spec]) => {
      const paths = written.filter((e) => e.sourcetype === st).flatMap((e) => jsonFieldNames(e.event)).filter(namespaced);
      return [st, new Set([...Object.keys(spec.fields), ...common, ...paths])];
    }),
  );
}

describe("TA-aisiem", () => {
  test.each(confFiles)("%s: every stanza and setting is one its Splunk spec defines", (file) => {
    const specFile = file === "metadata/default.meta" ? "default.meta.spec" : `${file.replace("default/", "")}.spec`;
    const spec = parseSpec(join(SHARED_SPLUNK, "conf_spec", specFile));
    for (const s of conf(file)) {
      expect({ file, stanza: s.name, known: spec.stanzas.some((p) => p.test(s.name)) }).toMatchObject({ known: true });
      for (const key of s.settings.keys()) expect({ file, stanza: s.name, key, known: spec.settings.some((p) => p.test(key)) }).toMatchObject({ known: true });
    }
  });

  test("props.conf: KV_MODE=json per sourcetype, and exactly the contract's evals and aliases", () => {
    const props = conf("default/props.conf");
    expect(props.map((s) => s.name).sort()).toEqual(Object.keys(mapping.sourcetypes).sort());
    for (const [st, spec] of Object.entries(mapping.sourcetypes)) {
      const settings = stanza(props, st)!.settings;
      expect(settings.get("KV_MODE")).toBe("json");
      expect(settings.has("INDEXED_EXTRACTIONS")).toBe(false);
      const expected = Object.entries(spec.fields).flatMap(([name, f]) =>
        f.via === "eval" ? [[`EVAL-${name}`, f.expr]] : f.via === "alias" ? [[`FIELDALIAS-${name}`, f.expr]] : [],
      );
      const actual = [...settings].filter(([k]) => k.startsWith("EVAL-") || k.startsWith("FIELDALIAS-"));
      expect(actual.sort()).toEqual(expected.sort());
    }
  });

  test("eventtypes and tags put each sourcetype into its data model, and fields.conf declares the indexed fields", () => {
    const eventtypes = conf("default/eventtypes.conf");
    const tags = conf("default/tags.conf");
    for (const spec of Object.values(mapping.sourcetypes)) {
      expect(stanza(eventtypes, spec.eventtype)?.settings.get("search")).toBe(spec.eventtypeSearch);
      const tagged = [...(stanza(tags, `eventtype=${spec.eventtype}`)?.settings ?? new Map<string, string>())];
      expect(tagged).toEqual(spec.tags.map((t) => [t, "enabled"]));
    }
    expect(stanza(eventtypes, "aisiem_index")?.settings.get("search")).toBe(`index=${mapping.index} sourcetype=aisiem:*`);
    expect(conf("default/fields.conf").map((s) => [s.name, s.settings.get("INDEXED")])).toEqual(Object.keys(mapping.indexedFields).map((f) => [f, "true"]));
  });

  test("savedsearches: detections use known eventtypes and dedup on event_id; risk rules score the user", () => {
    const eventtypes = new Set(conf("default/eventtypes.conf").map((s) => s.name));
    const searches = conf("default/savedsearches.conf");
    expect(searches.length).toBeGreaterThanOrEqual(8);
    for (const s of searches) {
      const spl = s.settings.get("search")!;
      for (const [, name] of spl.matchAll(/eventtype=(\w+)/g)) expect(eventtypes.has(name!)).toBe(true);
      if (!spl.startsWith("| inputlookup")) expect(spl).toContain("| dedup event_id");
      expect(s.settings.get("description")).toBeTruthy();
      if (s.settings.get("action.risk") === "1") {
        const risk = JSON.parse(s.settings.get("action.risk.param._risk")!) as Array<Record<string, string>>;
        expect(risk[0]).toMatchObject({ risk_object_field: "user", risk_object_type: "user" });
        expect(spl).toMatch(/risk_score/);
      }
    }
    expect(searches.filter((s) => s.settings.get("action.risk") === "1")).toHaveLength(2);
  });

  test("saved searches read only fields the CIM contract gives the sourcetypes of their eventtypes", () => {
    const fields = searchableFields();
    const sourcetypeOf = new Map(conf("default/eventtypes.conf").map((s) => [s.name, /sourcetype=(aisiem:\w+)/.exec(s.settings.get("search")!)?.[1]]));
    for (const s of conf("default/savedsearches.conf")) {
      const spl = s.settings.get("search")!;
      const sourcetypes = [...spl.matchAll(/eventtype=(\w+)/g)].map(([, name]) => sourcetypeOf.get(name!)!);
      expect({ search: s.name, sourcetypes: sourcetypes.length }).not.toMatchObject({ sourcetypes: 0 });
      const known = new Set(sourcetypes.flatMap((st) => [...fields.get(st)!]));
      expect({ search: s.name, unknown: splFieldsRead(spl).filter((f) => !known.has(f)) }).toEqual({ search: s.name, unknown: [] });
    }
  });

  test("the KV-store collection, its lookup and the writer agree on the fields", () => {
    const collection = stanza(conf("default/collections.conf"), "aisiem_user_risk")!;
    const fields = [...collection.settings.keys()].filter((k) => k.startsWith("field.")).map((k) => k.slice(6));
    const lookup = stanza(conf("default/transforms.conf"), "aisiem_user_risk_lookup")!;
    expect(lookup.settings.get("fields_list")!.split(/,\s*/)).toEqual(["_key", ...fields]);
    const writer = readFileSync(join(REPO_ROOT, "src", "sinks", "splunk", "kvstore.ts"), "utf8");
    const rowType = /export interface UserRisk \{([\s\S]*?)\n\}/.exec(writer)![1]!;
    expect([...rowType.matchAll(/^\s+(\w+):/gm)].map((m) => m[1]).filter((f) => f !== "_key")).toEqual(fields);
  });

  test("the dashboard is Dashboard Studio JSON whose panels, searches and inputs all resolve", () => {
    const xml = readFileSync(join(SPLUNK_APP_DIR, "default", "data", "ui", "views", "aisiem_overview.xml"), "utf8");
    expect(xml).toMatch(/^<dashboard version="2"/);
    const definition = JSON.parse(/<definition><!\[CDATA\[([\s\S]*?)\]\]><\/definition>/.exec(xml)![1]!) as {
      dataSources: Record<string, { type: string; options: { query: string } }>;
      visualizations: Record<string, { dataSources: { primary: string } }>;
      inputs: Record<string, unknown>;
      layout: { globalInputs: string[]; structure: Array<{ item: string }> };
    };
    const eventtypes = new Set(conf("default/eventtypes.conf").map((s) => s.name));
    for (const viz of Object.values(definition.visualizations)) expect(definition.dataSources[viz.dataSources.primary]).toBeDefined();
    for (const ds of Object.values(definition.dataSources)) for (const [, name] of ds.options.query.matchAll(/eventtype=(\w+)/g)) expect(eventtypes.has(name!)).toBe(true);
    expect(definition.layout.structure.map((s) => s.item).sort()).toEqual(Object.keys(definition.visualizations).sort());
    for (const input of definition.layout.globalInputs) expect(definition.inputs[input]).toBeDefined();
  });

  test("app.conf names the app after its folder at the package's version; default.meta exports system-wide", () => {
    const app = conf("default/app.conf");
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    expect(stanza(app, "package")?.settings.get("id")).toBe("TA-aisiem");
    expect(stanza(app, "id")?.settings.get("version")).toBe(version);
    expect(stanza(app, "launcher")?.settings.get("version")).toBe(version);
    expect(stanza(conf("metadata/default.meta"), "")?.settings.get("export")).toBe("system");
  });

  test("packages as a .tgz with the app folder at its root", () => {
    const out = join(tempDir("aisiem-app-"), "TA-aisiem.tgz");
    expect(packageSplunkApp(out)).toBe(out);
    const entries = execFileSync("tar", ["-tzf", out], { encoding: "utf8" }).split("\n").filter(Boolean);
    expect(entries.every((e) => e.startsWith("TA-aisiem/"))).toBe(true);
    expect(entries).toEqual(expect.arrayContaining(["TA-aisiem/default/props.conf", "TA-aisiem/default/savedsearches.conf", "TA-aisiem/metadata/default.meta", "TA-aisiem/default/data/ui/views/aisiem_overview.xml"]));
  });
});

test("docs/fields-cim.md is the rendering of the CIM contract", () => {
  expect(readFileSync(FIELD_REFERENCE, "utf8")).toBe(renderFieldReference());
});
