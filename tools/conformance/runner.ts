/**
 * Runs cases against a server: builds each step's request from its template, sends it through the HTTP
 * edge, hands the exchange to the pure judge, and turns the outcome into a case result with redacted
 * evidence. Cases run concurrently (a small worker pool); steps of one case run in order.
 */
import { packageVersion } from "../util/paths.js";
import type { Case, CaseResult, CaseStatus, CheckResult, Evidence, Exchange, ReceivedResponse, SentRequest, Step } from "./model.js";
import type { CheckDefinition, ValidatorLookup } from "./checks/types.js";
import { sendRequest, type OutgoingRequest } from "../http/client.js";
import { judgeStep } from "./judge.js";
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
  /** Sees every request as sent (the benchmark replays them with bare fetch). */
  onRequest?: (caseId: string, request: OutgoingRequest) => void;
}

export const DEFAULTS = { concurrency: 4, timeoutMs: 30_000, deadlineMs: 600_000, maxBodyBytes: 8 * 1024 * 1024 };
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
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i];
      results[i] = deadline.signal.aborted
        ? finish(c, "error", [], [], 0, redact, "the run's deadline passed before the case started")
        : await runCase(c, config, deadline.signal, redact);
      config.onCaseDone?.(results[i], ++done, cases.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(config.concurrency, cases.length)) }, worker));
  } finally {
    clearTimeout(deadlineTimer);
  }
  return results;
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

export async function runCase(c: Case, runConfig: RunConfig, signal: AbortSignal, redact: Redactor = makeRedactor([runConfig.apiKey, ...(runConfig.secrets ?? [])])): Promise<CaseResult> {
  const started = performance.now();
  const config = c.requires.includes("noApiKey") && runConfig.apiKey && runConfig.keyless
    ? { ...runConfig, baseUrl: runConfig.keyless.baseUrl, apiKey: undefined, keyless: undefined }
    : runConfig;
  const elapsed = () => performance.now() - started;
  const unmet = requirementOutcome(c, config);
  if (unmet) return finish(c, unmet.status, [], [], 0, redact, unmet.reason);

  const variables: Record<string, unknown> = { model: config.model, embeddingModel: config.embeddingModel };
  const scope: TemplateScope = { variables, secrets: { apiKey: config.apiKey } };
  const steps: Record<string, Exchange> = {};
  const checks: CheckResult[] = [];
  const evidence: Evidence[] = [];
  const basePath = new URL(config.baseUrl).pathname.replace(/\/$/, "");

  for (const step of c.steps) {
    let outgoing: { wire: OutgoingRequest; sent: SentRequest };
    try {
      outgoing = buildRequest(step, config, scope);
    } catch (err) {
      if (err instanceof TemplateError) return finish(c, "error", checks, evidence, elapsed(), redact, `step ${step.name}: ${err.message}`);
      throw err;
    }
    config.onRequest?.(c.id, outgoing.wire);
    const outcome = await sendRequest(outgoing.wire, {
      timeoutMs: c.timeoutMs ?? config.timeoutMs,
      maxBodyBytes: config.maxBodyBytes,
      expectStream: step.expect?.stream !== undefined,
      stream: step.expect?.stream,
      signal,
    });
    if (outcome.error) {
      evidence.push(evidenceOf(step.name, outgoing.sent, undefined, redact, `${outcome.error.kind}: ${outcome.error.message}`));
      return finish(c, "error", checks, evidence, elapsed(), redact, `step ${step.name}: ${outcome.error.kind}: ${outcome.error.message}`);
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
    });
    steps[step.name] = exchange;
    Object.assign(variables, judged.captures);
    const failed = judged.results.some((r) => !r.passed);
    if (failed && step.precondition) {
      evidence.push(evidenceOf(step.name, outgoing.sent, outcome.response, redact));
      const why = judged.results.find((r) => !r.passed)!;
      return finish(c, "precondition-failed", checks, evidence, elapsed(), redact, `precondition step ${step.name}: ${why.description}${why.got ? ` (got ${why.got})` : ""}`);
    }
    checks.push(...judged.results);
    if (failed) {
      evidence.push(evidenceOf(step.name, outgoing.sent, outcome.response, redact));
      return finish(c, "fail", checks, evidence, elapsed(), redact);
    }
  }
  return finish(c, "pass", checks, [], elapsed(), redact);
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

function finish(c: Case, status: CaseStatus, checks: CheckResult[], evidence: Evidence[], durationMs: number, redact: Redactor, reason?: string): CaseResult {
  const clean = checks.map((r) => ({
    ...r,
    description: redact(r.description),
    ...(r.expected !== undefined ? { expected: redact(r.expected) } : {}),
    ...(r.got !== undefined ? { got: redact(r.got) } : {}),
    ...(r.message !== undefined ? { message: redact(r.message) } : {}),
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
    durationMs: Math.round(durationMs),
    source: c.source,
  };
}

/**
 * One GET /models before the run: whether the target answers at all (`unreachable` says why not), the
 * `LIS-Version` header it answers with (how a server without discovery announces its version), and who it
 * is for the report: its `Server` header and the model ids it lists.
 */
export async function preflight(config: Pick<RunConfig, "baseUrl" | "apiKey" | "timeoutMs" | "headers" | "secrets">): Promise<{ unreachable?: string; lisVersion?: string; server?: string; models?: string[] }> {
  const headers: Record<string, string> = { "user-agent": USER_AGENT, ...config.headers };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  const outcome = await sendRequest({ method: "GET", url: `${config.baseUrl.replace(/\/+$/, "")}/models`, headers }, { timeoutMs: Math.min(config.timeoutMs, 10_000), maxBodyBytes: 8 * 1024 * 1024 });
  if (outcome.error) return { unreachable: `${outcome.error.kind}: ${makeRedactor([config.apiKey, ...(config.secrets ?? [])])(outcome.error.message)}` };
  const { headers: answered, json } = outcome.response;
  return { lisVersion: answered["lis-version"], server: answered.server, models: modelIds(json) };
}

/** The ids of a model list (`{"data": [{"id"}]}`), at most 100; undefined when the body is not one. */
export function modelIds(json: unknown): string[] | undefined {
  const data = (json as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(data)) return undefined;
  return data.map((m) => (m as { id?: unknown })?.id).filter((id): id is string => typeof id === "string").slice(0, 100);
}

