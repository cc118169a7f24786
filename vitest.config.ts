import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The default reporter for people; the plain one ends the run with the `N passed, N failed` line CI reads.
    reporters: ["default", "./test/support/plain-summary-reporter.ts"],
  },
});
