import type { RunResult } from "../pipeline/runner.js";

/** The human-readable end-of-run summary, on stderr so stdout stays records only. */
export function printSummary(result: RunResult, stream: NodeJS.WritableStream = process.stderr): void {
  const m = result.metrics;
  const lines = [
    `aisiem: ${result.complete ? "run complete" : "run stopped before everything was acknowledged (the rest is re-read next run)"}`,
    `  read ${m.read}  parsed ${m.parsed}  enriched ${m.enriched}  written ${m.written}  duplicates ${m.duplicates}  retried ${m.retried}  dead-lettered ${m.deadLettered}`,
    `  ${m.seconds}s, ${m.recordsPerSecond} records/s, ${(m.bytes / 1024 / 1024).toFixed(1)} MB in`,
  ];
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([key, n]) => `${key} ${n}`)
      .join(", ");
  if (Object.keys(m.findingsByCategory).length > 0) lines.push(`  findings: ${list(m.findingsByCategory)}`);
  if (Object.keys(m.alertsByKind).length > 0) lines.push(`  behaviour alerts: ${list(m.alertsByKind)}`);
  for (const [name, sink] of Object.entries(m.sinks)) {
    lines.push(`  sink ${name}: written ${sink.written}, duplicates ${sink.duplicates}, rejected ${sink.rejected}`);
  }
  if (m.deadLettered > 0) {
    const byStage = Object.entries(m.deadLetteredByStage).map(([stage, n]) => `${stage} ${n}`).join(", ");
    lines.push(`  dead-letter queue: ${result.dlqPath} (${byStage}); inspect with \`aisiem dlq list\`, retry with \`aisiem dlq replay\``);
  }
  stream.write(lines.join("\n") + "\n");
}
