/**
 * Runs cases against a server: builds each step's request from its template, sends it through the HTTP
 * edge, hands the exchange to the pure judge, and turns the outcome into a case result with redacted
 * evidence. Cases run concurrently (a small worker pool); steps of one case run in order.
 */
import { packageVersion } from "../util/paths.js";
import type { Case, CaseResult, CaseStatus, CheckResult, Evidence, Exchange, ReceivedResponse, SentRequest, Step, TransportError } from "./model.js";
import type { CheckDefinition, ValidatorLookup } from "./checks/types.js";
import { sendRequest, type OutgoingRequest } from "../http/client.js";
import type { TargetHealth } from "./health.js";
import { isFailure, judgeStep, statusFromResults, type Fact } from "./judge.js";
import { makeRedactor, redactHeaders, type Redactor } from "../http/redact.js";
import type { ResponseSchemaRule } from "./synthetic.js";
import { expandJsonBody, expandPath, expandString, expandValue, TemplateError, type TemplateScope } from "./template.js";

export interface RunConfig {
  baseUrl: string;
  model: string;
  embeddingModel: string;
  apiKey?: string;
  /** Sent on every request (`--header`), unless a case sets the same header. */
  headers?: Record<string, string>;
  /** Values to redact besides the API key (headers that look like secrets). */
  secrets?: string[];
  profiles: string[];
  concurrency: number;
  timeoutMs: number;
  /** The whole run's deadline, from its start. */
  deadlineMs: number;
  maxBodyBytes: number;
  getValidator: ValidatorLookup;
  checks: Map<string, CheckDefinition>;
  responseSchemas: ResponseSchemaRule[];
  notJsonClause?: string;
  onCaseDone?: (result: CaseResult, done: number, total: number) => void;
  /**
   * A second target that requires no API key (the embedded run starts one), so that cases which apply only
   * to keyless servers (`requires: [noApiKey]`) run there instead of ending as precondition-failed.
   */
  keyless?: { baseUrl: string };
  /** Where the cases of the embeddings profile go, when a separate server embeds (llama.cpp needs one). */
  embeddingBaseUrl?: string;
  /** Sees every request as sent (the benchmark replays them with bare fetch). */
  onRequest?: (caseId: string, request: OutgoingRequest) => void;
  /** The deepest nesting of a JSON response accepted (--max-depth). */
  maxDepth?: number;
  /**
   * Ends the run early (Ctrl-C): in-flight requests are abandoned and cases not yet judged end as `error`,
   * marked unfinished; a TransportError as the abort reason ({ kind: "aborted", message }) says why.
   */
  signal?: AbortSignal;
  /**
   * The watch on each target, by base URL (health.ts): every request is recorded as sent and as settled.
   * Once a target is down, nothing more is sent to it and its cases not yet judged end as for `signal`,
   * with the reason "target down"; the cases of another target (the embeddings server) go on.
   */
  health?: (baseUrl: string) => TargetHealth | undefined;
  /** Whether a POST whose kept-alive connection turned out closed may be sent again (client.ts); never once its target is down. */
  mayResend?: (baseUrl: string) => Promise<boolean>;
}

export const DEFAULTS = { concurrency: 4, timeoutMs: 30_000, deadlineMs: 600_000, maxBodyBytes: 8 * 1024 * 1024, maxDepth: 64, maxStreamEvents: 1000 };
const EVIDENCE_BODY_CHARS = 1500;
/** How the runner names itself on every request (discovery.ts too). */
export const USER_AGENT = `lis-conformance/${packageVersion}`;

