import { existsSync } from "node:fs";
import { join } from "node:path";
import { sharedFixturesDir } from "../../tools/util/paths.js";

/**
 * `../shared/fixtures` is beside the checkout here and in CI, but not in a user's clone. Suites that read it
 * use `describe.skipIf(!hasSharedFixtures)` and this note says, visibly, why they were skipped.
 */
export const hasSharedFixtures = existsSync(sharedFixturesDir);
export const fixturePath = (...parts: string[]) => join(sharedFixturesDir, ...parts);

if (!hasSharedFixtures) {
  process.stderr.write(
    `note: ${sharedFixturesDir} is absent; tests of real-world fixtures are skipped (set LIS_SHARED_FIXTURES to run them)\n`,
  );
}
