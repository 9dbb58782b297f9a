import { formatPath } from "../model/validation.js";

/** Key names whose values are secrets even when written inline. */
const SECRET_KEY = /(pass(word)?|secret|token|api[-_]?key|apikey|credential|authorization|private[-_]?key|client[-_]?secret)$/i;

/**
 * A copy of the config safe to print: values from `${...}` references and values under
 * secret-looking keys become `"[redacted]"`.
 */
export function redactConfig(value: unknown, secretPaths: ReadonlySet<string>, path: (string | number)[] = []): unknown {
  const here = formatPath(path);
  const key = path[path.length - 1];
  if (secretPaths.has(here) || (typeof key === "string" && SECRET_KEY.test(key) && value !== undefined && typeof value !== "object")) {
    return "[redacted]";
  }
  if (Array.isArray(value)) return value.map((item, index) => redactConfig(item, secretPaths, [...path, index]));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, child]) => [k, redactConfig(child, secretPaths, [...path, k])]));
  }
  return value;
}
