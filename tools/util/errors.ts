/**
 * Exit codes of every `lis` command (documented in the README):
 * 0 ok / as expected, 1 findings or failures, 2 usage, config or input error, 3 target unreachable,
 * 4 an internal error (a bug of ours).
 */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, UNREACHABLE: 3, INTERNAL: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error meant for the user: printed as `lis: <message>` with no stack trace, then exit with `exitCode`. */
export class LisError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.USAGE,
  ) {
    super(message);
    this.name = "LisError";
  }
}

export const usageError = (message: string) => new LisError(message, EXIT.USAGE);
