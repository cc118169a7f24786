/**
 * From case results to verdicts, as spec/1.0/conventions.md#verdicts defines them: per clause (pass,
 * fail, not-applicable, untested, not-testable), per profile (conformant, not-conformant, incomplete),
 * then the baseline of expected failures and the run's exit code. Pure.
 */
import type { Case, CaseResult, ClauseRef } from "./model.js";
import type { Baseline } from "./baseline.js";

/** The part of a registry clause that verdicts need (tools/clauses/registry.ts `Clause`). */
export interface ClauseInfo {
  id: string;
  level: "MUST" | "SHOULD" | "MAY";
  profile: string;
  text: string;
  testable: boolean;
  notTestableReason?: string;
  withdrawn: boolean;
}

/**
 * `blocked`: every failure of the clause follows from a failure already charged to another clause on the
 * same response (`blockedBy`); `inconclusive`: no failure, and a comparison it rests on could not be judged.
 * Neither counts as a pass.
 */
export type ClauseVerdictValue = "pass" | "fail" | "blocked" | "inconclusive" | "not-applicable" | "untested" | "not-testable";
export type ProfileVerdictValue = "conformant" | "not-conformant" | "incomplete";

export interface ClauseFailure {
  case: string;
  step: string;
  kind: string;
  description: string;
  expected?: string;
  got?: string;
  message?: string;
}

export interface ClauseVerdict {
  id: string;
  level: "MUST" | "SHOULD" | "MAY";
  profile: string;
  text: string;
  verdict: ClauseVerdictValue;
  /** Cases that test the clause (from the case files). */
  cases: string[];
  /** Checks that judged it in this run: passed / failed. */
  passedChecks: number;
  failures: ClauseFailure[];
  /** With verdict blocked: the clauses whose failures on the same responses these failures follow from. */
  blockedBy?: string[];
  /** Comparisons that could not be judged, and why. */
  inconclusive?: { case: string; step: string; reason: string }[];
  /** Why untested / not applicable / not testable. */
  note?: string;
  /** Set when a baseline lists the failure (by clause or by case). */
  expectedFailure?: string;
}

export interface ProfileVerdict {
  profile: string;
  verdict: ProfileVerdictValue;
  must: { total: number; pass: number; fail: number; blocked: number; inconclusive: number; notApplicable: number; untested: number; notTestable: number };
  /** SHOULD/MAY clauses that failed. */
  warnings: string[];
}

export interface BaselineOutcome {
  /** Listed items that passed: they fail the run until the baseline is cleaned up. */
  stale: { kind: "clause" | "case"; id: string; reason: string }[];
  /** Listed items that failed as expected. */
  expected: { kind: "clause" | "case"; id: string; reason: string }[];
  /** Listed items this run did not judge (filtered out, untested, unknown). */
  notJudged: { kind: "clause" | "case"; id: string; reason: string }[];
}

export interface Verdicts {
  clauses: ClauseVerdict[];
  profiles: ProfileVerdict[];
  baseline?: BaselineOutcome;
  /** Clause ids that failed at MUST level and no baseline expected. */
  unexpectedFailures: string[];
  /** Case ids that ended in error and no baseline expected. */
  unexpectedErrors: string[];
  exitCode: 0 | 1;
}

/** Case statuses whose passed checks count towards a clause's pass. */
const COUNTS_AS_EVIDENCE = new Set<CaseResult["status"]>(["pass", "fail", "error"]);

const refList = (ref: ClauseRef | undefined) => (ref === undefined ? [] : Array.isArray(ref) ? ref : [ref]);

/** Every clause a case names: its `clauses` and every `clause` inside it. */
export function clausesOfCase(c: Case): Set<string> {
  const out = new Set<string>(c.clauses);
  for (const s of c.steps) {
    s.clauses?.forEach((id) => out.add(id));
    const e = s.expect ?? {};
    if (typeof e.status === "object" && !Array.isArray(e.status)) refList(e.status.clause).forEach((id) => out.add(id));
    if (typeof e.schema === "object") refList(e.schema.clause).forEach((id) => out.add(id));
    e.assert?.forEach((a) => refList(a.clause).forEach((id) => out.add(id)));
    e.checks?.forEach((k) => refList(k.clause).forEach((id) => out.add(id)));
    if (e.stream) {
      refList(e.stream.clause).forEach((id) => out.add(id));
      for (const rule of Object.values(e.stream)) if (typeof rule === "object" && rule !== null && "clause" in rule) refList(rule.clause as ClauseRef).forEach((id) => out.add(id));
    }
  }
  return out;
}

/**
 * One fact, one charge: the clauses whose failure on the same response (case and step) a failed check
 * follows from. Two sources: a step whose request should have been rejected but was accepted (its status
 * check says so, `blocksStep`) charges that clause, and what the accepted answer then gets wrong follows
 * from it; and `prerequisites` (conformance/<version>/prerequisites.yaml): a clause that cannot be judged
 * on a response that already breaks another (vector dimensions of a vector that is not numbers).
 */
