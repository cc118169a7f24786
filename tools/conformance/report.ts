/** The run's report: one data object that every reporter (console, JSON, JUnit, Markdown) renders. */
import type { CaseResult, CaseStatus } from "./model.js";
import type { BaselineOutcome, ClauseVerdict, ClauseVerdictValue, ProfileVerdict, Verdicts } from "./verdicts.js";
import { conformanceClaim, type ConformanceClaim, type SpecStatus } from "./claim.js";

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
  summary: {
    exitCode: 0 | 1;
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
    summary: { exitCode: verdicts.exitCode, verdict, cases, clauses, unexpectedFailures: verdicts.unexpectedFailures, unexpectedErrors: verdicts.unexpectedErrors },
    profileVerdicts: verdicts.profiles,
    clauses: verdicts.clauses,
    cases: results,
    ...(verdicts.baseline ? { baseline: { ...verdicts.baseline, file: input.baselineFile ?? "" } } : {}),
  };
  return { ...report, claim: conformanceClaim(report, input.specStatus) };
}
