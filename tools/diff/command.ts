import { Option, type Command } from "commander";
import { EXIT, LisError } from "../util/errors.js";
import { formatJson } from "./formatters/json.js";
import { formatMarkdown } from "./formatters/markdown.js";
import { formatText } from "./formatters/text.js";
import type { DiffResult } from "./model.js";
import { CLASSIFICATION_RANK, type Classification } from "./policy.js";

const FORMATTERS: Record<string, (result: DiffResult) => string> = { text: formatText, json: formatJson, markdown: formatMarkdown };
const FAIL_ON = ["breaking", "non-breaking", "informational", "never"] as const;

/** Exit 1 when a change at or above the threshold exists. */
export function exitCodeFor(result: DiffResult, failOn: (typeof FAIL_ON)[number]): number {
  if (failOn === "never") return EXIT.OK;
  const threshold = CLASSIFICATION_RANK[failOn as Classification];
  return result.changes.some((c) => CLASSIFICATION_RANK[c.classification] >= threshold) ? EXIT.FAILED : EXIT.OK;
}

export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description(
      "compare two versions of an API definition (OpenAPI 3.0/3.1 files, or folders of JSON Schemas) and classify " +
        "every change as breaking, non-breaking or informational, for requests and responses (spec/1.0/versioning.md)",
    )
    .argument("<old>", "the earlier version: an OpenAPI file (YAML or JSON) or a schema folder")
    .argument("<new>", "the later version, of the same kind")
    .addOption(new Option("--format <format>", "output format").choices(Object.keys(FORMATTERS)).default("text"))
    .addOption(new Option("--fail-on <level>", "exit 1 when a change at or above this level exists").choices([...FAIL_ON]).default("breaking"))
    .addHelpText("after", "\nExit codes: 0 no change at or above --fail-on, 1 such changes exist, 2 usage or input error.")
    .action(async (oldPath: string, newPath: string, options: { format: string; failOn: (typeof FAIL_ON)[number] }) => {
      // Loaded only for this command, not at every `lis` start.
      const [{ loadSide }, { diffDocuments }] = await Promise.all([import("./load.js"), import("./diff.js")]);
      const cache = new Map<string, unknown>();
      const oldSide = loadSide(oldPath, cache);
      const newSide = loadSide(newPath, cache);
      let result: DiffResult;
      try {
        result = diffDocuments(oldSide, newSide);
      } catch (err) {
        // Schemas nested thousands of levels deep exhaust the stack: an input problem, not a crash.
        if (err instanceof RangeError) throw new LisError(`${oldPath} or ${newPath} nests schemas too deeply to compare (${err.message})`, EXIT.USAGE);
        throw err;
      }
      const format = FORMATTERS[options.format];
      if (!format) throw new LisError(`unknown format ${options.format}`, EXIT.USAGE);
      process.stdout.write(format(result));
      process.exitCode = exitCodeFor(result, options.failOn);
    });
}
