/**
 * Enrichment stage `redact`: rewrites the secrets and personal data in everything that is
 * written to a SIEM — prompt and response text, message contents, tool-call arguments, snippets
 * of upstream findings and every string inside the raw vendor record (`event.original`) — by
 * category: mask (default), keyed hash, or drop. Finding offsets are moved to the rewritten text.
 */
import { z } from "zod";
import type { Enriched, Evidence, Finding, Message, Redaction, Turn } from "../../model/index.js";
import { PiiConfig, detectPersonalData } from "../classify/pii/index.js";
import { SecretsConfig, detectSecrets } from "../classify/secrets/index.js";
import { mergeSpans } from "../classify/spans.js";
import type { SensitiveSpan } from "../classify/types.js";
import { defineStage } from "../types.js";
import { rewrite, shiftOffset, type Replacement, type Rewriter } from "./text.js";

const Mode = z.enum(["mask", "hash", "drop"]);

export const RedactConfig = z
  .object({
    enabled: z.boolean().default(true),
    /** Mode per category: secrets and personal data are masked unless configured otherwise. */
    modes: z
      .object({ secret: Mode.default("mask"), pii: Mode.default("mask"), financial: Mode.default("mask") })
      .strict()
      .default({ secret: "mask", pii: "mask", financial: "mask" }),
    /** Mode per label, overriding the category, e.g. `{ email: hash }`. */
    labels: z.record(z.string(), Mode).default({}),
    /** HMAC-SHA256 key for `hash` mode; from `${ENV}` or `${file:...}`, never inline. */
    hashKey: z.string().min(16, "use at least 16 characters").optional(),
    secrets: SecretsConfig.default(SecretsConfig.parse({})),
    pii: PiiConfig.default(PiiConfig.parse({})),
  })
  .strict()
  .superRefine((config, ctx) => {
    const usesHash = Object.values(config.modes).includes("hash") || Object.values(config.labels).includes("hash");
    if (usesHash && !config.hashKey) ctx.addIssue({ code: "custom", path: ["hashKey"], message: "hash mode needs hashKey (an unkeyed hash of a phone number can be reversed by brute force)" });
  });
export type RedactConfig = z.infer<typeof RedactConfig>;

type Tally = Map<string, Redaction>;

class RecordRedactor {
  readonly tally: Tally = new Map();

  constructor(private readonly config: RedactConfig, private readonly rewriter: Rewriter) {}

  async spans(text: string): Promise<SensitiveSpan[]> {
    const spans: SensitiveSpan[] = [];
    if (this.config.secrets.enabled) spans.push(...(await detectSecrets(text, this.config.secrets)));
    if (this.config.pii.enabled) spans.push(...detectPersonalData(text, this.config.pii));
    return mergeSpans(spans);
  }

  async text(text: string): Promise<{ text: string; replacements: Replacement[] }> {
    if (!text) return { text, replacements: [] };
    const result = rewrite(text, await this.spans(text), this.rewriter);
    for (const r of result.replacements) {
      const key = `${r.category}\u0000${r.label}\u0000${r.mode}`;
      const entry = this.tally.get(key) ?? { category: r.category, label: r.label, count: 0, mode: r.mode };
      entry.count += 1;
      this.tally.set(key, entry);
    }
    return result;
  }

  /** Every string inside the raw record, at any depth. */
  async raw(value: unknown): Promise<unknown> {
    if (typeof value === "string") return (await this.text(value)).text;
    if (Array.isArray(value)) return Promise.all(value.map((v) => this.raw(v)));
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) out[key] = await this.raw(v);
      return out;
    }
    return value;
  }
}

/** Replacements per judged text: the turn text under key -1, messages under their index. */
type TurnReplacements = Map<number, Replacement[]>;

async function redactTurn(turn: Turn, redactor: RecordRedactor): Promise<{ turn: Turn; replacements: TurnReplacements }> {
  const replacements: TurnReplacements = new Map();
  const text = await redactor.text(turn.text);
  replacements.set(-1, text.replacements);
  const messages: Message[] = [];
  for (const [index, message] of turn.messages.entries()) {
    const content = await redactor.text(message.content);
    replacements.set(index, content.replacements);
    const toolCalls = message.toolCalls && (await Promise.all(message.toolCalls.map(async (c) => (c.arguments ? { ...c, arguments: (await redactor.text(c.arguments)).text } : c))));
    messages.push({ ...message, content: content.text, ...(toolCalls ? { toolCalls } : {}) });
  }
  return { turn: { ...turn, text: text.text, messages }, replacements };
}

async function redactEvidence(finding: Finding, turns: Record<"prompt" | "response", TurnReplacements>, redactor: RecordRedactor): Promise<Finding> {
  const evidence: Evidence[] = [];
  for (const e of finding.evidence) {
    const moved = { ...e };
    // aisiem snippets are masked already; upstream snippets are the vendor's copy of the match.
    if (finding.origin === "upstream" && e.snippet) moved.snippet = (await redactor.text(e.snippet)).text;
    const replacements = e.target === "interaction" ? undefined : turns[e.target].get(e.messageIndex ?? -1);
    if (replacements && finding.origin === "aisiem" && e.start !== undefined && e.end !== undefined) {
      moved.start = shiftOffset(e.start, replacements);
      moved.end = Math.max(moved.start, shiftOffset(e.end, replacements));
    }
    evidence.push(moved);
  }
  return { ...finding, evidence };
}

export async function redactRecord(record: Enriched, config: RedactConfig): Promise<Enriched> {
  const rewriter: Rewriter = {
    modeFor: (span) => config.labels[span.label] ?? config.modes[span.category],
    ...(config.hashKey ? { hashKey: config.hashKey } : {}),
  };
  const redactor = new RecordRedactor(config, rewriter);
  const prompt = await redactTurn(record.prompt, redactor);
  const response = await redactTurn(record.response, redactor);
  const turns = { prompt: prompt.replacements, response: response.replacements };
  const findings = await Promise.all(record.findings.map((f) => redactEvidence(f, turns, redactor)));
  const raw = record.raw === undefined ? undefined : await redactor.raw(record.raw);
  return {
    ...record,
    prompt: prompt.turn,
    response: response.turn,
    findings,
    ...(raw === undefined ? {} : { raw }),
    redactions: [...record.redactions, ...redactor.tally.values()],
  };
}

export const redactStage = defineStage({
  name: "redact",
  configSchema: RedactConfig,
  create(config) {
    if (!config.enabled) return undefined;
    return {
      name: "redact",
      async process(records: Enriched[]): Promise<Enriched[]> {
        const out: Enriched[] = [];
        for (const record of records) out.push(await redactRecord(record, config));
        return out;
      },
    };
  },
});
