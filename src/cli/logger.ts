import { pino, type Logger } from "pino";

/**
 * JSON logs on stderr (stdout is for records). pino escapes every string it writes, so text
 * from a record (a prompt with a newline, a forged JSON fragment) cannot start a log line of
 * its own; secret-bearing keys are redacted in case a caller logs a config or request.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { app: "aisiem" },
      redact: {
        paths: ["*.token", "*.password", "*.apiKey", "*.api_key", "*.authorization", "*.headers.authorization", "*.clientSecret"],
        censor: "[redacted]",
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
