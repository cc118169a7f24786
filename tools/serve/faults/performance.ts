/** Faults of spec/1.1/performance.md (its one server clause). */
import type { FaultDefinition } from "./types.js";

export const performanceFaults: FaultDefinition[] = [
  {
    clause: "PERF-023",
    description: "streams are held back until the completion has ended, then written in one burst (paced at 15 ms per token unless --latency says otherwise, so that there is something to hold back)",
    flags: ["hold-stream"],
  },
];
