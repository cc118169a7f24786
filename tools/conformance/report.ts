/** The run's report: one data object that every reporter (console, JSON, JUnit, Markdown) renders. */
import type { Case, CaseResult, CaseStatus } from "./model.js";
import type { Baseline } from "./baseline.js";
import { computeVerdicts, type BaselineOutcome, type ClauseInfo, type ClauseVerdict, type ClauseVerdictValue, type ProfileVerdict, type Verdicts } from "./verdicts.js";
import { conformanceClaim, type ConformanceClaim, type SpecStatus } from "./claim.js";

/**
 * How the run ended. Every end writes every requested report; all but `complete` say why in `reason`.
 * unreachable: no HTTP answer to the pre-flight (exit 3); misconfigured: the pre-flight's one-line
 * diagnosis (exit 2); target-down: the target crashed or hung during the run; deadline: the run's
 * deadline passed; interrupted: Ctrl-C or SIGTERM (exit 130 or 143, partial results).
 */
export type RunStatus = "complete" | "target-down" | "deadline" | "interrupted" | "unreachable" | "misconfigured";

export interface RunOutcome {
  status: RunStatus;
  reason?: string;
  /** target-down: the case whose request was the last one sent before the target stopped answering. */
  lastRequest?: { case: string; step: string; request: string };
  /** target-down: other cases whose requests were unanswered then. */
  alsoInFlight?: string[];
  /** interrupted: the signal's exit code. */
  exitCode?: 130 | 143;
}

export type ExitCode = 0 | 1 | 2 | 3 | 130 | 143;

export interface ConformanceReport {
  reportVersion: "1";
  tool: { name: "lis"; version: string };
  spec: string;
  target: {
    baseUrl: string;
    /** Where the embeddings cases went, when not to baseUrl (--embedding-base-url). */
    embeddingBaseUrl?: string;
    model: string;
    embeddingModel: string;
    embedded: boolean;
    authenticated: boolean;
    /** Who answered: the `Server` header of GET /models, the model ids it listed, its discovery document. */
    server?: string;
    models?: string[];
    discovery?: Record<string, unknown>;
  };
  profiles: string[];
  filter?: string;
  startedAt: string;
  durationMs: number;
  run: RunOutcome;
  summary: {
    exitCode: ExitCode;
    /** Overall: the weakest profile verdict. */
    verdict: ProfileVerdict["verdict"];
    cases: Record<CaseStatus, number> & { total: number };
    clauses: Record<ClauseVerdictValue, number> & { total: number };
    unexpectedFailures: string[];
    unexpectedErrors: string[];
  };
  profileVerdicts: ProfileVerdict[];
  clauses: ClauseVerdict[];
  cases: CaseResult[];
  baseline?: BaselineOutcome & { file: string };
  /** The conformance claim the run supports, without the report's own hash (conventions.md, "Conformance claims"). */
  claim: ConformanceClaim;
}

export function buildReport(input: {
  version: string;
  toolVersion: string;
  target: ConformanceReport["target"];
  profiles: string[];
  filter?: string;
  startedAt: Date;
  durationMs: number;
  results: CaseResult[];
  verdicts: Verdicts;
  baselineFile?: string;
  /** Whether the spec version under test is released or a draft (a claim says so). */
  specStatus: SpecStatus;
  run?: RunOutcome;
}): ConformanceReport {
  const { results, verdicts } = input;
  const cases = { total: results.length, pass: 0, fail: 0, error: 0, skip: 0, "precondition-failed": 0, inconclusive: 0 } as ConformanceReport["summary"]["cases"];
  for (const r of results) cases[r.status] = (cases[r.status] ?? 0) + 1; // a status added later counts too
  const clauses = { total: verdicts.clauses.length, pass: 0, fail: 0, blocked: 0, inconclusive: 0, "not-applicable": 0, untested: 0, "not-testable": 0 } as ConformanceReport["summary"]["clauses"];
  for (const v of verdicts.clauses) clauses[v.verdict] = (clauses[v.verdict] ?? 0) + 1;
  const order = ["not-conformant", "incomplete", "conformant"] as const;
  const verdict = order.find((o) => verdicts.profiles.some((p) => p.verdict === o)) ?? "conformant";
  const report: Omit<ConformanceReport, "claim"> = {
    reportVersion: "1",
    tool: { name: "lis", version: input.toolVersion },
    spec: input.version,
    target: input.target,
    profiles: input.profiles,
    ...(input.filter ? { filter: input.filter } : {}),
    startedAt: input.startedAt.toISOString(),
    durationMs: Math.round(input.durationMs),
    run: input.run ?? { status: "complete" },
    summary: { exitCode: exitCodeOf(input.run, verdicts.exitCode), verdict, cases, clauses, unexpectedFailures: verdicts.unexpectedFailures, unexpectedErrors: verdicts.unexpectedErrors },
    profileVerdicts: verdicts.profiles,
    clauses: verdicts.clauses,
    cases: results,
    ...(verdicts.baseline ? { baseline: { ...verdicts.baseline, file: input.baselineFile ?? "" } } : {}),
  };
  return { ...report, claim: conformanceClaim(report, input.specStatus) };
}

/** The run's exit code: an early end's own, else the verdicts' (a target down or a deadline leaves cases in error: 1). */
export function exitCodeOf(run: RunOutcome | undefined, verdictsExitCode: 0 | 1): ExitCode {
  switch (run?.status) {
    case "unreachable":
      return 3;
    case "misconfigured":
      return 2;
    case "interrupted":
      return run.exitCode ?? 130;
    default:
      return verdictsExitCode;
  }
}

/**
 * Pure: the report of a run, complete or ended early. `results` holds what was judged (nothing when the
 * pre-flight ended the run; the finished cases and the unfinished ones, marked so, when it stopped later).
 */
export function reportOfRun(input: {
  clauses: ClauseInfo[];
  profiles: string[];
  cases: Case[];
  results: CaseResult[];
  baseline?: Baseline;
  notApplicable?: ReadonlyMap<string, string>;
  prerequisites?: ReadonlyMap<string, string[]>;
  run: RunOutcome;
  version: string;
  toolVersion: string;
  target: ConformanceReport["target"];
  filter?: string;
  startedAt: Date;
  durationMs: number;
  baselineFile?: string;
  specStatus: SpecStatus;
}): ConformanceReport {
  const verdicts = computeVerdicts(input.clauses, input.profiles, input.cases, input.results, input.baseline, input.notApplicable, input.prerequisites);
  return buildReport({ ...input, verdicts });
}

/**
 * For reporters: the cases that ended in error, without those the run stopped before judging (counted in
 * one line, `unfinishedLine`, instead of one line each: "112 cases not judged: target down").
 */
export function errorCases(report: ConformanceReport): { judged: CaseResult[]; unfinished: number; unfinishedLine?: string } {
  const judged = report.cases.filter((c) => c.status === "error" && !c.unfinished);
  const unfinished = report.cases.filter((c) => c.unfinished).length;
  const why = report.run.status === "target-down" ? "target down" : report.run.status === "complete" ? "the run stopped" : report.run.status;
  return { judged, unfinished, ...(unfinished > 0 ? { unfinishedLine: `${unfinished} case(s) not judged: ${why}` } : {}) };
}
