import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // Installed by the test setup (a Python venv, Elasticsearch) or written by runs: not ours to lint.
  { ignores: ["dist/", "node_modules/", "coverage/", "out/", ".aisiem/", "test/.venv/", "test/.servers/", "examples/**/*.ndjson"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-control-regex": "off",
    },
  },
);
