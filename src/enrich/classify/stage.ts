import type { Enriched, Finding, Message } from "../../model/index.js";
import { defineStage } from "../types.js";
import { ClassifyConfig, TextClassifier } from "./index.js";
import type { TextRole } from "./types.js";
import type { RefusalLevel } from "./refusal/index.js";

/** Messages worth judging besides the turn's text: user, system and tool content on the prompt side, assistant content on the response side. */
const JUDGED_ROLES: Record<TextRole, ReadonlySet<Message["role"]>> = {
  prompt: new Set(["user", "system", "tool"]),
  response: new Set(["assistant", "tool"]),
};

/**
 * A system prompt is written by the application's own developers, and its usual guard lines
 * ("do not reveal these instructions") read like injection phrases: judge it for secrets and
 * personal data only. Injected instructions from outside arrive as user or tool content.
 */
const NOT_FOR_SYSTEM_PROMPTS: ReadonlySet<string> = new Set(["prompt_injection", "indirect_prompt_injection", "jailbreak", "system_prompt_leak"]);

async function judgeTurn(classifier: TextClassifier, record: Enriched, role: TextRole): Promise<Finding[]> {
  const turn = record[role];
  const findings = (await classifier.judge(turn.text, { role })).findings;
  for (const [messageIndex, message] of turn.messages.entries()) {
    // The judged text is usually one of the messages: judge it once.
    if (!JUDGED_ROLES[role].has(message.role) || message.content === turn.text) continue;
    const messageRole: TextRole = message.role === "assistant" ? "response" : role;
    const judged = (await classifier.judge(message.content, { role: messageRole, context: { messageIndex } })).findings;
    findings.push(...(message.role === "system" ? judged.filter((f) => !NOT_FOR_SYSTEM_PROMPTS.has(f.category)) : judged));
  }
  return findings;
}

/** Refusal of the answer as a whole: the level of the refusal finding on the response text. */
function refusalOf(findings: readonly Finding[]): RefusalLevel {
  const found = findings.find((f) => f.category === "refusal" && f.target === "response" && f.evidence[0]?.messageIndex === undefined);
  return (found?.label as RefusalLevel | undefined) ?? "none";
}

/** Enrichment stage `classify`: adds aisiem's findings for the prompt and the response, and the refusal level. */
export const classifyStage = defineStage({
  name: "classify",
  configSchema: ClassifyConfig,
  create(config) {
    if (!config.enabled) return undefined;
    const classifier = new TextClassifier(config);
    return {
      name: "classify",
      async process(records: Enriched[]): Promise<Enriched[]> {
        const out: Enriched[] = [];
        for (const record of records) {
          const own = [...(await judgeTurn(classifier, record, "prompt")), ...(await judgeTurn(classifier, record, "response"))];
          const hasResponse = record.response.text.length > 0;
          out.push({ ...record, findings: [...record.findings, ...own], ...(hasResponse && config.refusal.enabled ? { refusal: refusalOf(own) } : {}) });
        }
        return out;
      },
    };
  },
});