function blockers(results: CaseResult[], prerequisites: ReadonlyMap<string, string[]> | undefined) {
  const failedOnStep = new Map<string, { clauses: Set<string>; blocking: Set<string> }>();
  for (const r of results) {
    for (const c of r.checks) {
      if (c.passed || c.inconclusive !== undefined) continue;
      const key = `${r.id}\u0000${c.step}`;
      const entry = failedOnStep.get(key) ?? { clauses: new Set<string>(), blocking: new Set<string>() };
      c.clauses.forEach((id) => entry.clauses.add(id));
      if (c.blocksStep) c.clauses.forEach((id) => entry.blocking.add(id));
      failedOnStep.set(key, entry);
    }
  }
  return (r: CaseResult, check: CaseResult["checks"][number], clause: string): string[] => {
    const entry = failedOnStep.get(`${r.id}\u0000${check.step}`);
    if (!entry || check.blocksStep) return [];
    const out = new Set<string>([...entry.blocking].filter((id) => id !== clause));
    for (const id of prerequisites?.get(clause) ?? []) if (entry.clauses.has(id)) out.add(id);
    return [...out];
  };
}

/** Per clause, the ids of the cases that test it. */
export function coverage(cases: Case[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const c of cases) for (const id of clausesOfCase(c)) map.set(id, [...(map.get(id) ?? []), c.id]);
  return map;
}

/**
 * `notApplicable` names clauses that are not judged in this run, with the reason (e.g. added in a later
 * minor version than the server implements): their verdict is not-applicable whatever their checks say.
 */
