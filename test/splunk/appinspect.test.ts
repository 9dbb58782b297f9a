/**
 * Splunk AppInspect, the checks Splunkbase and Splunk Cloud vetting run, on the packaged add-on
 * (installed into test/.servers/appinspect by .ci/install.d/50-appinspect.sh).
 */
import { describe, expect, it } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { packageSplunkApp } from "../../src/cli/commands/setup-splunk.js";
import { tempDir } from "../support/fixtures.js";
import { REPO_ROOT } from "./shared-data.js";

const APPINSPECT = join(REPO_ROOT, "test", ".servers", "appinspect", "bin", "splunk-appinspect");

const Report = z.object({
  reports: z.array(
    z.object({
      groups: z.array(z.object({ checks: z.array(z.object({ name: z.string(), result: z.string(), messages: z.array(z.object({ message: z.string() }).partial()) })) })),
    }),
  ),
});

/** Every check's result, and the checks that did not pass with their messages. */
function inspect(...options: string[]): { results: Map<string, number>; problems: string[] } {
  if (!existsSync(APPINSPECT)) throw new Error(`splunk-appinspect is not installed at ${APPINSPECT}: run bash scripts/install-test-deps.sh`);
  const dir = tempDir("aisiem-appinspect-");
  const output = join(dir, "report.json");
  execFileSync(APPINSPECT, ["inspect", packageSplunkApp(join(dir, "TA-aisiem.tgz")), ...options, "--output-file", output], { stdio: "ignore" });
  const checks = Report.parse(JSON.parse(readFileSync(output, "utf8"))).reports.flatMap((r) => r.groups.flatMap((g) => g.checks));
  const results = new Map<string, number>();
  for (const check of checks) results.set(check.result, (results.get(check.result) ?? 0) + 1);
  const problems = checks.filter((c) => ["error", "failure", "future_failure"].includes(c.result)).map((c) => `${c.result} ${c.name}: ${c.messages.map((m) => m.message).join(" | ")}`);
  return { results, problems };
}

describe("Splunk AppInspect on TA-aisiem", () => {
  it.each([
    ["the pre-certification checks", ["--mode", "precert"]],
    ["the Splunk Cloud checks", ["--included-tags", "cloud"]],
  ])("passes %s with no error, failure or future failure", (_name, options) => {
    const { results, problems } = inspect(...options);
    expect(problems).toEqual([]);
    expect(results.get("success") ?? 0).toBeGreaterThan(50);
  });
});
