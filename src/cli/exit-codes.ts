/** Process exit codes, documented in the README's CLI reference. */
export const EXIT = {
  ok: 0,
  /** A run failed at run time (a sink refused all credentials, an unexpected error). */
  failure: 1,
  /** Bad command line or invalid config: nothing was run. */
  usage: 2,
  /** Stopped before every record read was acknowledged; the rest is read again on the next run. */
  incomplete: 3,
  /** `parse`/`classify`: some input records could not be read (they were reported on stderr). */
  badRecords: 4,
} as const;
