import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SEED, generateCorpus, serialiseCorpus } from "../../scripts/quickstart/corpus.js";

const committed = (name: string) => readFileSync(join("examples", "quickstart", name), "utf8");

describe("quickstart generator", () => {
  it("writes the same bytes for the same seed", () => {
    const first = serialiseCorpus(generateCorpus(DEFAULT_SEED));
    const second = serialiseCorpus(generateCorpus(DEFAULT_SEED));
    expect(second.interactions).toBe(first.interactions);
    expect(second.scenarios).toBe(first.scenarios);
  });

  it("writes a different corpus for another seed", () => {
    const other = serialiseCorpus(generateCorpus(DEFAULT_SEED + 1));
    expect(other.interactions).not.toBe(serialiseCorpus(generateCorpus(DEFAULT_SEED)).interactions);
  });

  it("reproduces the committed files from the command line", () => {
    const out = mkdtempSync(join(tmpdir(), "aisiem-quickstart-"));
    try {
      execFileSync(process.execPath, ["--import", "tsx", "scripts/quickstart/generate.ts", "--out", out], { stdio: "pipe" });
      expect(readFileSync(join(out, "interactions.ndjson"), "utf8")).toBe(committed("interactions.ndjson"));
      expect(readFileSync(join(out, "scenarios.json"), "utf8")).toBe(committed("scenarios.json"));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("rejects a seed that is not a non-negative integer", () => {
    let failure: { status?: number; stderr?: Buffer } = {};
    try {
      execFileSync(process.execPath, ["--import", "tsx", "scripts/quickstart/generate.ts", "--seed", "abc", "--out", join(tmpdir(), "unused")], { stdio: "pipe" });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(2);
    expect(String(failure.stderr)).toContain("--seed must be a non-negative integer");
  });
});
