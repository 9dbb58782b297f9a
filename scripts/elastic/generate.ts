/** Writes the files derived from mappings/ecs/fields.yml. Run: `npx tsx scripts/elastic/generate.ts`. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderDashboardNdjson } from "./dashboard.js";
import { renderFieldReference, renderRulesNdjson, renderTemplateFiles, ROOT } from "./render.js";

const templatesDir = join(ROOT, "integrations", "elastic", "templates");
mkdirSync(templatesDir, { recursive: true });
for (const [name, text] of Object.entries(renderTemplateFiles())) writeFileSync(join(templatesDir, name), text);
writeFileSync(join(ROOT, "docs", "fields-ecs.md"), renderFieldReference());
writeFileSync(join(ROOT, "integrations", "elastic", "rules.ndjson"), renderRulesNdjson());
writeFileSync(join(ROOT, "integrations", "elastic", "dashboard.ndjson"), renderDashboardNdjson());
console.log(`wrote ${templatesDir}, integrations/elastic/{rules,dashboard}.ndjson and docs/fields-ecs.md`);
