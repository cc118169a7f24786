import type { Command } from "commander";
import { EXIT, LisError } from "../util/errors.js";

export function registerCompatibility(program: Command): void {
  program
    .command("compatibility")
    .description("write the compatibility matrix (conformance/compatibility/README.md) from its rows and the dialects of lis adapt")
    .option("--dir <path>", "the folder with servers.yaml, rows/ and README.md", "conformance/compatibility")
    .option("--check", "write nothing; exit 1 when README.md differs from what the rows say")
    .addHelpText("after", "\nRows: lis conformance ... --report matrix-row=rows/NAME.json. Exit codes: 0 written (or current), 1 out of date (--check), 2 a missing or broken file.")
    .action(async (opts: { dir: string; check?: boolean }) => {
      const { buildMatrix } = await import("./build.js");
      const matrix = buildMatrix(opts.dir);
      const outputs = [matrix, ...matrix.pages];
      if (opts.check) {
        for (const o of outputs.filter((o) => !o.current)) process.stderr.write(`lis: ${o.file} is out of date; run lis compatibility --dir ${opts.dir}\n`);
        if (outputs.some((o) => !o.current)) process.exitCode = EXIT.FAILED;
        return;
      }
      const { writeAtomically } = await import("../util/write-atomically.js");
      for (const o of outputs) {
        try {
          if (!o.current) writeAtomically(o.file, o.text);
        } catch (err) {
          throw new LisError(`cannot write ${o.file}: ${(err as Error).message}`, EXIT.USAGE);
        }
        process.stdout.write(`${o.current ? "unchanged" : "wrote"} ${o.file}\n`);
      }
    });
}
