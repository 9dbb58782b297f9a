/** The deterministic per-interaction summary: one paragraph an analyst can read in a SIEM table. */
import type { Summary } from "../../model/index.js";
import type { Flag, InteractionFacts } from "./facts.js";

export const DETERMINISTIC_GENERATOR = "aisiem.deterministic";

export function describeTopic(facts: Pick<InteractionFacts, "topic" | "contentKept">): string {
  if (!facts.contentKept) return "an undisclosed topic (text not kept)";
  if (!facts.topic) return "an unclassified topic";
  return facts.topic.keywords.length > 0 ? `${facts.topic.label} (${facts.topic.keywords.join(", ")})` : facts.topic.label;
}

export function describeFlag(flag: Flag): string {
  const labels = flag.labels.length > 0 ? ` (${flag.labels.join(", ")})` : "";
  const actions = flag.actions.length > 0 ? `, ${flag.actions.join("/")}` : "";
  return `${flag.category}${labels} in the ${flag.targets.join(" and ")} by ${flag.detectors.join(", ")}${actions}`;
}

export function summariseInteraction(facts: InteractionFacts): Summary {
  const sentences = [`${facts.who} asked ${facts.tool} about ${describeTopic(facts)}.`];
  if (facts.blocks.length > 0) {
    sentences.push(`Blocked by ${facts.blocks.map((b) => `${b.detector} (${b.category}${b.label ? `: ${b.label}` : ""})`).join(", ")}.`);
  } else if (facts.failure) {
    sentences.push(`The request failed (${facts.failure}).`);
  }
  if (facts.refusal === "full") sentences.push("The assistant refused.");
  else if (facts.refusal === "partial") sentences.push("The assistant partly refused.");
  if (facts.flags.length > 0) sentences.push(`Flagged: ${facts.flags.map(describeFlag).join("; ")}.`);
  if (facts.redactions.length > 0) sentences.push(`Redacted: ${facts.redactions.map((r) => `${r.count} ${r.category}`).join(", ")}.`);
  const citations: Summary["citations"] = [{ interactionId: facts.id, target: "prompt" }];
  if (facts.hasResponse) citations.push({ interactionId: facts.id, target: "response" });
  return { text: sentences.join(" "), citations, generator: DETERMINISTIC_GENERATOR };
}
