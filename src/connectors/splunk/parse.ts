import { z } from "zod";
import { interactionId, makeFinding, validate, type FindingAction, type FindingCategory, type Interaction, type Severity } from "../../model/index.js";

/** A field of an export-search result: Splunk gives a string, or a list for a multi-value field. */
const Value = z.union([z.string(), z.array(z.string())]);

/** One result row of `search/v2/jobs/export` (`output_mode=json`): CIM fields as the add-ons extracted them. */
export const SplunkResultRow = z.looseObject({
  _time: z.string().min(1),
  _indextime: z.string().regex(/^\d+$/).optional(),
  _cd: Value.optional(),
  _raw: Value.optional(),
  index: Value.optional(),
  sourcetype: Value.optional(),
  source: Value.optional(),
  host: Value.optional(),
  id: Value.optional(),
  event_id: Value.optional(),
  signature: Value.optional(),
  signature_id: Value.optional(),
  category: Value.optional(),
  severity: Value.optional(),
  action: Value.optional(),
  user: Value.optional(),
  user_name: Value.optional(),
  src: Value.optional(),
  dest: Value.optional(),
  app: Value.optional(),
  vendor_product: Value.optional(),
  vendor_account: Value.optional(),
  vendor_region: Value.optional(),
});
export type SplunkResultRow = z.infer<typeof SplunkResultRow>;

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value) || undefined;

/** CIM severity vocabulary → aisiem's; an alert without one is taken as medium. */
const SEVERITY: Record<string, Severity> = { informational: "info", info: "info", low: "low", medium: "medium", high: "high", critical: "critical" };

/** Keywords in a CIM category or signature → aisiem category; the first match wins, the rest is `policy`. */
const CATEGORY_RULES: ReadonlyArray<[RegExp, FindingCategory]> = [
  [/jailbreak/, "jailbreak"],
  [/indirect.{0,20}inject/, "indirect_prompt_injection"],
  [/inject/, "prompt_injection"],
  [/system.?prompt|meta.?prompt|prompt.?(leak|extract)/, "system_prompt_leak"],
  [/malicious.?url|phish/, "malicious_url"],
  [/secret|credential|api.?key|password|private.?key|access.?key/, "secret"],
  [/credit.?card|iban|bank|financial|pci/, "financial"],
  [/pii|personal|ssn|phone|e-?mail.?address|passport/, "pii"],
  [/toxic|hate|harass|insult|profan/, "toxicity"],
  [/violen|self.?harm|weapon|sexual|harm/, "harm"],
  [/off.?topic|denied.?topic|topic/, "denied_topic"],
  [/blocklist|deny.?list|banned/, "blocklist"],
  [/copyright|protected.?material/, "protected_material"],
];

export function categorise(text: string): FindingCategory {
  const lower = text.toLowerCase();
  return CATEGORY_RULES.find(([pattern]) => pattern.test(lower))?.[1] ?? "policy";
}

function actionOf(action: string | undefined): FindingAction {
  if (action === "blocked" || action === "allowed") return action;
  return "unknown";
}

/**
 * A guardrail alert already indexed in Splunk (any CIM Alerts, IDS or DLP event) as an
 * Interaction with one upstream finding. Its id comes from the alert's own id when it has one,
 * else from its index and `_cd` (bucket and offset), so a re-read yields the same interaction.
 */
export function parseResultRow(raw: unknown): Interaction {
  const row = validate(SplunkResultRow, raw, "Splunk export result");
  const timestamp = new Date(row._time);
  if (Number.isNaN(timestamp.getTime())) throw new Error(`Splunk export result: _time is not a date: ${JSON.stringify(row._time).slice(0, 60)}`);
  const index = first(row.index) ?? "main";
  const recordId = first(row.id) ?? first(row.event_id) ?? (first(row._cd) ? `${index}:${first(row._cd)}` : undefined);
  if (!recordId) throw new Error("Splunk export result has neither id, event_id nor _cd: add `| fields + _cd` or an id field to the search");
  const sourcetype = first(row.sourcetype) ?? "unknown";
  const product = first(row.vendor_product) ?? first(row.app) ?? sourcetype;
  const signature = first(row.signature);
  const user = first(row.user);
  const categoryText = [first(row.category), signature].filter(Boolean).join(" ");
  const src = first(row.src);
  const labels: Record<string, string> = {};
  for (const [key, value] of [["splunk.index", index], ["splunk.sourcetype", sourcetype], ["splunk.source", first(row.source)], ["splunk.host", first(row.host)]]) {
    if (value !== undefined) labels[key!] = value;
  }
  return {
    id: interactionId("splunk", recordId),
    timestamp: timestamp.toISOString(),
    source: { product, vendor: "Splunk", connector: "splunk", recordId, turn: 0 },
    user: user?.includes("@") ? { email: user, name: first(row.user_name) } : { id: user, name: first(row.user_name) },
    app: { name: first(row.dest) ?? first(row.app) ?? product },
    model: {},
    prompt: { text: "", messages: [] },
    response: { text: "", messages: [] },
    content: "kept",
    outcome: "unknown",
    ...(src && /^[0-9a-f.:]+$/i.test(src) ? { network: { sourceIp: src } } : {}),
    ...(first(row.vendor_account) || first(row.vendor_region) ? { cloud: { accountId: first(row.vendor_account), region: first(row.vendor_region) } } : {}),
    findings: [
      makeFinding({
        origin: "upstream",
        detector: `splunk:${sourcetype}`,
        category: categorise(categoryText),
        label: signature ?? first(row.category),
        target: "interaction",
        severity: SEVERITY[(first(row.severity) ?? "").toLowerCase()] ?? "medium",
        action: actionOf(first(row.action)),
        policy: { id: first(row.signature_id), name: signature },
      }),
    ],
    labels,
    raw: row,
  };
}
