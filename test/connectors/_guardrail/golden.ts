import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Connector, ParseContext } from "../../../src/connectors/types.js";
import type { Interaction } from "../../../src/model/index.js";

/** What one fixture record became: its interactions (without `raw`, which is the record itself) or the parse error. */
export type Outcome = { line: number; interactions: Omit<Interaction, "raw">[] } | { line: number; error: string };

export const fixturePath = (connector: string, file: string) => join("test", "fixtures", connector, file);

/** The records of a fixture: one per NDJSON line, or the elements of a `.json` document (an array splits). */
export function fixtureRecords(connector: string, file: string): unknown[] {
  const text = readFileSync(fixturePath(connector, file), "utf8");
  if (file.endsWith(".json")) {
    const document: unknown = JSON.parse(text);
    return Array.isArray(document) ? document : [document];
  }
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as unknown);
}

export function parseAll(connector: Connector<unknown>, records: unknown[], ctx: Partial<ParseContext> = {}): Outcome[] {
  return records.map((record, index) => {
    try {
      const interactions = connector.parse(record, { options: undefined, ...ctx }).map(({ raw: _raw, ...rest }) => rest);
      return { line: index + 1, interactions };
    } catch (error) {
      return { line: index + 1, error: (error as Error).message };
    }
  });
}

/**
 * Compares a fixture's outcomes with its reviewed golden file (`<fixture>.golden.json`). With
 * `AISIEM_UPDATE_GOLDEN=1` the golden file is rewritten instead; every rewrite is reviewed by hand
 * against the vendor's documented schema before it is committed.
 */
export function expectGolden(connector: Connector<unknown>, file: string, ctx: Partial<ParseContext> = {}): Outcome[] {
  const outcomes = parseAll(connector, fixtureRecords(connector.name, file), ctx);
  const golden = fixturePath(connector.name, `${file.replace(/\.(nd)?json$/, "")}.golden.json`);
  if (process.env.AISIEM_UPDATE_GOLDEN === "1" || !existsSync(golden)) {
    writeFileSync(golden, JSON.stringify(outcomes, null, 2) + "\n");
    if (process.env.AISIEM_UPDATE_GOLDEN !== "1") throw new Error(`golden file ${golden} was missing and has been written: review it, then rerun`);
  }
  expect(outcomes).toEqual(JSON.parse(readFileSync(golden, "utf8")));
  return outcomes;
}

/** The interactions of the outcomes that parsed. */
export const interactionsOf = (outcomes: Outcome[]) => outcomes.flatMap((o) => ("interactions" in o ? o.interactions : []));
