import { Option, type Command } from "commander";
import { readInput, parseByteCount, DEFAULT_MAX_BYTES } from "./input.js";
import { splitDocuments, INPUT_FORMS, type InputForm } from "./documents.js";
import { LisError, EXIT } from "../util/errors.js";
import { DEFAULT_SPEC_VERSION } from "../util/paths.js";

interface ValidateOptions {
  schema: string;
  spec: string;
  format: "text" | "json";
  maxBytes: number;
  input?: InputForm;
}

/**
 * `lis validate <file|-> --schema <name>`: a JSON document, a JSONL file, an SSE stream or a raw HTTP
 * capture against a named schema. Exit 0 valid, 1 invalid, 2 usage or input error.
 */
export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("validate a JSON document, JSONL file, SSE stream or HTTP capture against a named schema")
    .argument("<file>", "the file to validate, or - for standard input")
    .requiredOption("--schema <name>", "schema name, e.g. chat-completion (an unknown name lists the known ones)")
    .option("--spec <version>", "spec version", DEFAULT_SPEC_VERSION)
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(new Option("--input <form>", "input form (default: detected from the content)").choices([...INPUT_FORMS]))
    .option("--max-bytes <bytes>", `refuse larger input (default ${DEFAULT_MAX_BYTES}; K/M/G suffixes allowed)`, parseByteCount, DEFAULT_MAX_BYTES)
    .addHelpText(
      "after",
      `
Input forms (detected from the content unless --input says):
  json   one JSON document
  jsonl  one JSON document per line; each bad line is reported as file:line
  sse    a captured event stream: each data: event is a document, data: [DONE] ends it
  http   a raw HTTP response (curl -i): status line, headers, blank line, then a json, jsonl or sse body

Exit codes: 0 every document valid; 1 a document invalid (or a line or event that is not JSON);
2 usage or input error (missing file, not JSON at all, unknown schema, over --max-bytes).`,
    )
    .action(async (file: string, opts: ValidateOptions) => {
      // Loaded only for this command (Ajv and the schemas are not every `lis` command's cost).
      const [{ validatorByName }, { validateDocuments }, { formatValidationText }, { formatValidationJson }] = await Promise.all([
        import("./validators.js"),
        import("./report.js"),
        import("./format/text.js"),
        import("./format/json.js"),
      ]);
      // The schema first: a wrong name is reported before a large file is read.
      const validator = validatorByName(opts.schema, opts.spec);
      const text = await readInput(file, opts.maxBytes);
      if (text.trim() === "") throw new LisError(`${file === "-" ? "standard input" : file} is empty: nothing to validate`, EXIT.USAGE);
      const label = file === "-" ? "<stdin>" : file;
      const input = splitDocuments(text, label, opts.input);
      // A single document that is not JSON at all is an input error, not a finding.
      const only = input.documents[0];
      if (input.form === "json" && only?.parseError !== undefined) {
        throw new LisError(`${label} is ${only.parseError}`, EXIT.USAGE);
      }
      const report = validateDocuments(input, validator, { file: label, schema: opts.schema, spec: opts.spec });
      if (input.http && input.http.status >= 400 && opts.schema !== "error") {
        report.notes.push(`the response has status ${input.http.status}; its body is probably an error envelope (--schema error)`);
      }
      process.stdout.write(opts.format === "json" ? formatValidationJson(report) : formatValidationText(report));
      process.exitCode = report.valid ? EXIT.OK : EXIT.FAILED;
    });
}
