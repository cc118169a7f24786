import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import { ROOT, DEFAULT_SPEC_VERSION, specDir } from "../util/paths.js";
import { EXIT, usageError } from "../util/errors.js";

interface GenerateCommandOptions {
  check?: boolean;
  spec?: string;
  schemas?: string;
  out?: string;
}

/**
 * `lis generate [--check]`: writes types/<version>/index.ts from the schemas of every version (or of
 * --spec), and conformance/<version>/requirements.yaml from its spec (requirements.ts); with --check,
 * writes nothing and exits 1 when a committed file differs from a fresh generation. A released version's
 * requirement set is only ever checked, never rewritten.
 */
export function registerGenerate(program: Command): void {
  program
    .command("generate")
    .description("generate the TypeScript types of each spec version from its JSON Schemas (types/<version>/index.ts) and its frozen requirement set from its spec (conformance/<version>/requirements.yaml)")
    .option("--check", "write nothing; exit 1 when the committed types differ from a fresh generation")
    .option("--spec <version>", "only this spec version (default: every version under schemas/)")
    .option("--schemas <dir>", "generate from this folder instead of schemas/<version> (one version)")
    .option("--out <file>", "the types module to write or check (default types/<version>/index.ts; one version)")
    .addHelpText("after", "\nExit codes: 0 written or up to date; 1 --check found types out of date; 2 the schemas cannot be read.")
    .action(async (opts: GenerateCommandOptions) => {
      // Loaded only for this command: json-schema-to-typescript (and prettier) cost every \`lis\` start ~70 ms.
      const [{ generateTypes, diffSummary, typesFile, schemaVersions }, { freshRequirements, requirementsFile, versionStatus }] = await Promise.all([import("./generate.js"), import("./requirements.js")]);
      const single = opts.spec !== undefined || opts.schemas !== undefined || opts.out !== undefined;
      const versions = single ? [opts.spec ?? DEFAULT_SPEC_VERSION] : schemaVersions();
      if (versions.length === 0) throw usageError(`no schema versions under ${resolve(ROOT, "schemas")}`);
      let stale = false;
      for (const version of versions) {
        const out = opts.out ? resolve(opts.out) : typesFile(version);
        const fresh = await generateTypes({ version, schemaDir: opts.schemas ? resolve(opts.schemas) : undefined });
        stale = writeOrCheck(out, fresh, opts.check === true, diffSummary) || stale;
        if (opts.schemas === undefined && opts.out === undefined && existsSync(specDir(version))) {
          const file = requirementsFile(version);
          const requirements = freshRequirements(version);
          if (versionStatus(version) === "released" && existsSync(file) && readFileSync(file, "utf8") !== requirements) {
            process.stdout.write(`${relative(ROOT, file)}: LIS ${version} is released and its spec no longer matches its requirement set; a released version's clauses may not change — undo the change to spec/${version}/ and make it in the next version\n`);
            stale = true;
          } else stale = writeOrCheck(file, requirements, opts.check === true, diffSummary) || stale;
        }
      }
      if (stale) process.exitCode = EXIT.FAILED;
    });
}

/** Writes `fresh` to `out` (or, with check, compares); prints one line per file; true when --check finds it stale. */
function writeOrCheck(out: string, fresh: string, check: boolean, diffSummary: (committed: string, fresh: string) => string): boolean {
  const shown = relative(ROOT, out).startsWith("..") ? out : relative(ROOT, out);
  const committed = existsSync(out) ? readFileSync(out, "utf8") : undefined;
  if (committed === fresh) {
    process.stdout.write(`${shown}: up to date\n`);
    return false;
  }
  if (check) {
    process.stdout.write(
      committed === undefined
        ? `${shown}: missing; run \`npm run generate\` and commit it\n`
        : `${shown}: out of date with the schemas; run \`npm run generate\` and commit it\n${diffSummary(committed, fresh)}\n`,
    );
    return true;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, fresh);
  process.stdout.write(`${shown}: written (${fresh.split("\n").length - 1} lines)\n`);
  return false;
}
