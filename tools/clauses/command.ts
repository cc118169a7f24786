import type { Command } from "commander";
import { Option } from "commander";
import { resolve } from "node:path";
import { CONFORMANCE_CLASSES, loadClauses, loadClausesFromDir, PROFILES } from "./registry.js";
import { formatClausesJson } from "./format/json.js";
import { formatClausesTable } from "./format/table.js";
import { usageError } from "../util/errors.js";
import { DEFAULT_SPEC_VERSION } from "../util/paths.js";

/** `lis clauses`: the clause registry of a spec version, as a table or JSON. */
export function registerClauses(program: Command): void {
  program
    .command("clauses")
    .description("list the clauses of the spec (ID, level, profile or conformance class, source line, text)")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .option("--profile <profile>", `only the clauses of one profile (${PROFILES.join(", ")})`)
    .addOption(new Option("--class <class>", "only the clauses of one conformance class").choices([...CONFORMANCE_CLASSES]))
    .option("--spec <version>", "spec version", DEFAULT_SPEC_VERSION)
    .option("--dir <folder>", "read the spec documents from this folder instead of spec/<version> (a draft)")
    .addHelpText("after", "\nExit codes: 0 listed; 2 a clause of the spec is malformed (each problem named file:line) or bad usage.")
    .action((opts: { format: "table" | "json"; profile?: string; class?: string; spec: string; dir?: string }) => {
      if (opts.profile !== undefined && !(PROFILES as readonly string[]).includes(opts.profile)) {
        throw usageError(`unknown profile "${opts.profile}"; known profiles: ${PROFILES.join(", ")}`);
      }
      let clauses = opts.dir !== undefined ? loadClausesFromDir(resolve(opts.dir)) : loadClauses(opts.spec);
      if (opts.profile !== undefined) clauses = clauses.filter((c) => c.profile === opts.profile);
      if (opts.class !== undefined) clauses = clauses.filter((c) => c.class === opts.class);
      const width = process.stdout.isTTY ? Math.max(60, process.stdout.columns ?? 100) : 100;
      process.stdout.write(opts.format === "json" ? formatClausesJson(clauses) : formatClausesTable(clauses, width));
    });
}
