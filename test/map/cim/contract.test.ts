import { FINDING_CATEGORIES, makeFinding, type Enriched } from "../../../src/model/index.js";
import { CATEGORY_KIND, PLACEHOLDERS, SOURCETYPES, toCimEvents, type CimEvent } from "../../../src/map/cim/index.js";
import { cimFields, esOnlyFields } from "../../splunk/cim-models.js";
import { enrichedRecord, flaggedRecord } from "../../splunk/records.js";
import { mapping, type SourcetypeSpec } from "../../splunk/mapping.js";

const entries = Object.entries(mapping.sourcetypes);

/** The CIM fields a sourcetype's events may carry: its dataset's, or Alerts' for the RBA risk events. */
function modelFields(spec: SourcetypeSpec) {
  return spec.model && spec.dataset ? cimFields(spec.model, spec.dataset) : cimFields(spec.fieldsFrom!, spec.fieldsFrom!);
}

/** Records covering every kind and the awkward cases: placeholders from a vendor, no IP, no user, every category. */
function fixtures(): Enriched[] {
  const placeholders = enrichedRecord(50, { user: { id: "unknown", name: "-", email: " " }, network: { sourceIp: "null", userAgent: "" } });
  placeholders.findings = [makeFinding({ origin: "upstream", detector: "vendor.x", category: "pii", label: "-", target: "response", severity: "low", action: "unknown" })];
  const everyCategory = enrichedRecord(51);
  everyCategory.findings = FINDING_CATEGORIES.map((category) =>
    makeFinding({ origin: "aisiem", detector: `aisiem.${category}`, category, target: "prompt", severity: "medium", action: "masked" }),
  );
  return [flaggedRecord(1), enrichedRecord(2), placeholders, everyCategory, enrichedRecord(3, { labels: undefined, network: undefined })];
}
const events: CimEvent[] = fixtures().flatMap(toCimEvents);

describe("CIM contract (mappings/cim/sourcetypes.json)", () => {
  test("the sourcetypes and category routing in code are the contract's", () => {
    expect(Object.fromEntries(entries.map(([st, spec]) => [spec.kind, st]))).toEqual(SOURCETYPES);
    for (const [, spec] of entries) {
      for (const category of spec.categories ?? []) expect(CATEGORY_KIND[category as keyof typeof CATEGORY_KIND]).toBe(spec.kind);
    }
    const routed = entries.flatMap(([, spec]) => spec.categories ?? []).sort();
    expect(routed).toEqual([...FINDING_CATEGORIES].sort());
  });

  test.each(entries)("%s: every field name exists in its CIM model and none is an ES-only field", (_st, spec) => {
    const known = new Set(modelFields(spec).map((f) => f.name));
    const esOnly = esOnlyFields();
    for (const name of Object.keys(spec.fields).filter((n) => n !== "event_id")) {
      expect({ name, known: known.has(name) }).toEqual({ name, known: true });
      expect(esOnly.has(name)).toBe(false);
    }
  });

  test.each(entries.filter(([, spec]) => spec.model))("%s: covers every required field of its data model", (_st, spec) => {
    const required = modelFields(spec).filter((f) => f.type === "required").map((f) => f.name);
    expect(required.filter((name) => !(name in spec.fields))).toEqual([]);
  });
});

