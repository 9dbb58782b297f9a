import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * A credential in connector options: the value itself (usually `${ENV}` or `${file:...}` in the
 * config, already resolved), or a reference resolved when the puller starts. Never logged.
 */
export const Secret = z.union([
  z.string().min(1, "empty secret"),
  z.object({ env: z.string().min(1) }).strict(),
  z.object({ file: z.string().min(1) }).strict(),
]);
export type Secret = z.infer<typeof Secret>;

/** Resolves a secret; errors name the variable or file, never the value. */
export function resolveSecret(secret: Secret, what: string): string {
  if (typeof secret === "string") return secret;
  if ("env" in secret) {
    const value = process.env[secret.env];
    if (!value) throw new Error(`${what}: environment variable ${secret.env} is not set`);
    return value;
  }
  try {
    const value = readFileSync(secret.file, "utf8").replace(/\r?\n$/, "");
    if (!value) throw new Error("empty");
    return value;
  } catch (error) {
    throw new Error(`${what}: cannot read secret file ${secret.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
}
