/**
 * One row of the compatibility matrix (conformance/compatibility/README.md): per profile, the verdict and
 * the MUST counts of this run, and the failed clauses, with the date and the versions that make the figure
 * reproducible. `lis compatibility` turns rows into the matrix. Pure.
 */
import type { ConformanceReport } from "../report.js";

export interface MatrixRow {
  rowVersion: "1";
  spec: string;
  tool: string;
  /** The day of the run (YYYY-MM-DD). */
  measured: string;
  model: string;
  profiles: Record<string, { verdict: string; must: { pass: number; fail: number; untested: number; notApplicable: number; total: number }; warnings: number }>;
  failedMust: string[];
  failedShould: string[];
}

export function matrixRow(report: ConformanceReport): MatrixRow {
  const failed = (level: string) => report.clauses.filter((c) => c.verdict === "fail" && c.level === level).map((c) => c.id);
  return {
    rowVersion: "1",
    spec: report.spec,
    tool: `${report.tool.name} ${report.tool.version}`,
    measured: report.startedAt.slice(0, 10),
    model: report.target.model,
    profiles: Object.fromEntries(
      report.profileVerdicts.map((p) => [p.profile, { verdict: p.verdict, must: { pass: p.must.pass, fail: p.must.fail, untested: p.must.untested, notApplicable: p.must.notApplicable, total: p.must.total }, warnings: p.warnings.length }]),
    ),
    failedMust: failed("MUST"),
    failedShould: [...failed("SHOULD"), ...failed("MAY")],
  };
}

export function renderMatrixRow(report: ConformanceReport): string {
  return JSON.stringify(matrixRow(report), null, 2) + "\n";
}
