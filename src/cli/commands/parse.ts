import type { Command } from "commander";
import { readRecord } from "../../connectors/read-record.js";
import { loadConnector } from "../../connectors/registry.js";
import { decodeLine, type ContentMode } from "../../connectors/types.js";
import { FileInput } from "../../inputs/file/index.js";
import { StdinInput } from "../../inputs/stdin/index.js";
import type { Input } from "../../inputs/types.js";
import { validate } from "../../model/validation.js";
import { createLogger } from "../logger.js";
import { EXIT } from "../exit-codes.js";

interface ParseOptions {
  connector: string;
  options?: string;
  content: ContentMode;
  raw?: boolean;
}

/** Raw vendor records in, canonical Interactions out (NDJSON); bad records are reported on stderr. */
export async function parseCommand(file: string | undefined, opts: ParseOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const connector = await loadConnector(opts.connector);
  let options: unknown = opts.options ? JSON.parse(opts.options) : {};
  if (connector.optionsSchema) options = validate(connector.optionsSchema, options, `options for ${connector.name}`);
  const input: Input =
    !file || file === "-" ? new StdinInput({ type: "stdin", maxLineBytes: 16 << 20 }) : new FileInput({ type: "file", paths: [file], format: "auto", follow: false, pollIntervalMs: 1000, maxLineBytes: 16 << 20 });
  let failed = 0;
  const fail = (origin: string, reason: string) => {
    failed += 1;
    process.stderr.write(JSON.stringify({ origin, error: reason }) + "\n");
  };
  const ctx = { logger: createLogger("warn"), signal: new AbortController().signal, deadLetter: (reason: string, _o: unknown, origin: string) => fail(origin, reason) };
  for await (const record of input.read({}, ctx)) {
    if (record.data === undefined) continue;
    let data: unknown = record.data;
    try {
      if (record.encoding === "json-text") data = decodeLine(connector, record.data as string);
    } catch (error) {
      fail(record.origin, (error as Error).message);
      continue;
    }
    const { interactions, failures } = readRecord(connector, data, { options, origin: record.origin, content: opts.content });
    for (const failure of failures) fail(failure.where ? `${record.origin} ${failure.where}` : record.origin, failure.reason);
    for (const interaction of interactions) {
      const { raw, ...rest } = interaction;
      const line = JSON.stringify(opts.raw ? { ...rest, raw } : rest) + "\n";
      if (!out.write(line)) await new Promise((resolve) => out.once("drain", resolve));
    }
  }
  return failed > 0 ? EXIT.badRecords : EXIT.ok;
}

export function registerParse(program: Command): void {
  program
    .command("parse")
    .description("parse raw vendor records (NDJSON or JSON; '-' or nothing for stdin) into canonical Interactions")
    .argument("[file]", "input file, or '-' for stdin")
    .requiredOption("--connector <name>", "connector to parse with (see `aisiem connectors`)")
    .option("--options <json>", "connector options as JSON")
    .option("--content <mode>", "keep | hash | drop prompt and response text", "keep")
    .option("--raw", "include the original record in each output line")
    .action(async (file: string | undefined, opts: ParseOptions) => {
      process.exitCode = await parseCommand(file, opts);
    });
}
