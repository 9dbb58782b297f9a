import type { Finding } from "../../../src/model/index.js";

/** The parts of findings a behaviour test asserts on, in order. */
export const summary = (findings: Finding[]) => findings.map((f) => [f.label, f.category, f.action, f.target, f.severity]);

/** The error messages (or "parsed") of outcomes, in order. */
export const errorsOf = (outcomes: ({ error: string } | { interactions: unknown[] })[]) => outcomes.map((o) => ("error" in o ? o.error : "parsed"));
