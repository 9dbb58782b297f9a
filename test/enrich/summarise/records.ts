import pino from "pino";
import { makeFinding, parseNativeInteraction, toEnriched, type Enriched, type FindingInput } from "../../../src/model/index.js";

export const silent = pino({ level: "silent" });

let counter = 0;

/** An enriched record as the stages before `summarise` would hand it over. */
export function record(overrides: Record<string, unknown> = {}, extra: Partial<Enriched> = {}): Enriched {
  counter += 1;
  const base = {
    timestamp: `2025-04-01T10:${String(counter % 60).padStart(2, "0")}:00Z`,
    source: { product: "ChatGPT Enterprise", vendor: "OpenAI", connector: "chatgpt-enterprise", recordId: `msg-${counter}` },
    user: { name: "Ana Ruiz", email: "ana.ruiz@northwind.example", id: "user-1" },
    conversationId: "conv-1",
    app: { name: "ChatGPT Enterprise" },
    prompt: { text: "Write a SQL query that returns total revenue per customer for March from the orders table." },
    response: { text: "Here is a query using GROUP BY on the customer id." },
    ...overrides,
  };
  return { ...toEnriched(parseNativeInteraction(base)), ...extra };
}

export function finding(input: Partial<FindingInput> & Pick<FindingInput, "category">) {
  return makeFinding({ origin: "aisiem", detector: `aisiem.${input.category}`, target: "prompt", severity: "medium", action: "observed", ...input });
}
