/**
 * `lis conformance` as a library call: load the cases, start the embedded reference server when no base URL
 * is given, pre-flight the target, run, judge, and return the report. The command (command.ts) parses
 * options and writes outputs; tests and the benchmark call this directly.
 */
import { randomBytes } from "node:crypto";
import { FIRST_VERSION, loadClauses, serverClauses, type ServerClause } from "../clauses/registry.js";
import { assertRequirementsCurrent, versionStatus } from "../codegen/requirements.js";
import { schemaNames, validatorByName } from "../validate/validators.js";
import { EXIT, LisError } from "../util/errors.js";
import { DEFAULT_SPEC_VERSION, packageVersion } from "../util/paths.js";
import { readBaseline, type Baseline } from "./baseline.js";
import { checkRegistry } from "./checks/index.js";
import type { Case, CaseResult } from "./model.js";
import { caseFiles, loadCases } from "./load.js";
import { loadCasesWithSnapshot, snapshotPath, suiteCaseFiles, suiteLoadContext } from "./snapshot.js";
import { reportOfRun, type ConformanceReport, type RunOutcome } from "./report.js";
import { assumedFacts, DEFAULTS, runCases, type RunConfig } from "./runner.js";
import { loadSyntheticConfig } from "./synthetic.js";
import { loadPrerequisites } from "./prerequisites.js";
import { clausesOfCase } from "./verdicts.js";
import { announcedVersions, selectDeclared } from "./discovery.js";
import { TargetHealth } from "./health.js";
import { answersAtAll, preflight } from "./preflight.js";
import { compareVersions, serverCeiling } from "./versions.js";
import { makeRedactor, redactDeep } from "../http/redact.js";

export const EMBEDDED_MODEL = "lis-tiny";

export interface ConformanceOptions {
  baseUrl?: string;
  /** Where the embeddings cases go, when another server embeds; default baseUrl. */
  embeddingBaseUrl?: string;
  model?: string;
  embeddingModel?: string;
  apiKey?: string;
  /** Sent on every request (gateways' own headers), unless a case sets the same header. */
  headers?: Record<string, string>;
  /** Values to redact from every result besides the API key (header values that look like secrets). */
  secrets?: string[];
  profiles?: string[];
  spec?: string;
  filter?: string;
  /** A case folder or file instead of conformance/<spec>/cases. */
  cases?: string;
  expect?: string;
  concurrency?: number;
  timeoutMs?: number;
  deadlineMs?: number;
  maxBodyBytes?: number;
  /** The deepest nesting of a JSON response accepted (default 64). */
  maxDepth?: number;
  /**
   * Ends the run early (the command aborts it on Ctrl-C): the report then holds what was judged, with run
   * status `interrupted`. A TransportError-shaped abort reason ({ kind: "aborted", message }) says why.
   */
  signal?: AbortSignal;
  /** Faults for the embedded server (the mutation self-test). */
  serverFaults?: string[];
  /** The cases about to run, once the target has been seen (progress displays). */
  onRunStart?: (cases: Case[]) => void;
  /** Variants for the embedded server (the variation self-test). */
  serverVariants?: string[];
  onCaseDone?: (result: CaseResult, done: number, total: number) => void;
  onRequest?: RunConfig["onRequest"];
  /** An already loaded suite (repeated runs in one process: the mutation self-test, the benchmark). */
  suite?: Suite;
  /**
   * Puts something in front of each embedded server (its URL and key) and tests that instead: `lis adapt`
   * in front of the reference server, with and without faults, must leave the verdicts as they are.
   */
  wrapEmbedded?: (url: string, apiKey: string | undefined) => Promise<{ url: string; close(): Promise<void> }>;
}

export interface Suite {
  spec: string;
  /** The clauses that bind servers; those of other conformance classes are never judged on the wire. */
  clauses: ServerClause[];
  cases: Case[];
  profiles: string[];
}

/** Profiles that the spec version's clauses name, core first. */
export function specProfiles(clauses: ServerClause[]): string[] {
  const found = [...new Set(clauses.filter((c) => !c.withdrawn).map((c) => c.profile))];
  return ["core", ...found.filter((p) => p !== "core")];
}

