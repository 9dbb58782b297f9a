/**
 * `npm run bench -- [--records N] [--seed S] [--sections a,b] [--behaviour-users U] [--keep]`: generates a corpus of N
 * interactions, runs each section in a child process over it and prints records/s, MB/s and
 * peak RSS per section, and how many times slower than a plain JSON round trip each one is.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeBenchCorpus } from "./corpus.js";
import { SECTIONS, type SectionContext, type SectionResult } from "./sections.js";

const { values } = parseArgs({
  options: {
    records: { type: "string", default: "10000" },
    seed: { type: "string", default: "7" },
    sections: { type: "string" },
    keep: { type: "boolean", default: false },
    "behaviour-users": { type: "string", default: "2000" },
  },
});
const records = Number(values.records);
const seed = Number(values.seed);
if (!Number.isInteger(records) || records < 1 || !Number.isInteger(seed)) {
  process.stderr.write("--records must be a positive integer and --seed an integer\n");
  process.exit(2);
}
const wanted = values.sections?.split(",") ?? SECTIONS.map((s) => s.name);
const unknown = wanted.filter((name) => name !== "behaviour" && !SECTIONS.some((s) => s.name === name));
if (unknown.length > 0) {
  process.stderr.write(`unknown section(s) ${unknown.join(", ")}; known: ${SECTIONS.map((s) => s.name).join(", ")}\n`);
  process.exit(2);
}

type Measurement = SectionResult & { seconds: number; peakRssMB: number };

const dir = mkdtempSync(join(tmpdir(), "aisiem-bench-"));
try {
  const corpusPath = join(dir, "corpus.ndjson");
  const started = Date.now();
  const { bytes } = await writeBenchCorpus(corpusPath, records, seed);
  const MB = bytes / 1024 / 1024;
  console.log(`corpus: ${records} interactions, ${MB.toFixed(1)} MB (${(bytes / records / 1024).toFixed(1)} KB/record), generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);

  const results = new Map<string, Measurement>();
  for (const section of SECTIONS.filter((s) => wanted.includes(s.name))) {
    const workDir = join(dir, section.name);
    mkdirSync(workDir);
    const ctx: SectionContext = { corpusPath, corpusBytes: bytes, workDir };
    // A child per section: peak RSS and warmed-up JIT state never leak from one section into another.
    const output = execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "worker.ts"), section.name, JSON.stringify(ctx)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 1 << 20,
    });
    results.set(section.name, JSON.parse(output.trim().split("\n").at(-1)!) as Measurement);
  }

  const baseline = [...results].find(([name]) => SECTIONS.find((s) => s.name === name)?.baseline)?.[1];
  const rows = [...results].map(([name, m]) => {
    const section = SECTIONS.find((s) => s.name === name)!;
    return {
      section: name,
      what: section.description,
      records: m.records,
      "records/s": Math.round(m.records / m.seconds),
      "MB/s": +(MB / m.seconds).toFixed(1),
      "peak RSS MB": Math.round(m.peakRssMB),
      "RSS@10% MB": m.rssAt10PercentMB === undefined ? "" : Math.round(m.rssAt10PercentMB),
      "RSS@end MB": m.rssAtEndMB === undefined ? "" : Math.round(m.rssAtEndMB),
      "× JSON": baseline ? +(m.seconds / baseline.seconds).toFixed(1) : "",
    };
  });
  console.table(rows);
  if (baseline) {
    for (const row of rows.filter((r) => r.section !== "json")) {
      console.log(`ratio ${row.section} / json round trip: ${row["× JSON"]} (time for the same records; lower is better)`);
    }
  }
  // Behaviour state costs: its own child, sized by users rather than by the corpus (the issue's
  // 10,000-user, 180-day measurement is `--behaviour-users 10000`; it takes minutes).
  const users = Number(values["behaviour-users"]);
  if (users > 0 && (!values.sections || wanted.includes("behaviour"))) {
    console.log(`\nbehaviour state, ${users} users:`);
    execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "behaviour.ts"), String(users)], { stdio: ["ignore", "inherit", "inherit"] });
  }
  if (values.keep) console.log(`\nkept: ${dir}`);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