export async function runCases(cases: Case[], runConfig: RunConfig): Promise<CaseResult[]> {
  // Every response looks its schema up: once per name and run is enough (a lookup may touch the disk).
  const validators = new Map<string, ReturnType<ValidatorLookup>>();
  const getValidator: ValidatorLookup = (name) => {
    let v = validators.get(name);
    if (!v) validators.set(name, (v = runConfig.getValidator(name)));
    return v;
  };
  const config = { ...runConfig, getValidator };
  const redact = makeRedactor([config.apiKey, ...(config.secrets ?? [])]);
  const deadline = new AbortController();
  const deadlineTimer = setTimeout(() => deadline.abort(), config.deadlineMs);
  const stop = AbortSignal.any([deadline.signal, ...(config.signal ? [config.signal] : [])]);
  // Per target: a signal that also stops when that target is down.
  const downs = new Map<string, AbortController>();
  const stopFor = (baseUrl: string): Target => {
    const health = config.health?.(baseUrl);
    if (!health) return { signal: stop };
    let down = downs.get(baseUrl);
    if (!down) downs.set(baseUrl, (down = new AbortController()));
    const signal = AbortSignal.any([stop, down.signal]);
    return { signal, health, stopIfDown: () => void (health.down && !down.signal.aborted && down.abort({ kind: "aborted", message: "target down" })) };
  };
  const results: CaseResult[] = new Array(cases.length);
  const facts = new Map<string, Fact>();
  let done = 0;
  const pool = async (indexes: number[], concurrency: number) => {
    let next = 0;
    const worker = async () => {
      while (next < indexes.length) {
        const i = indexes[next++];
        const c = cases[i];
        const target = stopFor(targetOf(c, config).baseUrl);
        results[i] = target.signal.aborted ? unfinished(c, [], [], 0, redact, target.signal, "before the case started") : await runCase(c, config, target, redact, facts);
        config.onCaseDone?.(results[i], ++done, cases.length);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, indexes.length)) }, worker));
  };
  // Comparing two responses is valid only where the server reproduces its output, and batched inference
  // is not reproducible across batch compositions (chat.md, CHAT-020). So the cases that establish that
  // fact run first and the cases that compare run last, each alone: nothing else is in flight. Cases that
  // give themselves a longer timeout than the run's (2,048 inputs to embed) run alone at the end too, so
  // that a slow request never starves the ordinary ones of their timeout, nor they it.
  const { establishing, comparing, rest } = phases(cases, config.timeoutMs);
  try {
    await pool(establishing, 1);
    for (const i of establishing) facts.set(cases[i].establishes!, factOf(results[i]));
    await pool(rest, config.concurrency);
    await pool(comparing, 1);
  } finally {
    clearTimeout(deadlineTimer);
  }
  return results;
}

/**
 * Indexes of the cases that establish a fact; of those that must run alone (they compare responses, or
 * allow themselves more time than the run's timeout); and of the rest.
 */
export function phases(cases: Case[], timeoutMs = DEFAULTS.timeoutMs): { establishing: number[]; comparing: number[]; rest: number[] } {
  const out = { establishing: [] as number[], comparing: [] as number[], rest: [] as number[] };
  const alone = (c: Case) => assumedFacts(c).size > 0 || (c.timeoutMs !== undefined && c.timeoutMs > timeoutMs);
  cases.forEach((c, i) => (c.establishes ? out.establishing : alone(c) ? out.comparing : out.rest).push(i));
  return out;
}

/** The facts that a case's checks and assertions assume. */
export function assumedFacts(c: Case): Set<string> {
  const out = new Set<string>();
  for (const s of c.steps) {
    for (const x of [...(s.expect?.assert ?? []), ...(s.expect?.checks ?? [])]) {
      for (const f of x.assumes === undefined ? [] : Array.isArray(x.assumes) ? x.assumes : [x.assumes]) out.add(f);
    }
  }
  return out;
}

/** A fact holds when its case passed; otherwise the case's first failure (or its status) says why not. */
function factOf(r: CaseResult): Fact {
  if (r.status === "pass") return { holds: true, reason: `case ${r.id} passed` };
  const first = r.checks.find(isFailure);
  const why = first ? `${first.message ?? first.description}${first.got !== undefined ? ` (got ${first.got})` : ""}` : r.reason ?? r.status;
  return { holds: false, reason: `case ${r.id} ${r.status}: ${why}` };
}

