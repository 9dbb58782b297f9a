export * from "./schema.js";
export * from "./load.js";
export { redactConfig } from "./redact.js";
