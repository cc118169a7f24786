/**
 * The pure core of the runner: one step's expectations + what the server answered → check results.
 * No I/O, no clock: the HTTP edge (tools/http/client.ts) has already read the response within its caps.
 */
import type { CaseStatus, CheckResult, ClauseRef, Exchange, FactRef, ReceivedResponse, SentRequest, Step, StreamRule } from "./model.js";
import type { CheckDefinition, CheckOutcome, ValidatorLookup } from "./checks/types.js";
import { describeCall, show } from "./checks/types.js";
import { evaluateAssertion } from "./assertions.js";
import { queryFirst } from "./jsonpath.js";
import { isOperandRef } from "./load.js";
import { expandValue, type TemplateScope } from "./template.js";
import { findRule, pointerPresent, schemaFindings, statusMatches, type ResponseSchemaRule } from "./synthetic.js";

/** A run fact (model.ts FactRef) as established by its case: whether it holds, and what says so. */
export interface Fact {
  holds: boolean;
  /** The establishing case, and why the fact does not hold (its first failure, or its status). */
  reason: string;
}

export interface JudgeContext {
  /** The case's clauses: the default of every check that names none (a step's `clauses` replace them). */
  caseClauses: string[];
  scope: TemplateScope;
  /** Earlier steps of the case, by name. */
  steps: Record<string, Exchange>;
  getValidator: ValidatorLookup;
  checks: Map<string, CheckDefinition>;
  responseSchemas: ResponseSchemaRule[];
  apiKey?: string;
  /** The path of the base URL (e.g. "/v1"), so that response-schemas.yaml matches relative paths. */
  basePath?: string;
  /** The clause that a JSON body which does not parse violates (response-schemas.yaml `json.clause`). */
  notJsonClause?: string;
  /** The run's facts, by name (cases that `establish` them ran first). */
  facts?: ReadonlyMap<string, Fact>;
}

/**
 * Undefined when a comparison that assumes `ref` may be judged (no assumption, or one of the facts holds);
 * else why not, for the inconclusive result.
 */
export function unmetAssumption(ref: FactRef | undefined, facts: ReadonlyMap<string, Fact> | undefined): string | undefined {
  if (ref === undefined) return undefined;
  const names = Array.isArray(ref) ? ref : [ref];
  const known = names.map((n) => facts?.get(n)).filter((f): f is Fact => f !== undefined);
  if (known.some((f) => f.holds)) return undefined;
  if (known.length === 0) return `server not shown to reproduce its output: ${names.join(" or ")} was not established in this run`;
  return `server not reproducible: ${known.map((f) => f.reason).join("; ")}`;
}

export interface StepJudgement {
  results: CheckResult[];
  captures: Record<string, unknown>;
}

export const DEFAULT_TERMINATOR = "[DONE]";

export function terminatorOf(step: Step): string | null {
  const t = step.expect?.stream?.terminator;
  if (t === undefined) return DEFAULT_TERMINATOR;
  if (t === null || typeof t === "string") return t;
  return t.data === undefined ? DEFAULT_TERMINATOR : t.data;
}

/** What paths address: the JSON body, or for a stream the event payloads (terminator excluded). */
export function documentOf(response: ReceivedResponse | undefined, terminator: string | null = DEFAULT_TERMINATOR): unknown {
  if (!response) return undefined;
  if (response.events) return response.events.filter((e) => e.data !== terminator).map((e) => (e.json !== undefined ? e.json : e.data));
  return response.json;
}

/** Clauses a check judges; `named` when the check names them itself rather than taking the step's. */
type Clauses = string[] & { named?: true };
const toList = (ref: ClauseRef | undefined): string[] | undefined => (ref === undefined ? undefined : Array.isArray(ref) ? ref : [ref]);
const ruleClause = (rule: StreamRule | undefined): ClauseRef | undefined => (typeof rule === "object" ? rule.clause : undefined);

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

