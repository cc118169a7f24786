/**
 * Expected-failure baselines (`--expect FILE`, `--write-baseline FILE`): a YAML list of clause or case ids,
 * each with the reason it is expected to fail. Format:
 *
 *   spec: "1.0"
 *   expected-failures:
 *     - clause: HTTP-004
 *       reason: we parse any body as JSON (tracked in #12)
 *     - case: chat-stream-usage-chunk
 *       reason: usage arrives on the last content chunk
 */
import { readFileSync } from "node:fs";
import { EXIT, LisError } from "../util/errors.js";
import type { CaseResult } from "./model.js";
import type { ClauseVerdict } from "./verdicts.js";
import { yaml } from "../util/lazy-packages.js";

export interface BaselineEntry {
  clause?: string;
  case?: string;
  reason: string;
}

export interface Baseline {
  file?: string;
  spec?: string;
  entries: BaselineEntry[];
}

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new LisError(`--expect ${file}: cannot read the baseline (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, EXIT.USAGE);
  }
  return parseBaseline(text, file);
}

export function parseBaseline(text: string, file = "baseline"): Baseline {
  const { LineCounter, parseDocument } = yaml();
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length > 0) throw new LisError(`${file}:${lc.linePos(doc.errors[0].pos[0]).line}: YAML: ${doc.errors[0].message.split("\n")[0]}`, EXIT.USAGE);
  const data = doc.toJS() as { spec?: unknown; "expected-failures"?: unknown } | null;
  const list = data?.["expected-failures"];
  const bad = (i: number | undefined, what: string) => {
    const node = i === undefined ? undefined : doc.getIn(["expected-failures", i], true) as { range?: [number, number, number] } | undefined;
    const line = node?.range ? lc.linePos(node.range[0]).line : 1;
    return new LisError(`${file}:${line}: ${what}. A baseline is \`expected-failures:\` a list of { clause: ID | case: ID, reason: text } (see lis conformance --help)`, EXIT.USAGE);
  };
  if (!data || typeof data !== "object" || !Array.isArray(list)) throw bad(undefined, "no `expected-failures` list");
  const entries = list.map((e: unknown, i: number): BaselineEntry => {
    if (typeof e !== "object" || e === null) throw bad(i, "an entry is not a mapping");
    const { clause, case: caseId, reason, ...rest } = e as Record<string, unknown>;
    if (Object.keys(rest).length > 0) throw bad(i, `unknown key ${Object.keys(rest)[0]}`);
    if ((clause === undefined) === (caseId === undefined)) throw bad(i, "an entry names exactly one of `clause` and `case`");
    if (clause !== undefined && (typeof clause !== "string" || !/^[A-Z]+-\d{3}$/.test(clause))) throw bad(i, `clause ${JSON.stringify(clause)} is not a clause id like HTTP-004`);
    if (caseId !== undefined && typeof caseId !== "string") throw bad(i, "case must be a string");
    if (typeof reason !== "string" || reason.trim() === "") throw bad(i, "every entry needs a `reason`");
    return clause !== undefined ? { clause: clause as string, reason } : { case: caseId as string, reason };
  });
  return { file, spec: typeof data.spec === "string" ? data.spec : undefined, entries };
}

/** A baseline that expects exactly this run's failures: failing clauses, and errored cases by id. */
export function baselineFromRun(spec: string, clauses: ClauseVerdict[], results: CaseResult[], date = new Date()): string {
  const day = date.toISOString().slice(0, 10);
  const entries: BaselineEntry[] = [];
  for (const v of clauses) {
    if (v.verdict !== "fail") continue;
    const f = v.failures[0];
    entries.push({ clause: v.id, reason: `failing since ${day}: ${f ? `${f.case}: ${f.message ?? f.description}${f.got ? ` (got ${f.got})` : ""}` : ""}`.slice(0, 300) });
  }
  for (const r of results) if (r.status === "error") entries.push({ case: r.id, reason: `error since ${day}: ${r.reason ?? ""}`.slice(0, 300) });
  return `# Expected failures for lis conformance --expect (written by --write-baseline).\n# Each entry is a known failure; remove it once fixed (a listed item that passes fails the run).\n${yaml().stringify({ spec, "expected-failures": entries }, { lineWidth: 0 })}`;
}