/** Whether the case's requirements hold for this run; a status and reason when not. */
export function requirementOutcome(c: Case, config: Pick<RunConfig, "apiKey" | "profiles" | "keyless">): { status: CaseStatus; reason: string } | undefined {
  for (const r of c.requires) {
    if (r === "apiKey" && !config.apiKey) return { status: "precondition-failed", reason: "needs an API key (the server is taken not to require authentication)" };
    if (r === "noApiKey" && config.apiKey && !config.keyless) return { status: "precondition-failed", reason: "applies only to servers that do not require an API key" };
    if (r.startsWith("profile:") && !config.profiles.includes(r.slice(8))) return { status: "skip", reason: `needs profile ${r.slice(8)}, which is not selected` };
  }
  return undefined;
}

/** The run's config as one case sees it: its target (the keyless twin, the embeddings server) and key. */
function targetOf(c: Case, runConfig: RunConfig): RunConfig {
  return c.requires.includes("noApiKey") && runConfig.apiKey && runConfig.keyless
    ? { ...runConfig, baseUrl: runConfig.keyless.baseUrl, apiKey: undefined, keyless: undefined }
    : c.profile === "embeddings" && runConfig.embeddingBaseUrl
      ? { ...runConfig, baseUrl: runConfig.embeddingBaseUrl }
      : runConfig;
}

/** What stops a case's requests: the run's signal and its target's, and the target's watch. */
interface Target {
  signal: AbortSignal;
  health?: TargetHealth;
  stopIfDown?: () => void;
}