/** `*` any run of characters, `?` one; several globs separated by commas; a leading `!` excludes. */
export function globFilter(filter: string | undefined): (id: string) => boolean {
  if (!filter) return () => true;
  const toRegex = (g: string) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  const parts = filter.split(",").map((s) => s.trim()).filter(Boolean);
  const include = parts.filter((p) => !p.startsWith("!")).map(toRegex);
  const exclude = parts.filter((p) => p.startsWith("!")).map((p) => toRegex(p.slice(1)));
  return (id) => (include.length === 0 || include.some((r) => r.test(id))) && !exclude.some((r) => r.test(id));
}

/** Loads clauses and cases and checks them against each other; throws LisError (exit 2) on any problem. */
export function loadSuite(options: Pick<ConformanceOptions, "spec" | "cases" | "profiles">): Suite {
  const spec = options.spec ?? DEFAULT_SPEC_VERSION;
  const all = loadClauses(spec);
  // Judge only against the reviewed, committed requirement set of the version.
  assertRequirementsCurrent(spec, all);
  const clauses = serverClauses(all);
  const known = specProfiles(clauses);
  const context = suiteLoadContext(spec, clauses);
  // A version's own cases plus those of the versions it inherits from (versions.ts); from the build's
  // precompiled snapshot when it matches those files exactly (snapshot.ts). --cases always parses.
  const cases = options.cases !== undefined ? loadCases(caseFiles(options.cases), context) : loadCasesWithSnapshot(snapshotPath(spec), suiteCaseFiles(spec), context).cases;
  const requested = options.profiles && options.profiles.length > 0 ? options.profiles : known;
  const unknown = requested.filter((p) => !known.includes(p));
  const toolSide = unknown.filter((p) => all.some((c) => c.profile === p && c.class !== "server"));
  if (toolSide.length > 0) throw new LisError(`${toolSide.join(", ")}: a profile of tools, not of servers (its clauses bind tools such as lis bench, and no case tests them on a server); known server profiles: ${known.join(", ")}`, EXIT.USAGE);
  if (unknown.length > 0) throw new LisError(`unknown profile ${unknown.join(", ")} for spec ${spec}; known: ${known.join(", ")}`, EXIT.USAGE);
  // A profile builds on core (conventions.md, Profiles): claiming one claims core too.
  const profiles = known.filter((p) => p === "core" || requested.includes(p));
  checkFacts(cases);
  return { spec, clauses, cases, profiles };
}

/** Every fact a comparison assumes is established by exactly one case of the suite. */
function checkFacts(cases: Case[]): void {
  const by = new Map<string, Case[]>();
  for (const c of cases) if (c.establishes) by.set(c.establishes, [...(by.get(c.establishes) ?? []), c]);
  const problems: string[] = [];
  for (const [fact, list] of by) if (list.length > 1) problems.push(`fact ${fact} is established by ${list.length} cases (${list.map((c) => `${c.id} at ${c.source.file}:${c.source.line}`).join(", ")}); one case establishes a fact`);
  for (const c of cases) {
    for (const fact of assumedFacts(c)) if (!by.has(fact)) problems.push(`${c.source.file}:${c.source.line}: case ${c.id} assumes ${fact}, which no case establishes`);
  }
  if (problems.length > 0) throw new LisError(`run facts:\n  ${problems.join("\n  ")}`, EXIT.USAGE);
}

/**
 * The selected cases plus the cases that establish the facts they assume (a filtered run that keeps a
 * comparison keeps what makes it valid), in suite order.
 */
export function withEstablishing(selected: Case[], all: Case[]): Case[] {
  const needed = new Set(selected.flatMap((c) => [...assumedFacts(c)]));
  const keep = new Set(selected);
  for (const c of all) if (c.establishes && needed.has(c.establishes)) keep.add(c);
  return all.filter((c) => keep.has(c));
}

