import { extname, resolve } from "node:path";
import { Document } from "@stoplight/spectral-core";
// A CommonJS module whose re-exports Node cannot see by name: take its default export.
import Parsers from "@stoplight/spectral-parsers";
import { LisError, EXIT } from "../util/errors.js";
import { readBoundedFile as readBoundedFile_ } from "../util/read-bounded.js";

/**
 * The largest document (or referenced file) lis lint reads. OpenAI's published definition, one of the largest
 * real ones, is 3 MB; past this size parsing and resolving would take minutes and gigabytes, so we refuse early.
 */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

/** Reads a local file as UTF-8, refusing missing files, directories and files over the size cap with a clear error. */
export const readBoundedFile = (path: string, what = "file") =>
  readBoundedFile_(path, { what, maxBytes: MAX_DOCUMENT_BYTES, tool: "lis lint", tooLargeHint: "split it into files joined by $ref" });

/** JSON files get the JSON parser (exact ranges); everything else is YAML, which also reads JSON. */
export const parserFor = (path: string) => (extname(path).toLowerCase() === ".json" ? Parsers.Json : Parsers.Yaml);

/**
 * Parses one API definition into a Spectral document. Syntax errors and documents that are not OpenAPI are input
 * errors (exit 2): linting them would only produce noise.
 */
export function loadApiDocument(file: string): Document {
  const path = resolve(file);
  const text = readBoundedFile(path, "API definition");
  const document = new Document(text, parserFor(path) as never, path);
  const syntaxErrors = document.diagnostics.filter((d) => d.severity === 0);
  if (syntaxErrors.length > 0) {
    const lines = syntaxErrors
      .slice(0, 5)
      .map((d) => `  ${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
    throw new LisError(
      `${file} is not valid ${parserFor(path) === Parsers.Json ? "JSON" : "YAML"}:\n${lines.join("\n")}` +
        (syntaxErrors.length > 5 ? `\n  ... and ${syntaxErrors.length - 5} more` : ""),
      EXIT.USAGE,
    );
  }
  const data: unknown = document.data;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new LisError(`${file} is not an OpenAPI document: its top level is ${describe(data)}, not a mapping`, EXIT.USAGE);
  }
  const version = (data as Record<string, unknown>).openapi ?? (data as Record<string, unknown>).swagger;
  if (version === undefined) {
    const keys = Object.keys(data).slice(0, 5).join(", ");
    throw new LisError(
      `${file} is not an OpenAPI document: it has no top-level "openapi" field (its keys: ${keys || "none"})`,
      EXIT.USAGE,
    );
  }
  if (typeof version !== "string" || !/^(2\.0|3\.[0-2]\.\d+)$/.test(version)) {
    throw new LisError(`${file}: unsupported OpenAPI version ${JSON.stringify(version)} (lis lint reads 3.0.x, 3.1.x and 2.0)`, EXIT.USAGE);
  }
  return document;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  return `a ${typeof value}`;
}
