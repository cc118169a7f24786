export { ROOT } from "./util/paths.js";
export { loadClauses, parseClauses, PROFILES, AREAS } from "./clauses/registry.js";
export type { Clause, ClauseLevel } from "./clauses/registry.js";
export { getValidator, schemaNames } from "./validate/validators.js";
export type { Validator, ValidationResult, ValidationError } from "./validate/validators.js";
export { splitDocuments } from "./validate/documents.js";
export { generateTypes } from "./codegen/generate.js";
export { diffDocuments } from "./diff/diff.js";
export { loadSide } from "./diff/load.js";
export { docSetFromObjects } from "./diff/refs.js";
export { POLICY } from "./diff/policy.js";
export type { Change, DiffResult } from "./diff/model.js";
export type { PolicyRow, Classification } from "./diff/policy.js";
export { startServer } from "./serve/server.js";
export type { ServerOptions, RunningServer } from "./serve/server.js";

// ---- the commands as library calls; each loads its own dependencies when called ----
import type { ConformanceOptions } from "./conformance/conformance.js";
import type { ConformanceReport } from "./conformance/report.js";
import type { ReportFormat } from "./conformance/reporters/index.js";
import type { LintOptions } from "./lint/lint.js";
import type { LintReport } from "./lint/findings.js";
import type { DiffResult } from "./diff/model.js";
import { diffDocuments } from "./diff/diff.js";
import { loadSide } from "./diff/load.js";
export type { ConformanceOptions, ConformanceReport, LintOptions, LintReport, ReportFormat };
export type { SchemaName, SchemasByVersion, SpecVersion } from "./validate/validators.js";
export { validatorByName } from "./validate/validators.js";

/**
 * `lis conformance` as a call: runs the suite (against `baseUrl`, else the embedded reference server) and
 * returns the report that every --report format renders. Throws LisError (with `exitCode`) where the
 * command exits 2 or 3.
 */
export async function runConformance(options: ConformanceOptions = {}): Promise<ConformanceReport> {
  return (await (await import("./conformance/conformance.js")).runConformance(options)).report;
}

/** A conformance report as a --report format renders it (json, junit, markdown, html, badge, badge-json), or as GitHub annotations. */
export async function renderConformanceReport(report: ConformanceReport, format: ReportFormat, profile?: string): Promise<string> {
  const { REPORT_FORMATS } = await import("./conformance/reporters/index.js");
  return (await REPORT_FORMATS[format]())(report, profile);
}

/** `lis lint` as a call: the findings of the LIS ruleset (or `options.ruleset`) on OpenAPI files. */
export async function lint(files: string[], options: LintOptions = {}): Promise<LintReport> {
  return (await import("./lint/lint.js")).lintFiles(files, options);
}

/** `lis diff` as a call: every change between two OpenAPI files or schema folders, classified. */
export function diff(oldPath: string, newPath: string): DiffResult {
  const cache = new Map();
  return diffDocuments(loadSide(oldPath, cache), loadSide(newPath, cache));
}
