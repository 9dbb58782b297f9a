import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { z } from "zod";
import { ClassifyConfig, TextClassifier } from "../../enrich/classify/index.js";
import { validate } from "../../model/validation.js";
import { EXIT } from "../exit-codes.js";

const InputLine = z.object({
  text: z.string(),
  role: z.enum(["prompt", "response"]).default("prompt"),
});

interface ClassifyCommandOptions {
  options?: string;
}

/**
 * NDJSON `{"text": ..., "role": "prompt"|"response"}` in; for each line, one line
 * `{"line": n, "findings": [...]}` out. Lines that are not valid JSON or miss `text` are reported
 * on stderr with their line number, and the exit code says some were skipped.
 */
export async function classifyCommand(file: string | undefined, opts: ClassifyCommandOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const config = validate(ClassifyConfig, opts.options ? JSON.parse(opts.options) : {}, "classify options");
  const classifier = new TextClassifier(config);
  const input = !file || file === "-" ? process.stdin : createReadStream(file);
  let line = 0;
  let failed = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    if (!text.trim()) continue;
    try {
      const record = validate(InputLine, JSON.parse(text), `line ${line}`);
      const { findings } = await classifier.judge(record.text, { role: record.role });
      if (!out.write(JSON.stringify({ line, findings }) + "\n")) await new Promise((resolve) => out.once("drain", resolve));
    } catch (error) {
      failed += 1;
      err.write(JSON.stringify({ line, error: (error as Error).message }) + "\n");
    }
  }
  return failed > 0 ? EXIT.badRecords : EXIT.ok;
}

export function registerClassify(program: Command): void {
  program
    .command("classify")
    .description('judge prompts and responses: NDJSON lines {"text": ..., "role": "prompt"|"response"} in, one line of findings out per line')
    .argument("[file]", "input file, or '-' / nothing for stdin")
    .option("--options <json>", 'classifier options as under enrich.classify, e.g. \'{"pii":{"enabled":false}}\'')
    .action(async (file: string | undefined, opts: ClassifyCommandOptions) => {
      process.exitCode = await classifyCommand(file, opts);
    });
}
