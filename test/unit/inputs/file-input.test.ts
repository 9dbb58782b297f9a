import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { FileInput, type FileInputConfig } from "../../../src/inputs/file/index.js";
import type { Checkpoint, RawRecord } from "../../../src/inputs/types.js";
import { silentLogger, tempDir } from "../../support/fixtures.js";

const config = (paths: string[], extra: Partial<FileInputConfig> = {}): FileInputConfig => ({
  type: "file",
  paths,
  format: "auto",
  follow: false,
  pollIntervalMs: 10,
  maxLineBytes: 1024,
  ...extra,
});

async function readAll(input: FileInput, from: Checkpoint = {}) {
  const deadLetters: { reason: string; origin: string }[] = [];
  const records: RawRecord[] = [];
  const ctx = { logger: silentLogger, signal: new AbortController().signal, deadLetter: (reason: string, _o: unknown, origin: string) => deadLetters.push({ reason, origin }) };
  for await (const r of input.read(from, ctx)) records.push(r);
  return { records, deadLetters, data: records.filter((r) => r.data !== undefined).map((r) => r.data) };
}

describe("file input", () => {
  it("reads files matched by a glob in name order, with byte offsets to resume from", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "b.ndjson"), '{"n":3}\n');
    writeFileSync(join(dir, "a.ndjson"), '{"n":1}\r\n{"n":2}\n');
    const all = await readAll(new FileInput(config([`${dir}/*.ndjson`])));
    expect(all.data).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(all.records[0]!.position).toEqual({ key: join(dir, "a.ndjson"), value: 9 });

    const resumed = await readAll(new FileInput(config([`${dir}/*.ndjson`])), { [join(dir, "a.ndjson")]: 9 });
    expect(resumed.data).toEqual(['{"n":2}', '{"n":3}']);
  });

  it("reads a final line without a newline when not following", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "x.ndjson"), '{"n":1}\n{"n":2}');
    expect((await readAll(new FileInput(config([join(dir, "x.ndjson")])))).data).toEqual(['{"n":1}', '{"n":2}']);
  });

  it("decompresses .gz files and skips what a checkpoint says was committed", async () => {
    const dir = tempDir();
    const file = join(dir, "x.ndjson.gz");
    writeFileSync(file, gzipSync('{"n":1}\n{"n":2}\n{"n":3}\n'));
    expect((await readAll(new FileInput(config([file])))).data).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect((await readAll(new FileInput(config([file])), { [file]: 8 })).data).toEqual(['{"n":2}', '{"n":3}']);
  });

  it("splits a JSON array document into records and resumes by element", async () => {
    const dir = tempDir();
    const file = join(dir, "export.json");
    writeFileSync(file, JSON.stringify([{ n: 1 }, { n: 2 }, { n: 3 }]));
    expect((await readAll(new FileInput(config([file])))).data).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect((await readAll(new FileInput(config([file])), { [file]: 2 })).data).toEqual([{ n: 3 }]);
  });

  it("dead-letters a broken JSON document and an over-long line instead of stopping", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "broken.json"), "[{");
    writeFileSync(join(dir, "long.ndjson"), `{"n":1}\n${"x".repeat(5000)}\n{"n":2}\n`);
    const all = await readAll(new FileInput(config([join(dir, "broken.json"), join(dir, "long.ndjson")])));
    expect(all.data).toEqual(['{"n":1}', '{"n":2}']);
    expect(all.deadLetters.map((d) => d.reason)).toEqual([expect.stringMatching(/^invalid JSON/), "line longer than 1024 bytes"]);
    // The skipped line's position is still yielded, so the checkpoint moves past it.
    expect(all.records.at(-1)!.position.value).toBe(8 + 5001 + 8);
  });
});

describe("file input format detection", () => {
  it("reads a .json.gz export that holds one record per line as NDJSON", async () => {
    const dir = tempDir();
    const file = join(dir, "invocations.json.gz");
    writeFileSync(file, gzipSync('{"n":1}\n{"n":2}\n'));
    expect((await readAll(new FileInput(config([file])))).data).toEqual(['{"n":1}', '{"n":2}']);
  });

  it("reads a pretty-printed .json file as one document", async () => {
    const dir = tempDir();
    const file = join(dir, "one.json");
    writeFileSync(file, JSON.stringify({ n: 1, nested: { a: [1, 2] } }, null, 2));
    expect((await readAll(new FileInput(config([file])))).data).toEqual([{ n: 1, nested: { a: [1, 2] } }]);
  });
});
