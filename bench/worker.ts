/** Runs one benchmark section in this process and prints its measurement as one JSON line. */
import { SECTIONS, type SectionContext } from "./sections.js";

const [name, contextJson] = process.argv.slice(2);
const section = SECTIONS.find((s) => s.name === name);
if (!section || !contextJson) {
  process.stderr.write(`usage: worker.ts <section> <context-json>; sections: ${SECTIONS.map((s) => s.name).join(", ")}\n`);
  process.exit(2);
}
const ctx = JSON.parse(contextJson) as SectionContext;
const started = process.hrtime.bigint();
const result = await section.run(ctx);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// maxRSS is in kilobytes: the peak of this process only, since each section has its own.
const peakRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ ...result, seconds, peakRssMB }) + "\n");
