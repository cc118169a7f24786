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
    .option("--width <columns>", "table width (default: the terminal's, else $COLUMNS, else 100; 0: never cut the text)")
    .addHelpText("after", "\nExit codes: 0 listed; 2 a clause of the spec is malformed (each problem named file:line) or bad usage.")
    .action((opts: { format: "table" | "json"; profile?: string; class?: string; spec: string; dir?: string; width?: string }) => {
      if (opts.profile !== undefined && !(PROFILES as readonly string[]).includes(opts.profile)) {
        throw usageError(`unknown profile "${opts.profile}"; known profiles: ${PROFILES.join(", ")}`);
      }
      let clauses = opts.dir !== undefined ? loadClausesFromDir(resolve(opts.dir)) : loadClauses(opts.spec);
      if (opts.profile !== undefined) clauses = clauses.filter((c) => c.profile === opts.profile);
      if (opts.class !== undefined) clauses = clauses.filter((c) => c.class === opts.class);
      const width = tableWidth(opts.width, process.stdout.isTTY ? process.stdout.columns : undefined, process.env.COLUMNS);
      process.stdout.write(opts.format === "json" ? formatClausesJson(clauses) : formatClausesTable(clauses, width));
    });
}

/** `--width`, else the terminal's width, else $COLUMNS (set by shells for scripts), else 100; 0 means no limit. */
export function tableWidth(option: string | undefined, terminal: number | undefined, columnsEnv: string | undefined): number {
  if (option !== undefined) {
    if (!/^\d+$/.test(option)) throw usageError(`--width must be a number of columns (0: no limit), got '${option}'`);
    return Number(option) === 0 ? Infinity : Math.max(60, Number(option));
  }
  if (terminal) return Math.max(60, terminal);
  if (columnsEnv && /^\d+$/.test(columnsEnv)) return Math.max(60, Number(columnsEnv));
  return 100;
}
