import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import { generateTypes, diffSummary, typesFile } from "./generate.js";
import { ROOT, DEFAULT_SPEC_VERSION } from "../util/paths.js";
import { EXIT } from "../util/errors.js";

interface GenerateCommandOptions {
  check?: boolean;
  spec: string;
  schemas?: string;
  out?: string;
}

/**
 * `lis generate [--check]`: writes types/<version>/index.ts from the schemas; with --check, writes nothing
 * and exits 1 when the committed file differs from a fresh generation (CI's drift check).
 */
export function registerGenerate(program: Command): void {
  program
    .command("generate")
    .description("generate the TypeScript types of a spec version from its JSON Schemas (types/<version>/index.ts)")
    .option("--check", "write nothing; exit 1 when the committed types differ from a fresh generation")
    .option("--spec <version>", "spec version", DEFAULT_SPEC_VERSION)
    .option("--schemas <dir>", "generate from this folder instead of schemas/<version>")
    .option("--out <file>", "the types module to write or check (default types/<version>/index.ts)")
    .addHelpText("after", "\nExit codes: 0 written or up to date; 1 --check found the types out of date; 2 the schemas cannot be read.")
    .action(async (opts: GenerateCommandOptions) => {
      const out = opts.out ? resolve(opts.out) : typesFile(opts.spec);
      const shown = relative(ROOT, out).startsWith("..") ? out : relative(ROOT, out);
      const fresh = await generateTypes({ version: opts.spec, schemaDir: opts.schemas ? resolve(opts.schemas) : undefined });
      const committed = existsSync(out) ? readFileSync(out, "utf8") : undefined;
      if (opts.check) {
        if (committed === fresh) {
          process.stdout.write(`${shown}: up to date\n`);
          return;
        }
        process.stdout.write(
          committed === undefined
            ? `${shown}: missing; run \`npm run generate\` and commit it\n`
            : `${shown}: out of date with the schemas; run \`npm run generate\` and commit it\n${diffSummary(committed, fresh)}\n`,
        );
        process.exitCode = EXIT.FAILED;
        return;
      }
      if (committed === fresh) {
        process.stdout.write(`${shown}: up to date\n`);
        return;
      }
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, fresh);
      process.stdout.write(`${shown}: written (${fresh.split("\n").length - 1} lines)\n`);
    });
}
