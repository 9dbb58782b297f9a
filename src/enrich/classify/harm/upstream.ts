/**
 * One harm taxonomy: vendor labels (Bedrock content filters, Azure AI Content Safety, OpenAI
 * Moderation, Google Model Armor RAI, Llama Guard codes) map into the S1–S14 codes, so a
 * detection rule on `harm` works whatever product reported it. Connectors call `harmCodeFor`.
 */
import { HARM_CODES, type HarmCode } from "../../../model/index.js";

const VENDOR_LABELS: Readonly<Record<string, HarmCode>> = {
  // AWS Bedrock Guardrails content filters
  violence: "S1",
  misconduct: "S2",
  sexual: "S12",
  hate: "S10",
  insults: "S10",
  // Azure AI Content Safety
  self_harm: "S11",
  selfharm: "S11",
  // OpenAI Moderation
  "hate/threatening": "S10",
  harassment: "S10",
  "harassment/threatening": "S1",
  "self-harm": "S11",
  "self-harm/intent": "S11",
  "self-harm/instructions": "S11",
  "sexual/minors": "S4",
  "violence/graphic": "S1",
  illicit: "S2",
  "illicit/violent": "S9",
  // Google Model Armor responsible-AI filters
  sexually_explicit: "S12",
  hate_speech: "S10",
  dangerous: "S9",
  dangerous_content: "S9",
  // Common free-text labels
  weapons: "S9",
  crime: "S2",
  criminal: "S2",
  privacy: "S7",
  pii: "S7",
  defamation: "S5",
  elections: "S13",
  suicide: "S11",
  csam: "S4",
  child_exploitation: "S4",
  intellectual_property: "S8",
  copyright: "S8",
  specialized_advice: "S6",
  code_interpreter_abuse: "S14",
};

/** The S-code for a vendor's harm label, or undefined when the label is not a harm category. */
export function harmCodeFor(label: string): HarmCode | undefined {
  const lower = label.trim().toLowerCase();
  if (lower.toUpperCase() in HARM_CODES) return lower.toUpperCase() as HarmCode;
  for (const key of [lower, lower.replace(/[\s-]+/g, "_")]) {
    const code = VENDOR_LABELS[key] ?? (Object.keys(HARM_CODES) as HarmCode[]).find((c) => HARM_CODES[c] === key);
    if (code) return code;
  }
  return undefined;
}