export function computeVerdicts(clauses: ClauseInfo[], profiles: string[], cases: Case[], results: CaseResult[], baseline?: Baseline, notApplicable?: ReadonlyMap<string, string>, prerequisites?: ReadonlyMap<string, string[]>): Verdicts {
  const cov = coverage(cases);
  const resultsById = new Map(results.map((r) => [r.id, r]));
  const listedCases = new Map((baseline?.entries ?? []).filter((e) => e.case).map((e) => [e.case!, e.reason]));
  const listedClauses = new Map((baseline?.entries ?? []).filter((e) => e.clause).map((e) => [e.clause!, e.reason]));

  // Each check indexed once by the clauses it judges: the loop below is then linear in checks, not
  // clauses × results × checks.
  const checksByClause = new Map<string, { result: CaseResult; check: CaseResult["checks"][number] }[]>();
  for (const r of results) {
    if (r.status === "precondition-failed") continue;
    for (const check of r.checks) for (const id of check.clauses) {
      const list = checksByClause.get(id);
      if (list) list.push({ result: r, check });
      else checksByClause.set(id, [{ result: r, check }]);
    }
  }
  const blockersOf = blockers(results, prerequisites);
  // A step whose check function for a clause found nothing to judge (no cut-free answer, no tool call) has
  // shown nothing about that clause: its status check passing is no evidence for it either. (An optional
  // assertion that found its member absent is a branch the case expects, e.g. "honoured or rejected".)
  const unjudged = new Set<string>();
  for (const r of results) for (const k of r.checks) if (k.vacuous && k.kind.startsWith("check:")) for (const id of k.clauses) unjudged.add(`${r.id}\u0000${k.step}\u0000${id}`);

  const verdicts: ClauseVerdict[] = [];
  for (const clause of clauses) {
    if (clause.withdrawn || !profiles.includes(clause.profile)) continue;
    const caseIds = cov.get(clause.id) ?? [];
    const v: ClauseVerdict = { id: clause.id, level: clause.level, profile: clause.profile, text: clause.text, verdict: "untested", cases: caseIds, passedChecks: 0, failures: [] };
    if (!clause.testable) {
      v.verdict = "not-testable";
      v.note = clause.notTestableReason;
      verdicts.push(v);
      continue;
    }
    const excluded = notApplicable?.get(clause.id);
    if (excluded !== undefined) {
      verdicts.push({ ...v, verdict: "not-applicable", note: excluded });
      continue;
    }
    let precondition = false;
    const unshown: string[] = [];
    const errored: string[] = [];
    const failingCases = new Set<string>();
    const blockedBy = new Set<string>();
    let blockedFailures = 0;
    const inconclusive: NonNullable<ClauseVerdict["inconclusive"]> = [];
    for (const id of caseIds) {
      const r = resultsById.get(id);
      // A requirement failed in a precondition step: the other clauses of the case are blocked by it.
      // Nothing to judge was produced: untested. Only a capability the server may decline makes the clause
      // not applicable.
      if (r?.precondition?.blockedBy) r.precondition.blockedBy.filter((b) => b !== clause.id).forEach((b) => blockedBy.add(b));
      else if (r?.status === "precondition-failed") {
        if (r.precondition?.kind === "evidence") unshown.push(r.reason ?? id);
        else precondition = true;
      }
      if (r?.status === "error") errored.push(id);
    }
    for (const { result: r, check } of checksByClause.get(clause.id) ?? []) {
      if (check.inconclusive !== undefined) inconclusive.push({ case: r.id, step: check.step, reason: check.inconclusive });
      else if (check.passed) {
        // A check that found nothing to judge is no evidence of a pass, nor is one in a case that was not
        // judged whole (inconclusive; precondition-failed and skipped cases are not indexed at all).
        const hollowStatus = check.kind === "status" && unjudged.has(`${r.id}\u0000${check.step}\u0000${clause.id}`);
        if (!check.vacuous && !hollowStatus && COUNTS_AS_EVIDENCE.has(r.status)) v.passedChecks++;
      } else {
        const by = blockersOf(r, check, clause.id);
        if (by.length > 0) {
          by.forEach((id) => blockedBy.add(id));
          blockedFailures++;
          continue;
        }
        failingCases.add(r.id);
        v.failures.push({ case: r.id, step: check.step, kind: check.kind, description: check.description, expected: check.expected, got: check.got, message: check.message });
      }
    }
    if (blockedBy.size > 0) v.blockedBy = [...blockedBy].sort();
    if (inconclusive.length > 0) v.inconclusive = inconclusive;
    if (v.failures.length > 0) v.verdict = "fail";
    else if (inconclusive.length > 0) {
      v.verdict = "inconclusive";
      v.note = inconclusive[0].reason;
    } else if (v.passedChecks > 0) v.verdict = "pass";
    else if (blockedFailures > 0 || blockedBy.size > 0) {
      v.verdict = "blocked";
      v.note = `blocked by ${v.blockedBy!.join(", ")}: what it needs on the same response, or a precondition that is that clause's requirement, failed first`;
    } else if (unshown.length > 0) {
      v.note = `its cases produced nothing to judge: ${unshown[0]}`;
    } else if (precondition) {
      v.verdict = "not-applicable";
      v.note = `its cases' preconditions do not hold: ${caseIds.map((id) => resultsById.get(id)?.reason).filter(Boolean)[0] ?? ""}`.trim();
    } else {
      v.note = caseIds.length === 0 ? "no case tests this clause" : errored.length > 0 ? `its cases ended in error (${errored.join(", ")})` : checksByClause.has(clause.id) ? "its checks found nothing to judge" : "its cases did not run (filtered or skipped)";
    }
    if (v.verdict === "fail") {
      const byClause = listedClauses.get(clause.id);
      const allByCase = [...failingCases].every((id) => listedCases.has(id));
      if (byClause !== undefined) v.expectedFailure = byClause;
      else if (allByCase) v.expectedFailure = [...failingCases].map((id) => listedCases.get(id)).join("; ");
    }
    verdicts.push(v);
  }

  const profileVerdicts: ProfileVerdict[] = profiles.map((profile) => {
    const mine = verdicts.filter((v) => v.profile === profile);
    const must = mine.filter((v) => v.level === "MUST");
    const count = (value: ClauseVerdictValue) => must.filter((v) => v.verdict === value).length;
    const m = { total: must.length, pass: count("pass"), fail: count("fail"), blocked: count("blocked"), inconclusive: count("inconclusive"), notApplicable: count("not-applicable"), untested: count("untested"), notTestable: count("not-testable") };
    // A blocked or inconclusive MUST clause was not shown to hold: the profile is incomplete, never conformant.
    const verdict: ProfileVerdictValue = m.fail > 0 ? "not-conformant" : m.untested + m.blocked + m.inconclusive > 0 ? "incomplete" : "conformant";
    return { profile, verdict, must: m, warnings: mine.filter((v) => v.level !== "MUST" && v.verdict === "fail").map((v) => v.id) };
  });

  let baselineOutcome: BaselineOutcome | undefined;
  if (baseline) {
    baselineOutcome = { stale: [], expected: [], notJudged: [] };
    for (const e of baseline.entries) {
      if (e.clause) {
        const v = verdicts.find((x) => x.id === e.clause);
        const item = { kind: "clause" as const, id: e.clause, reason: e.reason };
        if (v?.verdict === "pass") baselineOutcome.stale.push(item);
        else if (v?.verdict === "fail") baselineOutcome.expected.push(item);
        else baselineOutcome.notJudged.push(item);
      } else if (e.case) {
        const r = resultsById.get(e.case);
        const item = { kind: "case" as const, id: e.case, reason: e.reason };
        if (r?.status === "pass") baselineOutcome.stale.push(item);
        else if (r?.status === "fail" || r?.status === "error") baselineOutcome.expected.push(item);
        else baselineOutcome.notJudged.push(item);
      }
    }
  }

  const unexpectedFailures = verdicts.filter((v) => v.level === "MUST" && v.verdict === "fail" && v.expectedFailure === undefined).map((v) => v.id);
  const unexpectedErrors = results.filter((r) => r.status === "error" && !listedCases.has(r.id)).map((r) => r.id);
  const exitCode = unexpectedFailures.length > 0 || unexpectedErrors.length > 0 || (baselineOutcome?.stale.length ?? 0) > 0 ? 1 : 0;
  return { clauses: verdicts, profiles: profileVerdicts, baseline: baselineOutcome, unexpectedFailures, unexpectedErrors, exitCode };
}