async function runCase(c: Case, runConfig: RunConfig, target: Target, redact: Redactor, facts?: ReadonlyMap<string, Fact>): Promise<CaseResult> {
  const started = performance.now();
  const config = targetOf(c, runConfig);
  const { signal, health } = target;
  const elapsed = () => performance.now() - started;
  const unmet = requirementOutcome(c, config);
  if (unmet) return finish(c, unmet.status, [], [], 0, redact, unmet.reason);

  const variables: Record<string, unknown> = { model: config.model, embeddingModel: config.embeddingModel };
  const scope: TemplateScope = { variables, secrets: { apiKey: config.apiKey } };
  const steps: Record<string, Exchange> = {};
  const checks: CheckResult[] = [];
  const evidence: Evidence[] = [];
  const basePath = new URL(config.baseUrl).pathname.replace(/\/$/, "");

  // A failed step ends only the steps that read it (its captures, its response); independent steps are
  // still sent, so that one failure hides no other probe. Each step not sent is reported with the reason.
  const notSent: { step: string; reason: string }[] = [];
  const broken = new Map<string, string>();
  const status = () => statusFromResults(checks);
  for (const [si, step] of c.steps.entries()) {
    if (signal.aborted) return unfinished(c, checks, evidence, elapsed(), redact, signal, `before step ${step.name}`);
    const blocker = (c.dependsOn?.[step.name] ?? []).find((name) => broken.has(name));
    if (blocker !== undefined) {
      const why = `reads step ${blocker}, which ${broken.get(blocker)}`;
      notSent.push({ step: step.name, reason: why });
      broken.set(step.name, "was not sent");
      continue;
    }
    let outgoing: { wire: OutgoingRequest; sent: SentRequest };
    try {
      outgoing = buildRequest(step, config, scope);
    } catch (err) {
      if (err instanceof TemplateError) return finish(c, "error", checks, evidence, elapsed(), redact, `step ${step.name}: ${err.message}`, [...notSent, ...unsent(c, si + 1, `step ${step.name} could not be built`)]);
      throw err;
    }
    config.onRequest?.(c.id, outgoing.wire);
    const sent = outgoing.sent;
    const token = health?.sent({ caseId: c.id, step: step.name, describe: () => evidenceOf(step.name, sent, undefined, redact).request }, performance.now());
    const outcome = await sendRequest(outgoing.wire, {
      timeoutMs: c.timeoutMs ?? config.timeoutMs,
      maxBodyBytes: config.maxBodyBytes,
      maxDepth: config.maxDepth,
      expectStream: step.expect?.stream !== undefined,
      stream: { ...step.expect?.stream, maxEvents: step.expect?.stream?.maxEvents ?? DEFAULTS.maxStreamEvents },
      signal,
      mayResend: config.mayResend && (async () => !health?.down && (await config.mayResend!(config.baseUrl))),
    });
    if (token !== undefined) {
      health!.settled(token, outcome.error, performance.now());
      target.stopIfDown?.();
    }
    if (outcome.error?.kind === "aborted" || outcome.error?.kind === "deadline") return unfinished(c, checks, evidence, elapsed(), redact, signal, `during step ${step.name}`);
    if (outcome.error) {
      evidence.push(evidenceOf(step.name, outgoing.sent, undefined, redact, `${outcome.error.kind}: ${outcome.error.message}`));
      return finish(c, "error", checks, evidence, elapsed(), redact, `step ${step.name}: ${outcome.error.kind}: ${outcome.error.message}`, [...notSent, ...unsent(c, si + 1, `the case ended in error at step ${step.name}`)]);
    }
    const exchange = { step: step.name, request: outgoing.sent, response: outcome.response };
    const judged = judgeStep(step, exchange, {
      caseClauses: c.clauses,
      scope,
      steps,
      getValidator: config.getValidator,
      checks: config.checks,
      responseSchemas: config.responseSchemas,
      apiKey: config.apiKey,
      basePath,
      notJsonClause: config.notJsonClause,
      facts,
    });
    steps[step.name] = exchange;
    Object.assign(variables, judged.captures);
    const failed = judged.results.some(isFailure);
    if (failed && step.precondition) {
      evidence.push(evidenceOf(step.name, outgoing.sent, outcome.response, redact));
      const rest = unsent(c, si + 1, `precondition step ${step.name} does not hold`);
      const failures = judged.results.filter(isFailure);
      const condition = failures.find((r) => !r.named);
      if (condition) {
        // The condition itself does not hold: a capability the server declined, or nothing to judge.
        const kind = step.precondition === "evidence" ? "evidence" : "capability";
        const result = finish(c, "precondition-failed", checks, evidence, elapsed(), redact, `precondition step ${step.name}: ${condition.description}${condition.got ? ` (got ${condition.got})` : ""}`, [...notSent, ...rest]);
        return { ...result, precondition: { kind } };
      }
      // Every failure names its clause: a requirement was broken, and is charged to its clause here. The
      // case's other clauses could not be judged: blocked by it.
      checks.push(...failures);
      const blockedBy = [...new Set(failures.flatMap((r) => r.clauses))].sort();
      const result = finish(c, "fail", checks, evidence, elapsed(), redact, `precondition step ${step.name} failed (${blockedBy.join(", ")})`, [...notSent, ...rest]);
      return { ...result, precondition: { kind: step.precondition === "evidence" ? "evidence" : "capability", blockedBy } };
    }
    checks.push(...judged.results);
    if (failed) {
      evidence.push(evidenceOf(step.name, outgoing.sent, outcome.response, redact));
      broken.set(step.name, "failed");
    } else if (judged.results.some((r) => r.inconclusive !== undefined)) {
      evidence.push(evidenceOf(step.name, outgoing.sent, outcome.response, redact));
    }
  }
  return finish(c, status(), checks, status() === "pass" ? [] : evidence, elapsed(), redact, undefined, notSent);
}

/** The steps from `from` on, reported as not sent for one reason. */
function unsent(c: Case, from: number, reason: string): { step: string; reason: string }[] {
  return c.steps.slice(from).map((s) => ({ step: s.name, reason }));
}