export async function runConformance(options: ConformanceOptions): Promise<{ report: ConformanceReport; suite: Suite; cases: Case[] }> {
  const suite = options.suite ?? loadSuite(options);
  const { rules: responseSchemas, notJsonClause } = loadSyntheticConfig(suite.spec);
  const names = new Set(schemaNames(suite.spec));
  const missing = responseSchemas.filter((r) => !names.has(r.schema)).map((r) => r.schema);
  if (missing.length > 0) throw new LisError(`response-schemas.yaml names unknown schema(s): ${[...new Set(missing)].join(", ")}`, EXIT.USAGE);
  const clauseIds = new Set(suite.clauses.map((c) => c.id));
  const unknownClauses = [...responseSchemas.flatMap((r) => [r.clause, ...Object.values(r.pointers ?? {})]), ...(notJsonClause ? [notJsonClause] : [])].filter((id) => !clauseIds.has(id));
  if (unknownClauses.length > 0) throw new LisError(`response-schemas.yaml names unknown clause(s): ${[...new Set(unknownClauses)].join(", ")}`, EXIT.USAGE);
  const prerequisites = loadPrerequisites(suite.spec, clauseIds);
  const baseline: Baseline | undefined = options.expect ? readBaseline(options.expect) : undefined;
  const keep = globFilter(options.filter);
  const inProfiles = (profiles: string[]) => {
    const cases = suite.cases.filter((c) => profiles.includes(c.profile) && keep(c.id));
    if (cases.length === 0) throw new LisError(`no case matches${options.filter ? ` --filter ${options.filter}` : ""} in profiles ${profiles.join(", ")}`, EXIT.USAGE);
    return withEstablishing(cases, suite.cases);
  };
  // This run's profiles: narrowed below by what the server declares; the (possibly shared) suite is not changed.
  let profiles = suite.profiles;
  let selected = inProfiles(profiles);

  const embedded = options.baseUrl === undefined;
  if (!embedded && options.model === undefined) throw new LisError("--model is required with --base-url (the model id to test with)", EXIT.USAGE);
  let server: { url: string; close(): Promise<void> } | undefined;
  let keylessServer: { url: string; close(): Promise<void> } | undefined;
  let baseUrl = options.baseUrl;
  // The embedded server requires a fresh random key, so that the authentication clauses are exercised too.
  // Base62, not hex and no fixed prefix: HTTP-019's check looks for any 5-character piece of the key, and
  // a hex key shares such pieces with the server's random hex ids (x-request-id) about once in 2,500 runs.
  let apiKey = options.apiKey;
  if (embedded) {
    apiKey ??= randomBytes(36).toString("base64url").replace(/[-_]/g, "").slice(0, 32);
    // Loaded only when needed: listing and coverage do not depend on the server.
    const { startServer } = await import("../serve/server.js");
    server = await startServer({ port: 0, host: "127.0.0.1", apiKey, faults: options.serverFaults, variants: options.serverVariants });
    // A twin without a key, so that the clauses for keyless servers are judged in the same run.
    keylessServer = await startServer({ port: 0, host: "127.0.0.1", faults: options.serverFaults, variants: options.serverVariants });
    if (options.wrapEmbedded) {
      const [keyed, keyless] = [server, keylessServer];
      const [front, keylessFront] = await Promise.all([options.wrapEmbedded(keyed.url, apiKey), options.wrapEmbedded(keyless.url, undefined)]);
      server = { url: front.url, close: () => front.close().then(() => keyed.close()) };
      keylessServer = { url: keylessFront.url, close: () => keylessFront.close().then(() => keyless.close()) };
    }
    baseUrl = server.url;
  } else {
    let url: URL;
    try {
      url = new URL(baseUrl!);
    } catch {
      throw new LisError(`--base-url ${baseUrl} is not a URL; give e.g. http://127.0.0.1:8080/v1`, EXIT.USAGE);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new LisError(`--base-url must be http:// or https://, got ${url.protocol}`, EXIT.USAGE);
    if (url.search || url.hash) throw new LisError(`--base-url must not carry a query or fragment: ${baseUrl}`, EXIT.USAGE);
  }
  if (options.embeddingBaseUrl !== undefined) {
    if (embedded) throw new LisError("--embedding-base-url goes with --base-url (the embedded server embeds itself)", EXIT.USAGE);
    const url = URL.canParse(options.embeddingBaseUrl) ? new URL(options.embeddingBaseUrl) : undefined;
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash) throw new LisError(`--embedding-base-url ${options.embeddingBaseUrl} is not an http(s) base URL; give e.g. http://127.0.0.1:8081/v1`, EXIT.USAGE);
  }
  try {
    const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    const maxBodyBytes = options.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
    const maxDepth = options.maxDepth ?? DEFAULTS.maxDepth;
    const model = options.model ?? EMBEDDED_MODEL;
    const embeddingModel = options.embeddingModel ?? model;
    const startedAt = new Date();
    const t0 = performance.now();
    // Every end of the run, early or not, is a report of the same shape (and every requested file is written).
    let identity: Pick<ConformanceReport["target"], "server" | "models" | "discovery"> | undefined;
    const ended = (run: RunOutcome, results: CaseResult[] = [], newer?: ReadonlyMap<string, string>) => {
      const report = reportOfRun({
        clauses: suite.clauses,
        profiles,
        cases: selected,
        results,
        baseline,
        notApplicable: newer,
        prerequisites,
        run,
        version: suite.spec,
        toolVersion: packageVersion,
        target: {
          baseUrl: baseUrl!, ...(options.embeddingBaseUrl ? { embeddingBaseUrl: options.embeddingBaseUrl } : {}), model, embeddingModel, embedded, authenticated: apiKey !== undefined,
          // What the server says about itself is redacted like its answers (a server may echo a key anywhere).
          ...(identity ? redactDeep(identity, makeRedactor([apiKey, ...(options.secrets ?? [])])) : {}),
        },
        filter: options.filter,
        startedAt,
        durationMs: performance.now() - t0,
        baselineFile: options.expect,
        specStatus: versionStatus(suite.spec),
      });
      return { report, suite: { ...suite, profiles }, cases: selected };
    };
    const interrupted = (): RunOutcome | undefined => (options.signal?.aborted ? interruptedOutcome(options.signal) : undefined);

    // The discovery document is read here, once: without --profile it says which profiles the server claims
    // (DISC-004), and its lis_versions which versions it implements.
    const auth = { apiKey, headers: options.headers, secrets: options.secrets };
    const pre = await preflight({ baseUrl: baseUrl!, embeddingBaseUrl: options.embeddingBaseUrl, ...auth, model, embeddingModel }, { timeoutMs, maxBodyBytes, maxDepth, signal: options.signal });
    if (pre.verdict !== "ok") return ended(interrupted() ?? { status: pre.verdict, reason: pre.reason });
    const { discovery, lisVersion } = pre;
    identity = { ...(pre.server ? { server: pre.server } : {}), ...(pre.models ? { models: pre.models } : {}), ...(discovery.document ? { discovery: discovery.document } : {}) };
    if (interrupted()) return ended(interrupted()!);
    if (!options.profiles?.length && discovery.profiles) profiles = selectDeclared(profiles, discovery.profiles);
    // A server that announces an older minor version is not judged on clauses that a later one added.
    const newer = clausesNewerThanServer(suite, announcedVersions(discovery, lisVersion));
    profiles = profiles.filter((p) => {
      const own = suite.clauses.filter((c) => c.profile === p && !c.withdrawn);
      const added = own.length > 0 && own.every((c) => newer.has(c.id));
      if (added && options.profiles?.includes(p)) throw new LisError(`--profile ${p}: ${newer.get(own[0].id)}; test the server without this profile, or with --spec ${newer.ceiling}`, EXIT.USAGE);
      return !added;
    });
    selected = inProfiles(profiles);
    // A probe (a case that judges no clause) always runs: comparisons elsewhere rest on it.
    const notRun = selected.filter((c) => clausesOfCase(c).size > 0 && [...clausesOfCase(c)].every((id) => newer.has(id)));
    selected = selected.filter((c) => !notRun.includes(c));
    options.onRunStart?.(selected);
    // Each target answered the pre-flight; if one stops answering now, its watch stops the run's requests
    // to it (health.ts).
    const watches = new Map<string, TargetHealth>();
    const watch = (url: string) => {
      if (!watches.has(url)) watches.set(url, new TargetHealth({ answeredBefore: true }));
      return watches.get(url);
    };
    const deadlineMs = options.deadlineMs ?? DEFAULTS.deadlineMs;
    const ran = await runCases(selected, {
      baseUrl: baseUrl!,
      model,
      embeddingModel,
      apiKey,
      headers: options.headers,
      secrets: options.secrets,
      profiles,
      // Servers batch what is in flight, and their answers (even their crashes: llama-server's) can depend on
      // it; one request at a time in the suite's order makes a run against a real server reproducible.
      concurrency: options.concurrency ?? (embedded ? DEFAULTS.concurrency : 1),
      timeoutMs,
      deadlineMs,
      maxBodyBytes,
      maxDepth,
      getValidator: (name) => validatorByName(name, suite.spec),
      checks: checkRegistry,
      responseSchemas,
      notJsonClause,
      onCaseDone: options.onCaseDone,
      onRequest: options.onRequest,
      keyless: keylessServer ? { baseUrl: keylessServer.url } : undefined,
      embeddingBaseUrl: options.embeddingBaseUrl,
      signal: options.signal,
      health: watch,
      // A POST whose kept-alive connection closed goes again only to a target that still answers.
      mayResend: (url) => answersAtAll(url, auth, timeoutMs),
    });
    const results = [...ran, ...notRun.map((c) => notApplicableResult(c, newer.get([...clausesOfCase(c)][0])!))];
    selected = [...selected, ...notRun];
    return ended(runOutcome(watches, interrupted(), ran, deadlineMs), results, newer);
  } finally {
    await Promise.all([server?.close(), keylessServer?.close()]);
  }
}