describe("CIM mapper output", () => {
  test("events carry only contract fields, RBA hints and the aisiem/gen_ai namespaces", () => {
    const extras = new Set([...Object.keys(mapping.rbaFields), ...Object.keys(mapping.namespaces)]);
    for (const event of events) {
      const spec = mapping.sourcetypes[event.sourcetype]!;
      const allowed = new Set([...Object.entries(spec.fields).filter(([, f]) => f.via === "event").map(([n]) => n), ...extras]);
      expect(Object.keys(event.event).filter((k) => !allowed.has(k))).toEqual([]);
      expect(Object.keys(event.fields).sort()).toEqual(Object.keys(mapping.indexedFields).sort());
    }
  });

  test("every field the contract says is sent is sent by some fixture", () => {
    for (const [st, spec] of entries) {
      const seen = new Set(events.filter((e) => e.sourcetype === st).flatMap((e) => Object.keys(e.event)));
      const promised = Object.entries(spec.fields).filter(([, f]) => f.via === "event").map(([n]) => n);
      expect({ st, missing: promised.filter((n) => !seen.has(n)) }).toEqual({ st, missing: [] });
    }
  });

  test("no field carries a placeholder value", () => {
    for (const event of events) {
      for (const [name, value] of Object.entries(event.event)) {
        const values = Array.isArray(value) ? value : [value];
        for (const v of values) {
          if (typeof v === "string") expect({ name, placeholder: PLACEHOLDERS.has(v.trim().toLowerCase()) }).toEqual({ name, placeholder: false });
        }
      }
    }
  });

  test("values are within each model's expected values, with search-time evals applied", () => {
    for (const event of events) {
      const spec = mapping.sourcetypes[event.sourcetype]!;
      const evals = Object.fromEntries(Object.entries(spec.fields).filter(([, f]) => f.via === "eval").map(([n, f]) => [n, JSON.parse(f.expr!)]));
      const searchTime: Record<string, unknown> = { ...event.event, ...evals };
      for (const field of modelFields(spec)) {
        const value = searchTime[field.name];
        if (value === undefined || !field.expected_values) continue;
        expect({ field: field.name, value, ok: field.expected_values.includes(String(value)) }).toMatchObject({ ok: true });
      }
    }
  });

  test("a gateway interaction and a full finding carry every required field of their model at search time", () => {
    for (const event of toCimEvents(flaggedRecord(7))) {
      const spec = mapping.sourcetypes[event.sourcetype]!;
      if (!spec.model) continue;
      const present = new Set([...Object.keys(event.event), ...Object.entries(spec.fields).filter(([, f]) => f.via !== "event").map(([n]) => n)]);
      const required = modelFields(spec).filter((f) => f.type === "required").map((f) => f.name);
      expect({ st: event.sourcetype, missing: required.filter((n) => !present.has(n)) }).toEqual({ st: event.sourcetype, missing: [] });
    }
  });

  test("maps a finding to its model's vocabulary", () => {
    const [, attack, dlp, alert, risk] = toCimEvents(flaggedRecord(1));
    expect(attack!.event).toMatchObject({ action: "blocked", category: "prompt_injection", severity: "high", dvc: "litellm.lakera", vendor_product: "LiteLLM", user: "user1@example.com", risk_score: 82 });
    expect(dlp!.event).toMatchObject({ action: "allowed", app: "support-bot", object_category: "prompt", object_path: "support-bot/conv-1/prompt", severity: "critical", vendor_product: "aisiem" });
    expect(alert!.event).toMatchObject({ app: "aisiem", signature: "Toxic language", signature_id: "tox-1", severity: "informational", mitre_technique_id: ["AML.T0048"], src: "10.0.0.7" });
    expect(risk!.event).toMatchObject({ risk_object: "user1@example.com", risk_object_type: "user", risk_score: 65, threat_object: "retry_loop", signature_id: "aisiem.behaviour.retry_loop" });
    expect(risk!.time).toBe(Date.parse(flaggedRecord(1).alerts[0]!.timestamp) / 1000);
  });

  test("event ids are stable across runs and distinct within a record", () => {
    const first = toCimEvents(flaggedRecord(4)).map((e) => e.eventId);
    expect(toCimEvents(flaggedRecord(4)).map((e) => e.eventId)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  test("without a risk score a finding is scored by severity, and an interaction without HTTP facts has no Web fields", () => {
    const record = enrichedRecord(9, { labels: undefined });
    record.findings = [makeFinding({ origin: "aisiem", detector: "aisiem.secrets", category: "secret", target: "prompt", severity: "high", action: "observed" })];
    const [interaction, dlp] = toCimEvents(record);
    expect(dlp!.event.risk_score).toBe(73);
    expect(interaction!.event).not.toHaveProperty("http_method");
    expect(interaction!.event).toMatchObject({ dest: "support-bot", action: "allowed", bytes_out: 10, bytes_in: 8 });
  });
});
