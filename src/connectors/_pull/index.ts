/** Shared machinery of the API pullers: HTTP with retries, auth, paging, cursors, polling. */
export * from "./auth.js";
export * from "./client.js";
export * from "./cursor.js";
export * from "./http.js";
export * from "./options.js";
export * from "./pages.js";
export * from "./poll.js";
export * from "./progress.js";
export * from "./secret.js";
export * from "./transcript.js";
export * from "./watermark.js";
export * from "./entra.js";
export * from "./fields.js";
export * from "./watermark-pass.js";
export * from "./children.js";
