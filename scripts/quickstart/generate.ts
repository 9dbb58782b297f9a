/**
 * Writes the quickstart corpus: `tsx scripts/quickstart/generate.ts [--seed N] [--out DIR]`.
 * The same seed always writes the same bytes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_SEED, generateCorpus, serialiseCorpus } from "./corpus.js";

const { values } = parseArgs({
  options: { seed: { type: "string", default: String(DEFAULT_SEED) }, out: { type: "string", default: "examples/quickstart" } },
});
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) {
  process.stderr.write(`--seed must be a non-negative integer, got ${JSON.stringify(values.seed)}\n`);
  process.exit(2);
}
const corpus = generateCorpus(seed);
const files = serialiseCorpus(corpus);
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, "interactions.ndjson"), files.interactions);
writeFileSync(join(values.out, "scenarios.json"), files.scenarios);
const { counts } = corpus.manifest;
process.stdout.write(`wrote ${counts.interactions} interactions (${counts.users} users, ${counts.tools} tools, ${corpus.manifest.scenarios.length} scenarios) to ${values.out}\n`);
