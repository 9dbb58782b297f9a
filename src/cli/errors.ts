import { ValidationError } from "../model/validation.js";
import { EXIT } from "./exit-codes.js";

/** Prints a failure the way a person can act on it and returns the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof ValidationError) {
    process.stderr.write(`aisiem: ${error.what} is invalid:\n`);
    for (const p of error.problems) process.stderr.write(`  - ${p.path || "(root)"}: ${p.message}\n`);
    return EXIT.usage;
  }
  process.stderr.write(`aisiem: ${(error as Error)?.message ?? String(error)}\n`);
  return EXIT.failure;
}
