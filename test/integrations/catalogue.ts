import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { validate } from "../../src/model/index.js";
import { ROOT } from "../../scripts/elastic/render.js";

const Severity = z.enum(["low", "medium", "high", "critical"]);
const Minutes = z.number().int().positive();

const Detection = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string().min(1),
  description: z.string().min(1),
  severity: Severity,
  risk_score: z.number(),
  atlas: z.array(z.string().regex(/^AML\.T\d{4}(\.\d{3})?$/)).min(1),
  owasp: z.array(z.string().regex(/^LLM\d{2}$/)).min(1),
  window: Minutes,
  interval: Minutes,
  thresholds: z.array(z.string()),
  elastic: z.string().regex(/^rules\/[a-z0-9_]+\.toml$/),
  splunk: z.string().startsWith("aisiem - "),
});
export type Detection = z.infer<typeof Detection>;

const Catalogue = z.strictObject({
  splunk_alert_severity: z.record(Severity, z.number().int().min(1).max(6)),
  detections: z.array(Detection).min(1),
});
export type Catalogue = z.infer<typeof Catalogue>;

export const CATALOGUE_PATH = join(ROOT, "integrations", "detections.yml");

/** integrations/detections.yml, the one list of detections both SIEMs ship. */
export function readCatalogue(): Catalogue {
  return validate(Catalogue, parseYaml(readFileSync(CATALOGUE_PATH, "utf8")), "integrations/detections.yml");
}

/**
 * Every numeric comparison in a query (`attempts > 5`), spelled one way whatever the language's
 * spacing; quoted strings are blanked first so a literal never counts.
 */
export function numericComparisons(query: string): string[] {
  const text = query.replace(/"[^"]*"/g, '""');
  return [...text.matchAll(/\b([A-Za-z_][\w.]*)\s*(>=|<=|==|!=|>|<|=)\s*(\d+(?:\.\d+)?)\b/g)].map(([, field, op, value]) => `${field} ${op} ${value}`).sort();
}