/**
 * The clauses of the suite's version that were added after the newest version the server announces, each
 * with the note its verdict carries (not-applicable). Empty when the server announces the suite's version,
 * a newer one, or nothing at all (then it is judged as claiming the suite's version).
 */
function clausesNewerThanServer(suite: Suite, announced: { versions: string[]; source: string } | undefined): Map<string, string> & { ceiling?: string } {
  const newer: Map<string, string> & { ceiling?: string } = new Map();
  const ceiling = serverCeiling(suite.spec, announced?.versions);
  if (ceiling === undefined || compareVersions(ceiling, suite.spec) >= 0) return newer;
  newer.ceiling = ceiling;
  for (const c of suite.clauses) {
    if (compareVersions(c.addedIn, ceiling) > 0) newer.set(c.id, `added in LIS ${c.addedIn}, but the server implements LIS ${ceiling} (${announced!.source})`);
  }
  return newer;
}

function interruptedOutcome(signal: AbortSignal): RunOutcome {
  const reason = signal.reason as { message?: unknown } | undefined;
  const why = typeof reason?.message === "string" ? reason.message : "interrupted";
  return { status: "interrupted", reason: `${why}: the report holds the cases judged before it`, exitCode: /SIGTERM/.test(why) ? 143 : 130 };
}