export function judgeStep(step: Step, exchange: { request: SentRequest; response: ReceivedResponse }, ctx: JudgeContext): StepJudgement {
  const { request, response } = exchange;
  const defaults = step.clauses ?? ctx.caseClauses;
  // A check that names its clause states a requirement of that clause; one that names none judges the
  // step's clauses by default. The difference matters in a precondition step (runner.ts).
  const clausesOf = (ref?: ClauseRef): Clauses => {
    const named = toList(ref);
    return named ? Object.assign([...named], { named: true as const }) : defaults;
  };
  const e = step.expect ?? {};
  const results: CheckResult[] = [];
  const add = (kind: string, clauses: Clauses, passed: boolean, description: string, extra: Partial<CheckResult> = {}) =>
    results.push({ kind, step: step.name, clauses: [...clauses], passed, description, ...(clauses.named ? { named: true as const } : {}), ...extra });
  const isStream = response.events !== undefined;
  const terminator = terminatorOf(step);
  const doc = documentOf(response, terminator);
  const path = request.url.replace(/^[a-z]+:\/\/[^/]+/i, "");
  const relPath = relativePath(path, ctx.basePath);

  // status. A wrong status means a different kind of answer: expectations on the body would only repeat
  // the failure under other clauses, so they are not judged (the synthetic check judges what did come).
  let bodyJudged = true;
  if (e.status !== undefined) {
    const spec = typeof e.status === "object" && !Array.isArray(e.status) ? e.status : { in: e.status, clause: undefined };
    const wanted = Array.isArray(spec.in) ? spec.in : [spec.in];
    const ok = wanted.some((w) => statusMatches(response.status, w));
    bodyJudged = ok;
    const skipped = (e.schema ? 1 : 0) + (e.stream ? 1 : 0) + (e.assert ?? []).filter((a) => a.path !== undefined).length + (e.checks ?? []).length;
    // An invalid request that was accepted: the answer to it is not one the clauses of answers judge.
    const acceptedInvalid = !ok && response.status >= 200 && response.status < 300 && wanted.every((w) => !statusMatches(200, w) && !statusMatches(response.status, w) && /^[45]/.test(String(w)));
    add("status", clausesOf(spec.clause), ok, `status ${wanted.join(" or ")}`, ok ? {} : { expected: wanted.join(" or "), got: statusLine(response), ...(skipped > 0 ? { message: `${skipped} expectation(s) on the body were not judged` } : {}), ...(acceptedInvalid ? { blocksStep: true as const } : {}) });
  }

  // A body meant as JSON that does not parse is one violation, of one clause: the rest of the body's
  // expectations cannot be judged, and the synthetic check would only repeat it.
  const rule = findRule(ctx.responseSchemas, { method: request.method, path: relPath, status: response.status, stream: isStream });
  const meantAsJson = !isStream && response.json === undefined && response.bodyText.trim() !== "" && (mediaType(response.headers["content-type"]) === "application/json" || rule !== undefined);
  const notJson = meantAsJson && ctx.notJsonClause !== undefined;
  if (notJson) {
    bodyJudged = false;
    add("json", [ctx.notJsonClause!], false, "the body is one JSON text", { expected: "a JSON body (RFC 8259)", got: bodyNotJson(response) });
  }

  // headers shorthand
  for (const [name, want] of Object.entries(e.headers ?? {})) {
    const value = response.headers[name.toLowerCase()];
    let ok: boolean;
    let expected: string;
    if (want === true) [ok, expected] = [value !== undefined, `header ${name} present`];
    else if (want === false) [ok, expected] = [value === undefined, `header ${name} absent`];
    else [ok, expected] = [value !== undefined && new RegExp(want).test(value), `header ${name} matching /${want}/`];
    add("header", defaults, ok, expected, ok ? {} : { expected, got: value === undefined ? "absent" : `${name}: ${value}` });
  }

  // explicit schema, then the synthetic one
  const explicit = isStream
    ? (e.stream?.eventSchema === undefined ? undefined : typeof e.stream.eventSchema === "string" ? { name: e.stream.eventSchema } : e.stream.eventSchema)
    : (e.schema === undefined ? undefined : typeof e.schema === "string" ? { name: e.schema } : e.schema);
  if (explicit && bodyJudged) {
    const clauses = clausesOf(explicit.clause ?? (isStream ? e.stream?.clause : undefined));
    // The precise clauses of response-schemas.yaml apply here too; errors elsewhere judge the step's clauses.
    // An error the map does not place judges the schema's own clause there, else the step's clauses.
    const rule = ctx.responseSchemas.find((r) => r.schema === explicit.name);
    const own = toList(explicit.clause) ?? (rule ? [rule.clause] : clauses);
    schemaResults(explicit.name, "", rule?.pointers ?? {}, isStream ? "stream-event-schema" : "schema").forEach((r) => add(r.kind, r.clause ? [r.clause] : r.passed ? [...new Set([...own, ...clauses])] : own, r.passed, r.description, r.extra));
  } else if (!explicit && !e.noSynthetic && !notJson) {
    if (rule) {
      // A valid body is evidence for the clause of a pointer only where the body has something there.
      const docs = isStream ? (response.events ?? []).map((ev) => ev.json) : [response.json];
      const judged = Object.entries(rule.pointers ?? {}).filter(([pattern]) => docs.some((d) => pointerPresent(d, pattern))).map(([, clause]) => clause);
      const all = [...new Set([rule.clause, ...judged])];
      for (const r of schemaResults(rule.schema, rule.clause, rule.pointers ?? {}, "synthetic-schema")) add(r.kind, r.clause ? [r.clause] : all, r.passed, r.description, r.extra);
    }
  }

  function schemaResults(name: string, main: string, pointers: Record<string, string>, kind: string) {
    const out: { kind: string; clause?: string; passed: boolean; description: string; extra: Partial<CheckResult> }[] = [];
    let validate;
    try {
      validate = ctx.getValidator(name);
    } catch {
      return out; // the schema is not available (checked at start-up for the suite's own schemas)
    }
    const description = isStream ? `every event valid against schema ${name}` : `body valid against schema ${name}`;
    if (!isStream && response.json === undefined) {
      out.push({ kind, clause: main, passed: false, description, extra: { expected: `a JSON body (schema ${name})`, got: bodyNotJson(response) } });
      return out;
    }
    const docs = isStream
      ? (response.events ?? []).filter((ev) => ev.data !== terminator).map((ev, i) => ({ doc: ev.json, prefix: `event ${i + 1}: `, raw: ev }))
      : [{ doc: response.json, prefix: "" }];
    const notJson = docs.find((d) => d.doc === undefined);
    if (notJson) {
      out.push({ kind, clause: main, passed: false, description, extra: { expected: "every event's data is JSON", got: `${notJson.prefix}${show((notJson as { raw?: { data: string } }).raw?.data, 120)}` } });
      return out;
    }
    const findings = schemaFindings(validate, docs, main, pointers);
    if (findings.length === 0) out.push({ kind, passed: true, description, extra: {} });
    for (const f of findings) {
      const got = f.errors.slice(0, 3).map((x) => `${x.pointer || "/"}: ${x.message}`).join("; ") + (f.errors.length > 3 ? ` (+${f.errors.length - 3} more)` : "");
      out.push({ kind, clause: f.clause, passed: false, description, extra: { expected: `valid against ${name}`, got } });
    }
    return out;
  }

  // stream rules
  if (e.stream && bodyJudged) {
    const s = e.stream;
    const streamClauses = (rule?: ClauseRef) => clausesOf(rule ?? s.clause);
    if (s.contentType !== false) {
      const ct = response.headers["content-type"];
      const ok = mediaType(ct) === "text/event-stream";
      add("stream:contentType", streamClauses(ruleClause(s.contentType)), ok, "Content-Type text/event-stream", ok ? {} : { expected: "text/event-stream", got: ct ?? "absent" });
    }
    if (!isStream) {
      add("stream:events", streamClauses(), false, "the body is an event stream", { expected: "an event stream", got: `${statusLine(response)}, ${response.headers["content-type"] ?? "no Content-Type"}: ${show(response.bodyText, 120)}` });
    } else {
      const tRule = typeof s.terminator === "object" && s.terminator !== null ? s.terminator.clause : undefined;
      if (terminator !== null) {
        const events = response.events!;
        const at = events.findIndex((ev) => ev.data === terminator);
        const trailing = (response.unterminated ?? "").trim();
        let problem: string | undefined;
        if (at === -1) problem = events.length === 0 ? "no events" : `last event: ${show(events[events.length - 1].data, 120)}`;
        else if (at !== events.length - 1) problem = `${events.length - 1 - at} event(s) after it, first: ${show(events[at + 1].data, 120)}`;
        else if (trailing) problem = `text after it: ${show(trailing, 120)}`;
        add("stream:terminator", streamClauses(tRule), !problem, `stream ends with data: ${terminator}`, problem ? { expected: `data: ${terminator} as the last event`, got: problem } : {});
      }
      for (const rule of ["sameIdAcrossChunks", "oneFinishPerChoice"] as const) {
        const r = s[rule];
        if (!r) continue;
        runCheck(rule, {}, streamClauses(ruleClause(r)), `stream:${rule}`);
      }
    }
  }

  // assertions
  for (const a of e.assert ?? []) {
    if (!bodyJudged && a.path !== undefined) continue;
    const unmet = unmetAssumption(a.assumes, ctx.facts);
    if (unmet !== undefined) {
      add("assert", clausesOf(a.clause), false, a.path ?? `header ${a.header}`, { inconclusive: unmet });
      continue;
    }
    let outcome;
    try {
      outcome = evaluateAssertion(a, doc, response.headers, (operand) => resolveOperand(operand, doc, ctx, terminator));
    } catch (err) {
      outcome = { passed: false, description: a.path ?? `header ${a.header}`, message: (err as Error).message };
    }
    if (!outcome.passed && a.path !== undefined && !isStream && response.json === undefined) outcome.message ??= `the body is not JSON (${bodyNotJson(response)})`;
    add("assert", clausesOf(a.clause), outcome.passed, outcome.description, outcome.passed ? (outcome.vacuous ? { vacuous: true } : {}) : { expected: outcome.expected, got: outcome.got, message: outcome.message });
  }

  // named checks
  for (const call of e.checks ?? []) {
    if (!bodyJudged) break;
    let args: Record<string, unknown>;
    try {
      args = expandValue(call.args ?? {}, ctx.scope) as Record<string, unknown>;
    } catch (err) {
      add(`check:${call.name}`, clausesOf(call.clause), false, call.name, { message: (err as Error).message });
      continue;
    }
    runCheck(call.name, args, clausesOf(call.clause), `check:${call.name}`, call.message, call.assumes);
  }

  function runCheck(name: string, args: Record<string, unknown>, clauses: string[], kind: string, message?: string, assumes?: FactRef) {
    const def = ctx.checks.get(name);
    const description = def ? describeCall(def.description, args) : name;
    const notComparable = unmetAssumption(assumes, ctx.facts);
    // A whole comparison is not made at all without its fact: a match by chance would be no evidence either.
    if (notComparable !== undefined && def?.comparative !== "partly") return add(kind, clauses, false, description, { inconclusive: notComparable });
    let outcome: CheckOutcome;
    if (!def) outcome = { passed: false, message: `no check function named ${name}` };
    else {
      try {
        outcome = def.run(args, { request, response, document: doc, steps: ctx.steps, variables: ctx.scope.variables, getValidator: ctx.getValidator, apiKey: ctx.apiKey, notComparable });
      } catch (err) {
        outcome = { passed: false, message: `check ${name} could not judge the response: ${(err as Error).message}` };
      }
    }
    if (outcome.inconclusive !== undefined) return add(kind, clauses, false, description, { inconclusive: outcome.inconclusive });
    add(kind, clauses, outcome.passed, description, outcome.passed ? (outcome.vacuous ? { vacuous: true, ...(outcome.message ? { message: outcome.message } : {}) } : {}) : { expected: outcome.expected, got: outcome.got, message: message ? `${message}${outcome.message ? ` (${outcome.message})` : ""}` : outcome.message });
  }

  // captures
  const captures: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(step.capture ?? {})) {
    if (!bodyJudged) break;
    const found = queryFirst(doc, p);
    if (found.found) captures[name] = found.value;
    else add("capture", defaults, false, `capture ${name} from ${p}`, { expected: `${p} present`, got: "matched nothing" });
  }
  return { results, captures };
}

