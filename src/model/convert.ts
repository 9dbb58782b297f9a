import { CATEGORY_FRAMEWORKS, type FindingCategory } from "./taxonomy.js";
import type { Enriched } from "./enriched.js";
import type { Finding, FindingInput } from "./finding.js";
import type { Interaction } from "./interaction.js";

/** The starting point of enrichment: the interaction with its upstream findings and nothing judged yet. */
export function toEnriched(interaction: Interaction): Enriched {
  return {
    ...interaction,
    findings: [...interaction.findings],
    behaviour: [],
    alerts: [],
    risk: { score: 0, level: "none", reasons: [] },
    redactions: [],
  };
}

/** Build a finding with the category's default ATLAS and OWASP ids unless the caller gives its own. */
export function makeFinding(input: Omit<FindingInput, "atlas" | "owasp"> & { atlas?: string[]; owasp?: string[] }): Finding {
  const frameworks = CATEGORY_FRAMEWORKS[input.category as FindingCategory];
  return {
    ...input,
    evidence: input.evidence ?? [],
    atlas: input.atlas ?? [...frameworks.atlas],
    owasp: input.owasp ?? [...frameworks.owasp],
  } as Finding;
}
