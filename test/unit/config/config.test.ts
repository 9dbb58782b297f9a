import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig, redactConfig, loadConfig } from "../../../src/config/index.js";
import { ValidationError } from "../../../src/model/index.js";
import { tempDir } from "../../support/fixtures.js";

const minimal = `
sources:
  - name: files
    connector: aisiem
    input: {type: file, paths: ["in/*.ndjson"]}
sinks:
  - type: file
    path: out.ndjson
`;

/** `String.replace` would treat `$$` in the replacement specially; these tests need it literally. */
const withSinkPath = (path: string) => minimal.split("out.ndjson").join(path);

function problemsOf(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfig(text, env);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error("config was accepted");
}

describe("config", () => {
  it("fills defaults for a minimal config", () => {
    const { config } = parseConfig(minimal, {});
    expect(config.pipeline.batchMaxRecords).toBe(500);
    expect(config.sources[0]!.input).toMatchObject({ type: "file", follow: false, format: "auto" });
    expect(config.sinks[0]).toMatchObject({ type: "file", path: "out.ndjson", fsync: true });
    expect(config.sources[0]!.content).toBe("keep");
  });

  it("names the exact key path of each problem", () => {
    const problems = problemsOf(`
pipeline: {batchMaxRecords: -1}
sources:
  - name: "bad name!"
    connector: aisiem
    input: {type: file, paths: []}
  - name: b
    connector: aisiem
    input: {type: carrier-pigeon}
sinks:
  - type: file
  - type: kafka
`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pipeline\.batchMaxRecords: /),
        expect.stringMatching(/^sources\[0\]\.name: use letters/),
        expect.stringMatching(/^sources\[0\]\.input\.paths: /),
        expect.stringMatching(/^sources\[1\]\.input\.type: unknown input type "carrier-pigeon"/),
        expect.stringMatching(/^sinks\[0\]\.path: /),
        expect.stringMatching(/^sinks\[1\]\.type: unknown sink type "kafka"/),
      ]),
    );
  });

  it("reports a YAML syntax error with its line", () => {
    expect(problemsOf("sources:\n  - name: [unclosed\n")[0]).toMatch(/^line \d+: /);
  });

  it("reads secrets from the environment and from files, and never prints them", () => {
    const dir = tempDir();
    const secretFile = join(dir, "token");
    writeFileSync(secretFile, "file-secret-value\n");
    const { config, secretPaths } = parseConfig(
      minimal.replace("path: out.ndjson", `path: out.ndjson\n  - type: stdout\n    name: "\${SINK_NAME}"`) + `enrich: {}\n`,
      { SINK_NAME: "env-secret-value" },
    );
    expect(config.sinks[1]!.name).toBe("env-secret-value");
    const printed = JSON.stringify(redactConfig(config, secretPaths));
    expect(printed).not.toContain("env-secret-value");
    const fromFile = parseConfig(withSinkPath(`"\${file:${secretFile}}"`), {});
    expect(fromFile.config.sinks[0]).toMatchObject({ path: "file-secret-value" });
  });

  it("redacts values under secret-looking keys even when written inline", () => {
    const printed = JSON.stringify(redactConfig({ sinks: [{ type: "splunk", token: "inline-hec-token", url: "https://hec" }] }, new Set()));
    expect(printed).not.toContain("inline-hec-token");
    expect(printed).toContain("https://hec");
  });

  it("says which environment variable is missing, and where", () => {
    expect(problemsOf(withSinkPath('"${OUT_PATH}"'))).toEqual(["sinks[0].path: environment variable OUT_PATH is not set"]);
  });

  it("keeps a literal ${ when escaped as $${", () => {
    const { config } = parseConfig(withSinkPath('"a$${b}.ndjson"'), {});
    expect(config.sinks[0]).toMatchObject({ path: "a${b}.ndjson" });
  });

  it("reports an unreadable config file as a problem, not a crash", () => {
    expect(() => loadConfig("/nonexistent/aisiem.yaml")).toThrow(/cannot read \/nonexistent\/aisiem\.yaml: ENOENT/);
  });
});