function buildRequest(step: Step, config: RunConfig, scope: TemplateScope): { wire: OutgoingRequest; sent: SentRequest } {
  const r = step.request;
  const url = config.baseUrl.replace(/\/+$/, "") + expandPath(r.path, scope);
  const headers: Record<string, string> = { "user-agent": USER_AGENT, ...config.headers };
  let body: string | Uint8Array | undefined;
  let jsonBody: unknown;
  let jsonText: (() => string) | undefined;
  if (r.body !== undefined) {
    const expanded = expandJsonBody(r.body, scope);
    jsonBody = expanded.value;
    body = expanded.bytes;
    jsonText = expanded.text;
  } else if (r.rawBody !== undefined) {
    body = String(expandString(r.rawBody, scope, (s) => s)); // always text: a raw body is sent as written
  } else if (r.rawBodyBase64 !== undefined) body = new Uint8Array(Buffer.from(r.rawBodyBase64, "base64"));
  if (body !== undefined) headers["content-type"] = "application/json";
  if (config.apiKey && r.auth !== "none") headers.authorization = `Bearer ${config.apiKey}`;
  for (const [name, value] of Object.entries(r.headers ?? {})) {
    const lower = name.toLowerCase();
    if (value === null) delete headers[lower];
    else headers[lower] = String(expandValue(value, scope));
  }
  const sent: SentRequest = { method: r.method, url, headers, body: jsonBody };
  if (jsonText) {
    // The text of a JSON body is needed only for evidence, i.e. when a check fails: made when first read.
    let text: string | undefined;
    Object.defineProperty(sent, "bodyText", { enumerable: true, get: () => (text ??= jsonText()) });
  } else if (body !== undefined) sent.bodyText = typeof body === "string" ? body : `(${body.byteLength} bytes: ${Buffer.from(body).toString("base64").slice(0, 200)} base64)`;
  return { wire: { method: r.method, url, headers, body }, sent };
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text);

function evidenceOf(step: string, req: SentRequest, res: ReceivedResponse | undefined, redact: Redactor, note?: string): Evidence {
  const reqHeaders = redactHeaders(req.headers, redact);
  const request = [`${req.method} ${req.url}`, ...Object.entries(reqHeaders).map(([k, v]) => `${k}: ${v}`), "", clip(req.bodyText ?? "", EVIDENCE_BODY_CHARS)].join("\n").trimEnd();
  let response = note ?? "";
  if (res) {
    const headers = redactHeaders(res.headers, redact);
    response = [`HTTP ${res.status}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), "", clip(res.bodyText, EVIDENCE_BODY_CHARS)].join("\n").trimEnd();
  }
  return { step, request: redact(request), response: redact(response) };
}

/**
 * A case the run stopped before it was judged: `error`, marked unfinished, with the stop's reason (the
 * deadline, the target down, an interrupt) and when it came, so that reports can say it in one line.
 */
function unfinished(c: Case, checks: CheckResult[], evidence: Evidence[], durationMs: number, redact: Redactor, signal: AbortSignal, when: string): CaseResult {
  const reason = signal.reason as Partial<TransportError> | undefined;
  const why = typeof reason?.message === "string" && reason.kind === "aborted" ? reason.message : "the run's deadline passed";
  return { ...finish(c, "error", checks, evidence, durationMs, redact, `${why} ${when}`), unfinished: true };
}

function finish(c: Case, status: CaseStatus, checks: CheckResult[], evidence: Evidence[], durationMs: number, redact: Redactor, reason?: string, notSent: { step: string; reason: string }[] = []): CaseResult {
  const clean = checks.map((r) => ({
    ...r,
    description: redact(r.description),
    ...(r.expected !== undefined ? { expected: redact(r.expected) } : {}),
    ...(r.got !== undefined ? { got: redact(r.got) } : {}),
    ...(r.message !== undefined ? { message: redact(r.message) } : {}),
    ...(r.inconclusive !== undefined ? { inconclusive: redact(r.inconclusive) } : {}),
  }));
  return {
    id: c.id,
    title: c.title,
    profile: c.profile,
    clauses: c.clauses,
    status,
    ...(reason ? { reason: redact(reason) } : {}),
    checks: clean,
    evidence,
    ...(notSent.length > 0 ? { notSent } : {}),
    durationMs: Math.round(durationMs),
    source: c.source,
  };
}
