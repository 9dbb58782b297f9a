import { z } from "zod";
import { HarmCodeSchema } from "../../model/index.js";
import { defineGuardrailConnector } from "../_guardrail/envelope.js";
import { upstreamFinding } from "../_guardrail/findings.js";

const NAME = "llama-guard";

/** A label for `unsafe` without codes: the model judged it unsafe but named no category. */
export const UNSPECIFIED_UNSAFE = "unsafe";

/**
 * Llama Guard 3/4 generated text (sources.md §1.12): `safe`, or `unsafe` and on the next line a
 * comma-separated list of S-codes. Anything else is not a Llama Guard verdict.
 */
export const LlamaGuardOutput = z.string().transform((text, ctx) => {
  const [verdict = "", codes = ""] = text.trim().split(/\r?\n/).map((line) => line.trim());
  if (verdict === "safe") return { unsafe: false, codes: [] as string[] };
  if (verdict !== "unsafe") {
    ctx.addIssue({ code: "custom", message: `expected "safe" or "unsafe" on the first line, got ${JSON.stringify(verdict.slice(0, 40))}` });
    return z.NEVER;
  }
  const list = codes ? codes.split(",").map((code) => code.trim().toUpperCase()) : [];
  const bad = list.filter((code) => !HarmCodeSchema.safeParse(code).success);
  if (bad.length) {
    ctx.addIssue({ code: "custom", message: `unknown category code(s) ${bad.map((code) => JSON.stringify(code.slice(0, 10))).join(", ")}; expected S1–S14` });
    return z.NEVER;
  }
  return { unsafe: true, codes: [...new Set(list)] };
});
export type LlamaGuardOutput = z.infer<typeof LlamaGuardOutput>;

/** Llama Guard verdict text posted with the prompt or response it classified; it only detects. */
export const connector = defineGuardrailConnector<LlamaGuardOutput>({
  name: NAME,
  vendor: "Meta",
  product: "Llama Guard",
  description: "Llama Guard 3/4 output text (safe | unsafe + S-codes) posted with the classified prompt or response.",
  verdictSchema: LlamaGuardOutput,
  read(verdict, context) {
    if (!verdict.unsafe) return { findings: [] };
    const labels = verdict.codes.length ? verdict.codes : [UNSPECIFIED_UNSAFE];
    const findings = labels.map((label) =>
      upstreamFinding({ vendor: NAME, taxonomyLabel: label, detector: "llama-guard", target: context.target, action: context.actionOr(undefined) }),
    );
    return { findings };
  },
});
