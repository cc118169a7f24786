/**
 * Failures grouped by root cause, for every human report (console, Markdown, HTML): the same wrong status
 * with the same error body, or the same missing member, is one fact however many cases and clauses it
 * shows up in, and is reported once, with its count. Cases that could not be judged are grouped by reason.
 * Pure.
 */
import type { CaseResult, Evidence } from "../model.js";
import type { ConformanceReport } from "../report.js";
import type { ClauseFailure } from "../verdicts.js";
import { oneLine } from "./text.js";

export type GroupKind = "status" | "missing-member" | "check";

export interface FailureGroup {
  kind: GroupKind;
  /** One line: what went wrong, the same for every failure of the group. */
  cause: string;
  /** Failing checks in the group. */
  count: number;
  /** Distinct, in the report's clause order. */
  clauses: string[];
  cases: string[];
  profiles: string[];
  /** The strongest level among the group's clauses: a group with a MUST clause is not a mere warning. */
  level: "MUST" | "SHOULD" | "MAY";
  /** Every clause of the group is an expected failure (baseline). */
  expected: boolean;
  /** The first failure of the group, with the request and response that show it. */
  example: ClauseFailure & { evidence?: Evidence; source?: CaseResult["source"] };
}

export interface ErrorGroup {
  /** The reason, without the step that met it. */
  reason: string;
  cases: string[];
  profiles: string[];
  example: { case: string; evidence?: Evidence; source?: CaseResult["source"] };
}

const LEVEL_RANK = { MUST: 0, SHOULD: 1, MAY: 2 } as const;
const addOnce = <T>(list: T[], item: T) => {
  if (!list.includes(item)) list.push(item);
};

/** The body of an evidence response ("HTTP 500\nheaders…\n\nbody"), as its error envelope when it has one. */
export function errorBodyKey(response: string | undefined): string {
  if (!response) return "";
  const at = response.indexOf("\n\n");
  const body = (at === -1 ? "" : response.slice(at + 2)).trim();
  try {
    const json = JSON.parse(body) as { error?: unknown };
    // The envelope's own words; request ids and timestamps beside it differ from answer to answer.
    if (json && typeof json === "object" && json.error !== undefined) {
      const e = json.error as Record<string, unknown>;
      return JSON.stringify(typeof e === "object" && e !== null ? { error: { message: e.message, type: e.type, code: e.code } } : { error: e });
    }
  } catch {
    /* not JSON: the text itself */
  }
  return body;
}

/** Array indexes and stream event numbers say where, not what: `/choices/1/message` is `/choices/*\/message`. */
const generalPointer = (pointer: string) => pointer.replace(/\/\d+(?=\/|$)/g, "/*");

/** The member a failure says is missing, as "`name` at /pointer", or undefined when it is about something else. */
export function missingMember(f: Pick<ClauseFailure, "got" | "expected" | "description">): string | undefined {
  // Ajv's own words, and the validator's (tools/validate/validators.ts), which points at the member itself.
  const required = /^(?:event \d+: )?(\/[^:]*|\/?): must have required property '([^']+)'/.exec(f.got ?? "");
  if (required) return `\`${required[2]}\` at ${generalPointer(required[1] || "/")}`;
  const pointed = /^(?:event \d+: )?((?:\/[^/:]*)*)\/([^/:]+): required member is missing/.exec(f.got ?? "");
  if (pointed) return `\`${pointed[2].replace(/~1/g, "/").replace(/~0/g, "~")}\` at ${generalPointer(pointed[1] || "/")}`;
  if (f.got === "matched nothing" || (f.got === "absent" && /present$/.test(f.expected ?? ""))) {
    const path = /^(\$[^\s]*)/.exec(f.description)?.[1] ?? /^(\$[^\s]*)/.exec(f.expected ?? "")?.[1];
    if (path) return `\`${path.replace(/\[\d+\]/g, "[*]")}\``;
  }
  return undefined;
}

function causeOf(f: ClauseFailure, evidence: Evidence | undefined): { kind: GroupKind; key: string; cause: string } {
  if (f.kind === "status") {
    const body = errorBodyKey(evidence?.response);
    return { kind: "status", key: `status\n${f.got}\n${body}`, cause: `${f.got ?? "unexpected status"}${body ? `, body ${oneLine(body, 160)}` : ""}` };
  }
  const member = missingMember(f);
  if (member) return { kind: "missing-member", key: `missing\n${member}`, cause: `missing member ${member}` };
  const schema = /^valid against (\S+)$/.exec(f.expected ?? "");
  if (schema && f.got !== undefined) return { kind: "check", key: `schema\n${f.got}`, cause: oneLine(`not valid against schema ${schema[1]}: ${f.got}`, 240) };
  // The description usually states what was expected already ("$.object equals …"): say it once.
  const said = [f.expected !== undefined && !f.description.includes(f.expected.replace(/^(equals|in|matches) /, "")) ? `expected ${f.expected}` : "", f.got !== undefined ? `got ${f.got}` : ""].filter(Boolean).join(", ");
  const cause = `${f.description.replace(/\.$/, "")}${said ? `: ${said}` : ""}${f.message ? ` (${f.message})` : ""}`;
  return { kind: "check", key: `check\n${f.kind}\n${f.description}\n${f.expected}\n${f.got}\n${f.message}`, cause: oneLine(cause, 240) };
}

/** Groups the failures of every failing clause by root cause, MUST groups first, then by count. */
export function groupFailures(report: Pick<ConformanceReport, "clauses" | "cases">): { failures: FailureGroup[]; errors: ErrorGroup[] } {
  const cases = new Map(report.cases.map((c) => [c.id, c]));
  const evidenceOf = (caseId: string, step: string) => {
    const c = cases.get(caseId);
    return c?.evidence.find((e) => e.step === step) ?? c?.evidence[0];
  };
  const groups = new Map<string, FailureGroup>();
  for (const v of report.clauses) {
    if (v.verdict !== "fail") continue;
    for (const f of v.failures) {
      const evidence = evidenceOf(f.case, f.step);
      const { kind, key, cause } = causeOf(f, evidence);
      let g = groups.get(key);
      if (!g) {
        g = { kind, cause, count: 0, clauses: [], cases: [], profiles: [], level: v.level, expected: true, example: { ...f, evidence, source: cases.get(f.case)?.source } };
        groups.set(key, g);
      }
      g.count++;
      addOnce(g.clauses, v.id);
      addOnce(g.cases, f.case);
      addOnce(g.profiles, v.profile);
      if (LEVEL_RANK[v.level] < LEVEL_RANK[g.level]) g.level = v.level;
      if (v.expectedFailure === undefined) g.expected = false;
    }
  }
  const failures = [...groups.values()].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || Number(a.expected) - Number(b.expected) || b.count - a.count);

  const errorGroups = new Map<string, ErrorGroup>();
  for (const c of report.cases) {
    if (c.status !== "error" || c.unfinished) continue; // cases a run that ended early never finished are one line (errorCases)
    const reason = (c.reason ?? "error").replace(/^step [^:]+: /, "");
    let g = errorGroups.get(reason);
    if (!g) errorGroups.set(reason, (g = { reason, cases: [], profiles: [], example: { case: c.id, evidence: c.evidence[0], source: c.source } }));
    g.cases.push(c.id);
    addOnce(g.profiles, c.profile);
  }
  return { failures, errors: [...errorGroups.values()].sort((a, b) => b.cases.length - a.cases.length) };
}
