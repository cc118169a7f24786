import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Tests that compare measured times with a schedule (lis bench's accuracy against a paced server) run
 * alone, after the rest: on two cores, a neighbour's load shows in their figures.
 */
const ALONE = ["test/bench/accuracy.test.ts"];

/**
 * With LIS_TESTS=short (the Node 24 run of CI): without the four longest files, which run the suite
 * hundreds of times over code the rest covers (the mutation and variation self-tests, the proxy's fault
 * sweep, three llama-server runs per version). The Node 20 run has them all.
 */
const LONG = ["test/conformance/mutation.test.ts", "test/conformance/variation.test.ts", "test/adapt/reference.test.ts", "test/conformance/llama-verdicts.test.ts"];
const skipped = process.env.LIS_TESTS === "short" ? LONG : [];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The default reporter for people; the plain one ends the run with the `N passed, N failed` line CI reads.
    reporters: ["default", "./test/support/plain-summary-reporter.ts"],
    projects: [
      // Two files at once even on two cores: many tests wait on subprocesses and servers, and the
      // self-tests are single-threaded (Vitest's default would be one file at a time there).
      { extends: true, test: { name: "suite", include: ["test/**/*.test.ts"], exclude: [...ALONE, ...skipped], maxWorkers: Math.max(2, availableParallelism() - 1), sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: "alone", include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
