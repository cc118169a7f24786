import { relative, resolve } from "node:path";
import { Spectral, type Ruleset, type ISpectralDiagnostic } from "@stoplight/spectral-core";
import { LisError, EXIT } from "../util/errors.js";
import { packageVersion } from "../util/paths.js";
import { loadApiDocument } from "./document.js";
import { createLintResolver, REMOTE_REF_REFUSED, type ResolverProblems } from "./resolver.js";
import { loadLisRuleset, loadUserRuleset } from "./ruleset.js";
import { visitEachValueOnce } from "./visit-once.js";
import { findRefCycle } from "./ref-cycles.js";
import { resolvedGivenDepth } from "./given-depth.js";
import { withCompileCache } from "./ajv-compile-cache.js";
import { SEVERITIES, type Finding, type LintReport, type RuleInfo, type Severity } from "./findings.js";

export interface LintOptions {
  /** A Spectral ruleset file; default: the published LIS ruleset. */
  ruleset?: string;
  /** Profiles to check, overriding what each document claims (`x-lis-profiles`) or what its paths imply. */
  profiles?: string[];
  allowRemoteRefs?: boolean;
  /** Directory file names in findings are relative to (default: the working directory). */
  cwd?: string;
}

/** Rule options that profile-aware LIS functions read; `--profile` sets them on every rule that has them. */
const PROFILE_OVERRIDE_OPTION = "profiles";

/** Lints API definitions with the LIS ruleset (or another) and returns every finding, sorted by file and position. */
export async function lintFiles(files: string[], options: LintOptions = {}): Promise<LintReport> {
  if (files.length === 0) throw new LisError("no API definition given (usage: lis lint <file...>)", EXIT.USAGE);
  const cwd = options.cwd ?? process.cwd();
  const ruleset = options.ruleset ? await loadUserRuleset(options.ruleset) : await loadLisRuleset();
  if (options.profiles) {
    checkProfileNames(ruleset, options.profiles);
    applyProfileOverride(ruleset, options.profiles);
  }
  visitEachValueOnce(ruleset);
  // Deep enough for every fixed path a rule follows through references; what the rule's `then.field` reads
  // below that is read, not walked, and the view lets it read everything.
  const viewDepth = resolvedGivenDepth(ruleset);

  const findings: Finding[] = [];
  for (const file of files) {
    const document = loadApiDocument(file);
    const cycle = findRefCycle(document.data, file);
    if (cycle) {
      throw new LisError(`${file}: $ref cycle with nothing but references in it: ${cycle.join(" -> ")} (a $ref must end at a value)`, EXIT.USAGE);
    }
    const problems: ResolverProblems = { inputErrors: [] };
    const spectral = new Spectral({ resolver: createLintResolver({ allowRemoteRefs: options.allowRemoteRefs ?? false, viewDepth }, problems) });
    spectral.setRuleset(ruleset);
    const results = await withCompileCache(() => spectral.run(document));
    if (problems.inputErrors.length > 0) {
      const where = results.filter((r) => r.code === "invalid-ref").map((r) => `  ${file}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.message}`);
      throw new LisError(`${file}: a $ref cannot be resolved:\n${(where.length > 0 ? where : problems.inputErrors.map((m) => `  ${m}`)).join("\n")}`, EXIT.USAGE);
    }
    for (const result of results) findings.push(toFinding(result, ruleset, file, cwd));
  }
  findings.sort(byPosition);
  return { files, findings, rules: describeRules(ruleset), toolVersion: packageVersion };
}

function toFinding(result: ISpectralDiagnostic, ruleset: Ruleset, file: string, cwd: string): Finding {
  const rule = ruleset.rules[String(result.code)];
  let code = String(result.code);
  let severity = SEVERITIES[result.severity] ?? "error";
  if (code === "invalid-ref" && result.message.includes(REMOTE_REF_REFUSED)) {
    // Not a broken reference: one we chose not to follow. Say so, and what to do, as its own finding.
    code = "lis-remote-ref-not-fetched";
    severity = "warn";
  }
  const clause = rule?.definition && (rule.definition as Record<string, unknown>)["x-lis-clause"];
  const source = result.source && resolve(result.source) !== resolve(cwd, file) ? relative(cwd, result.source) : file;
  return {
    rule: code,
    ...(typeof clause === "string" ? { clause } : {}),
    severity,
    message: result.message,
    file: source,
    path: result.path.map((segment) => segment),
    line: result.range.start.line + 1,
    column: result.range.start.character + 1,
    endLine: result.range.end.line + 1,
    endColumn: result.range.end.character + 1,
    ...(rule?.documentationUrl ? { documentationUrl: rule.documentationUrl } : {}),
  };
}

function describeRules(ruleset: Ruleset): RuleInfo[] {
  return Object.values(ruleset.rules)
    .filter((rule) => rule.enabled)
    .map((rule) => {
      const clause = (rule.definition as Record<string, unknown>)["x-lis-clause"];
      return {
        name: rule.name,
        description: rule.description ?? rule.name,
        ...(typeof clause === "string" ? { clause } : {}),
        ...(rule.documentationUrl ? { documentationUrl: rule.documentationUrl } : {}),
        severity: (SEVERITIES[rule.severity as number] ?? "error") as Severity,
      };
    });
}

/** `--profile` names must be profiles the ruleset knows (those its lis-profiles-known rule accepts). */
function checkProfileNames(ruleset: Ruleset, profiles: string[]): void {
  const options = ruleset.rules["lis-profiles-known"]?.then[0]?.functionOptions as { schema?: { items?: { enum?: string[] } } } | undefined;
  const known = options?.schema?.items?.enum;
  if (!known) return;
  const unknown = profiles.filter((p) => !known.includes(p));
  if (unknown.length > 0) throw new LisError(`unknown profile ${unknown.map((p) => `"${p}"`).join(", ")} in --profile (LIS 1.0 profiles: ${known.join(", ")})`, EXIT.USAGE);
}

function applyProfileOverride(ruleset: Ruleset, profiles: string[]): void {
  for (const rule of Object.values(ruleset.rules)) {
    for (const then of rule.then as Array<{ functionOptions?: Record<string, unknown> }>) {
      if (then.functionOptions && PROFILE_OVERRIDE_OPTION in then.functionOptions) {
        then.functionOptions = { ...then.functionOptions, [PROFILE_OVERRIDE_OPTION]: profiles };
      }
    }
  }
}

const byPosition = (a: Finding, b: Finding) =>
  a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
