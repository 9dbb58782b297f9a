import { textHash, type Interaction, type Message } from "../model/index.js";
import type { ContentMode } from "./types.js";

/**
 * Applies a connector's privacy option to prompt and response text before it leaves the parser:
 * `hash` keeps a SHA-256 of each text (for correlation), `drop` removes it. Upstream finding
 * snippets are dropped too, since vendors copy matched sensitive strings into them.
 */
export function applyContentMode(interaction: Interaction, mode: ContentMode = "keep"): Interaction {
  if (mode === "keep") return interaction;
  const treat = (text: string): string => (mode === "hash" && text ? textHash(text) : "");
  const treatMessages = (messages: Message[]): Message[] => messages.map((m) => ({ ...m, content: treat(m.content) }));
  return {
    ...interaction,
    content: mode === "hash" ? "hashed" : "dropped",
    prompt: { ...interaction.prompt, text: treat(interaction.prompt.text), messages: treatMessages(interaction.prompt.messages) },
    response: {
      ...interaction.response,
      text: treat(interaction.response.text),
      messages: treatMessages(interaction.response.messages),
    },
    findings: interaction.findings.map((f) => ({ ...f, evidence: f.evidence.map(({ snippet: _snippet, ...rest }) => rest) })),
    raw: undefined,
  };
}
