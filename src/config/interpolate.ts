import { readFileSync } from "node:fs";
import { formatPath, type Problem } from "../model/validation.js";


export interface Interpolated {
  value: unknown;
  /** Dotted paths whose value came from the environment or a file: treated as secrets. */
  secretPaths: Set<string>;
  problems: Problem[];
}

/**
 * Replaces `${NAME}` with the environment variable and `${file:/path}` with the file's content
 * (trailing newline removed) in every string of the parsed YAML. `$${` escapes a literal `${`.
 * Values that came this way are remembered as secrets so they are never printed.
 */
export function interpolate(value: unknown, env: NodeJS.ProcessEnv = process.env): Interpolated {
  const secretPaths = new Set<string>();
  const problems: Problem[] = [];

  const visit = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === "string") return replace(node, path);
    if (Array.isArray(node)) return node.map((item, index) => visit(item, [...path, index]));
    if (node && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, visit(child, [...path, key])]));
    }
    return node;
  };

  const replace = (text: string, path: (string | number)[]): string => {
    let usedReference = false;
    const out = text.replace(/\$\$\{|\$\{(file:)?([^}]+)\}/g, (match, isFile: string | undefined, name: string | undefined) => {
      if (match === "$${") return "${";
      usedReference = true;
      const where = formatPath(path);
      if (isFile) {
        try {
          return readFileSync(name!, "utf8").replace(/\r?\n$/, "");
        } catch (error) {
          problems.push({ path: where, message: `cannot read secret file ${name}: ${(error as NodeJS.ErrnoException).code ?? "error"}` });
          return "";
        }
      }
      const resolved = env[name!];
      if (resolved === undefined) {
        problems.push({ path: where, message: `environment variable ${name} is not set` });
        return "";
      }
      return resolved;
    });
    if (usedReference) secretPaths.add(formatPath(path));
    return out;
  };

  return { value: visit(value, []), secretPaths, problems };
}

