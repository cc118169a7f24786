/** The names of the output formats, without loading them (the CLI lists them in --help; index.ts maps each). */
export const FORMAT_NAMES = ["stylish", "json", "sarif", "junit", "github-actions", "markdown"] as const;
