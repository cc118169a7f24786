import type { Command } from "commander";
import { Argument, Option } from "commander";
import { resolve } from "node:path";
import { DEFAULT_SPEC_VERSION } from "../util/paths.js";
import { loadEndpoints } from "./endpoints.js";
import { loadErrorCodes } from "./error-codes.js";
import { formatRegistryJson } from "./format/json.js";
import { formatRegistryTable } from "./format/table.js";

/** `lis registry endpoints|error-codes`: the registries of a spec version, read from its Markdown tables. */
export function registerRegistry(program: Command): void {
  program
    .command("registry")
    .description("list a registry of the spec: its endpoints (method, path, profile) or its error codes (code, statuses, type)")
    .addArgument(new Argument("<registry>", "which registry").choices(["endpoints", "error-codes"]))
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .option("--spec <version>", "spec version", DEFAULT_SPEC_VERSION)
    .option("--dir <folder>", "read the spec documents from this folder instead of spec/<version> (a draft)")
    .addHelpText(
      "after",
      "\nThe endpoint registry is the table in spec/<version>/http.md, the error codes the table in errors.md (a\n" +
        "released version's corrections are read from its ERRATA.md).\n" +
        "Exit codes: 0 listed; 2 a malformed table (each problem named file:line), an unknown version or bad usage.",
    )
    .action((registry: "endpoints" | "error-codes", opts: { format: "table" | "json"; spec: string; dir?: string }) => {
      const dir = opts.dir === undefined ? undefined : resolve(opts.dir);
      if (registry === "endpoints") {
        const endpoints = loadEndpoints(opts.spec, dir);
        process.stdout.write(
          opts.format === "json"
            ? formatRegistryJson(endpoints)
            : formatRegistryTable(["METHOD", "PATH", "PROFILE", "EXTENDED BY", "DEFINED IN"], endpoints.map((e) => [e.method, e.path, e.profile, e.extendedBy.join(", ") || "—", e.definedIn])),
        );
      } else {
        const codes = loadErrorCodes(opts.spec, dir);
        process.stdout.write(
          opts.format === "json"
            ? formatRegistryJson(codes)
            : formatRegistryTable(["CODE", "STATUS", "TYPE", "CLAUSES"], codes.map((c) => [c.code, c.statuses.join(", "), c.type, c.clauses.join(", ") || "—"])),
        );
      }
    });
}
