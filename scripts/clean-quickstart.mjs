// The quickstart is a demonstration: each run starts from nothing (no checkpoints, no behavioural
// state, no previous output), so running it twice shows the same result instead of "read 0".
import { rmSync } from "node:fs";
for (const path of [".aisiem/quickstart", "out/quickstart"]) rmSync(path, { recursive: true, force: true });
