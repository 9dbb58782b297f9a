/**
 * integrations/detections.yml is the one list of detections; the Elastic rules
 * (integrations/elastic/rules/*.toml) and the Splunk saved searches (TA-aisiem's
 * savedsearches.conf) implement it. Each side must hold exactly the catalogue's detections and
 * agree with it on name, description, severity, ATLAS and OWASP ids, window, interval and
 * thresholds. Risk rules ("RR", `action.risk = 1`) feed Splunk's risk index and are not detections.
 */
import { describe, expect, it } from "@jest/globals";
import { join } from "node:path";
import { atlasThreat, SEVERITY_NUMBER } from "../../src/map/ecs/index.js";
import { SPLUNK_APP_DIR } from "../../src/cli/commands/setup-splunk.js";
import { readRules } from "../../scripts/elastic/render.js";
import { parseConf } from "../splunk/conf.js";
import { numericComparisons, readCatalogue } from "./catalogue.js";

const catalogue = readCatalogue();
const detections = catalogue.detections;
const elastic = new Map(readRules().map(({ file, rule }) => [`rules/${file}`, rule]));
const splunk = new Map(
  parseConf(join(SPLUNK_APP_DIR, "default", "savedsearches.conf"))
    .filter((s) => s.settings.get("action.risk") !== "1")
    .map((s) => [s.name, s.settings]),
);
const sorted = (values: Iterable<string>) => [...values].sort();
const minutes = (text: string | undefined, pattern: RegExp) => Number(pattern.exec(text ?? "")?.[1]);

describe("the detection catalogue", () => {
  it("names each detection once, with Elastic's risk score for its severity and known ATLAS techniques", () => {
    for (const key of ["id", "name", "elastic", "splunk"] as const) expect(new Set(detections.map((d) => d[key])).size).toBe(detections.length);
    for (const d of detections) {
      expect([d.id, d.risk_score]).toEqual([d.id, SEVERITY_NUMBER[d.severity]]);
      for (const id of d.atlas) expect([d.id, id, atlasThreat([id])?.technique.name?.length]).toEqual([d.id, id, 1]);
      expect([d.id, catalogue.splunk_alert_severity[d.severity]]).toEqual([d.id, expect.any(Number)]);
    }
  });

  it("is exactly the set of Elastic rules and of Splunk detections, no more and no fewer", () => {
    expect(sorted(elastic.keys())).toEqual(sorted(detections.map((d) => d.elastic)));
    expect(sorted(splunk.keys())).toEqual(sorted(detections.map((d) => d.splunk)));
  });
});

describe.each(detections.map((d) => [d.id, d] as const))("%s", (_id, d) => {
  it("Elastic: same name, description, severity, ATLAS/OWASP ids, window, interval and thresholds", () => {
    const rule = elastic.get(d.elastic)!;
    expect(rule).toBeDefined();
    const techniques = (rule.threat ?? []).flatMap((t) => (t.technique ?? []).map((x) => x.id));
    const tagged = (prefix: string) => rule.tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length));
    expect({
      name: rule.name,
      description: rule.description.trim(),
      severity: rule.severity,
      risk_score: rule.risk_score,
      atlas: sorted(techniques),
      atlasTags: sorted(tagged("Mitre Atlas: ")),
      owasp: sorted(tagged("OWASP LLM: ")),
      window: minutes(rule.from, /^now-(\d+)m$/),
      interval: minutes(rule.interval, /^(\d+)m$/),
      thresholds: numericComparisons(rule.query),
    }).toEqual({
      name: d.name,
      description: d.description,
      severity: d.severity,
      risk_score: d.risk_score,
      atlas: sorted(d.atlas),
      atlasTags: sorted(d.atlas.map((id) => id.replace("AML.", ""))),
      owasp: sorted(d.owasp),
      window: d.window,
      interval: d.interval,
      thresholds: sorted(d.thresholds),
    });
  });

  it("Splunk: same description, severity, ATLAS/OWASP ids, window, interval and thresholds", () => {
    const settings = splunk.get(d.splunk)!;
    expect(settings).toBeDefined();
    const annotations = JSON.parse(settings.get("action.correlationsearch.annotations") ?? "{}") as Record<string, string[]>;
    const cron = settings.get("cron_schedule");
    const earliest = minutes(settings.get("dispatch.earliest_time"), /^-(\d+)m@m$/);
    const latest = minutes(settings.get("dispatch.latest_time"), /^-(\d+)m@m$/);
    expect({
      name: d.splunk.replace("aisiem - ", ""),
      description: settings.get("description"),
      severity: Number(settings.get("alert.severity")),
      atlas: sorted(annotations.mitre_atlas ?? []),
      owasp: sorted(annotations.owasp_llm ?? []),
      window: earliest - latest,
      indexingLag: latest,
      interval: cron === "0 * * * *" ? 60 : minutes(cron, /^\*\/(\d+) \* \* \* \*$/),
      thresholds: numericComparisons(settings.get("search")!),
    }).toEqual({
      name: d.name,
      description: d.description,
      severity: catalogue.splunk_alert_severity[d.severity],
      atlas: sorted(d.atlas),
      owasp: sorted(d.owasp),
      window: d.window,
      indexingLag: 5,
      interval: d.interval,
      thresholds: sorted(d.thresholds),
    });
  });
});
