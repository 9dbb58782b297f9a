/**
 * Writes the character trigram statistics of src/enrich/classify/injection/prose.json from the
 * prompts `scripts/train/injection.ts` trains on (jailbreak-classification, rows not held out),
 * both labels: the model describes how prompts read, not whether they attack. Counting is
 * deterministic and the keys are sorted, so rerunning it reproduces the file byte for byte.
 *
 *   npx tsx scripts/train/prose.ts [--out path]
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { foldProse, PROSE_URL, START, type ProseFile } from "../../src/enrich/classify/injection/prose-model.js";
import { trainingExamples } from "./injection.js";

export const PROSE_OPTIONS = { smoothing: 0.1, minCount: 2 };

export function trainProse(texts: readonly string[], options = PROSE_OPTIONS): ProseFile {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const padded = START + foldProse(text);
    for (let i = 2; i < padded.length; i += 1) {
      const trigram = padded.slice(i - 2, i + 1);
      counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
    }
  }
  const kept = [...counts].filter(([, count]) => count >= options.minCount).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    format: "aisiem.prose.v1",
    smoothing: options.smoothing,
    trigrams: Object.fromEntries(kept),
    training: { data: "jailbreak-classification/jailbreak_dataset_train.csv, rows not held out (isHeldOut), both labels", texts: texts.length, options },
  };
}

export const proseTrainingTexts = (): string[] => trainingExamples().map((e) => e.text);

export const serialiseProse = (file: ProseFile): string => JSON.stringify(file) + "\n";

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outIndex = process.argv.indexOf("--out");
  const out = outIndex > 0 ? process.argv[outIndex + 1]! : fileURLToPath(PROSE_URL);
  const file = trainProse(proseTrainingTexts());
  writeFileSync(out, serialiseProse(file));
  process.stdout.write(`wrote ${out}: ${Object.keys(file.trigrams).length} trigrams from ${file.training.texts} prompts\n`);
}
