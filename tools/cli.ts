#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { LisError, EXIT } from "./util/errors.js";
import { packageVersion } from "./util/paths.js";
import { commands } from "./commands.js";

// `lis clauses | head`: when the reader of our output goes away, stop quietly instead of dying on EPIPE
// with a stack trace; the output nobody reads anymore is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? EXIT.OK);
    throw err;
  });
}

const program = new Command("lis")
  .description("LIS, the LLM Interop Standard: spec, schemas, reference server, conformance, lint")
  .version(packageVersion)
  .exitOverride()
  .showHelpAfterError("(run with --help for usage)")
  .configureOutput({ outputError: (str, write) => write(str) });

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = exitCodeFor(err);
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version end through here too, with exit code 0.
    return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  if (err instanceof LisError) {
    process.stderr.write(`lis: ${err.message}\n`);
    return err.exitCode;
  }
  // A bug of ours: say so plainly, with the stack only when asked for.
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`lis: internal error: ${message}\n`);
  if (process.env.LIS_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  else process.stderr.write("(set LIS_DEBUG=1 for the stack trace, and please report it)\n");
  return EXIT.INTERNAL;
}
