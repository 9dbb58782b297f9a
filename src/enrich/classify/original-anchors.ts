/**
 * One case-insensitive anchor scan of the original text for every rule set that reads it
 * (aisiem's secret rules, the secretlint gate, personal-data rules): each scan costs a pass over
 * the text, so they share one. Secrets and personal data are looked for in the same text one
 * after the other (by the classifiers and by redaction), so the last scan is kept.
 */
import { AnchorScanner } from "./anchored.js";
import { PII_RULES } from "./pii/rules.js";
import { SECRET_RULES } from "./secrets/rules.js";
import { SECRETLINT_LITERALS } from "./secrets/secretlint-anchors.js";

const SCANNER = new AnchorScanner([...SECRET_RULES.flatMap((r) => r.anchors), ...SECRETLINT_LITERALS, ...PII_RULES.flatMap((r) => r.anchors ?? [])], true);
let last: { text: string; present: Set<string> } | undefined;

/** The anchors of all original-text rules that occur in `text`, lower-cased. */
export function originalAnchors(text: string): Set<string> {
  if (last?.text !== text) last = { text, present: SCANNER.scan(text) };
  return last.present;
}
