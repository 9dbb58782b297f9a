import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The team's read-only Splunk reference data (CIM models, HEC reply codes, conf specs), next to the repository. */
export const SHARED_SPLUNK = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "shared", "data", "splunk");
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** RFC 4180 CSV (quoted fields with commas and doubled quotes) into rows of named columns. */
export function readCsv(path: string): Array<Record<string, string>> {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  const [header, ...body] = rows;
  return body.filter((r) => r.length > 1).map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}
