import { secretLintProfiler } from "@secretlint/profiler";

/**
 * secretlint 11 profiles every `lintSource` call whether or not anyone reads the profile: each
 * call leaves about 36 `performance.mark` entries on Node's global timeline and in the profiler's
 * own arrays, and its observer scans those arrays on every mark. In a pipeline that never stops
 * this is a memory leak whose cost per call keeps growing. Upstream made profiling opt-in in
 * secretlint 13 (secretlint/secretlint#1673), which needs Node 22; until then the shared
 * profiler's `mark` is made a no-op, so nothing is recorded and the observer never fires.
 */
secretLintProfiler.mark = () => {};