function resolveOperand(operand: unknown, doc: unknown, ctx: JudgeContext, terminator: string | null): unknown {
  if (isOperandRef(operand)) {
    if (operand.step !== undefined) {
      const ex = ctx.steps[operand.step];
      return queryFirst(documentOf(ex?.response, terminator), operand.path).value;
    }
    return queryFirst(doc, operand.path).value;
  }
  return expandValue(operand, ctx.scope);
}

function relativePath(path: string, basePath: string | undefined): string {
  if (basePath && path.startsWith(basePath)) return path.slice(basePath.length) || "/";
  return path;
}

export const statusLine = (r: ReceivedResponse) => `status ${r.status}`;

function bodyNotJson(r: ReceivedResponse): string {
  return `${r.headers["content-type"] ?? "no Content-Type"}, body ${show(r.bodyText.slice(0, 200), 120)}${r.jsonError ? ` (${r.jsonError})` : ""}`;
}

/** A check that failed (not one that could not judge). */
export const isFailure = (r: CheckResult) => !r.passed && r.inconclusive === undefined;

/** The case status from its check results: fail if any check failed, inconclusive if one could not judge. */
export function statusFromResults(results: CheckResult[]): CaseStatus {
  return results.some(isFailure) ? "fail" : results.some((r) => r.inconclusive !== undefined) ? "inconclusive" : "pass";
}
