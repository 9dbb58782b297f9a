/**
 * Readers for the labelled datasets in `../shared/data/datasets` (or `AISIEM_DATASETS`). The
 * texts are test and training data only: the package ships weights derived from them, never
 * the texts (see the datasets README).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { validate } from "../../src/model/index.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export function datasetsDir(): string {
  const dir = process.env.AISIEM_DATASETS ?? resolve(REPO, "../shared/data/datasets");
  if (!existsSync(dir)) throw new Error(`datasets not found at ${dir}; set AISIEM_DATASETS to the folder with jailbreak-classification/, xstest/, jailbreakbench-artifacts/`);
  return dir;
}

function readCsv<S extends z.ZodType>(file: string, row: S): z.infer<S>[] {
  const records = parse(readFileSync(join(datasetsDir(), file), "utf8"), { columns: true, skip_empty_lines: true, relax_quotes: true }) as unknown[];
  return records.map((r, i) => validate(row, r, `${file} row ${i + 2}`));
}

export interface Labelled {
  text: string;
  positive: boolean;
}

/**
 * The held-out split of jailbreak-classification: a fifth of the prompts chosen by a hash of the
 * text, so the split does not depend on file order and a prompt repeated in the file always
 * lands on the same side.
 */
export function isHeldOut(text: string): boolean {
  return createHash("sha256").update(text).digest()[0]! % 5 === 0;
}

export function jailbreakClassification(): Labelled[] {
  const rows = readCsv("jailbreak-classification/jailbreak_dataset_train.csv", z.object({ prompt: z.string(), type: z.enum(["jailbreak", "benign"]) }));
  const seen = new Set<string>();
  const out: Labelled[] = [];
  for (const row of rows) {
    if (seen.has(row.prompt)) continue;
    seen.add(row.prompt);
    out.push({ text: row.prompt, positive: row.type === "jailbreak" });
  }
  return out;
}

export interface XstestPrompt {
  text: string;
  safe: boolean;
  type: string;
}

export function xstestPrompts(): XstestPrompt[] {
  return readCsv("xstest/xstest_prompts.csv", z.object({ prompt: z.string(), type: z.string(), label: z.enum(["safe", "unsafe"]) })).map((r) => ({
    text: r.prompt,
    safe: r.label === "safe",
    type: r.type,
  }));
}

export interface XstestCompletion {
  model: string;
  completion: string;
  label: "none" | "full" | "partial";
}

const COMPLETION_LABEL = { "1_full_compliance": "none", "2_full_refusal": "full", "3_partial_refusal": "partial" } as const;

export function xstestCompletions(): XstestCompletion[] {
  const dir = join(datasetsDir(), "xstest");
  const files = readdirSync(dir).filter((f) => /^xstest_v2_completions_.*\.csv$/.test(f)).sort();
  return files.flatMap((file) =>
    readCsv(`xstest/${file}`, z.object({ completion: z.string(), final_label: z.enum(["1_full_compliance", "2_full_refusal", "3_partial_refusal"]) })).map((r) => ({
      model: file.replace(/^xstest_v2_completions_|\.csv$/g, ""),
      completion: r.completion,
      label: COMPLETION_LABEL[r.final_label],
    })),
  );
}

const JbbFile = z.object({
  parameters: z.object({ method: z.string(), model: z.string() }),
  jailbreaks: z.array(z.object({ prompt: z.string().nullable(), response: z.string().nullable(), jailbroken: z.boolean() })),
});

export interface JbbRecord {
  method: string;
  target: string;
  prompt: string;
  response: string | null;
  jailbroken: boolean;
}

/** JailbreakBench artifacts of one method (PAIR, GCG, JBC), all target models; records without a prompt are skipped. */
export function jailbreakbench(method: string): JbbRecord[] {
  const root = join(datasetsDir(), "jailbreakbench-artifacts", method);
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json") && !f.endsWith("attack-info.json")).sort();
  return files.flatMap((file) => {
    const data = validate(JbbFile, JSON.parse(readFileSync(join(root, file), "utf8")), `${method}/${file}`);
    return data.jailbreaks.flatMap((j) => (j.prompt ? [{ method, target: data.parameters.model, prompt: j.prompt, response: j.response, jailbroken: j.jailbroken }] : []));
  });
}