/** How a run that got to its cases ended: a target down (named by URL when the run had several), an interrupt, the deadline, or complete. */
function runOutcome(watches: Map<string, TargetHealth>, interrupted: RunOutcome | undefined, ran: CaseResult[], deadlineMs: number): RunOutcome {
  const down = [...watches].filter(([, h]) => h.down).map(([url, h]) => ({ url, down: h.down! }));
  if (down.length > 0) {
    const first = down[0].down;
    const reason = down.map((d) => (watches.size > 1 ? `${d.url}: ${d.down.reason}` : d.down.reason)).join("; ");
    return { status: "target-down", reason, lastRequest: { case: first.lastRequest.caseId, step: first.lastRequest.step, request: first.lastRequest.request }, alsoInFlight: first.alsoInFlight };
  }
  if (interrupted) return interrupted;
  if (ran.some((r) => r.unfinished)) return { status: "deadline", reason: `the run's deadline of ${deadlineMs} ms passed (--deadline)` };
  return { status: "complete" };
}

function notApplicableResult(c: Case, reason: string): CaseResult {
  return { id: c.id, title: c.title, profile: c.profile, clauses: c.clauses, status: "precondition-failed", reason: `tests only clauses ${reason}`, checks: [], evidence: [], durationMs: 0, source: c.source };
}
