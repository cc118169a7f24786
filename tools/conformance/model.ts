/**
 * The data of the conformance runner: cases as loaded from YAML (format: conformance/README.md and
 * conformance/case.schema.json), the transcript of what a server answered, and the results.
 */

export type ClauseRef = string | string[];
export type StatusValue = number | string;

export interface RequestTemplate {
  method: string;
  path: string;
  headers?: Record<string, string | null>;
  auth?: "default" | "none";
  body?: unknown;
  rawBody?: string;
  rawBodyBase64?: string;
}

/**
 * Run facts that a comparison of two responses rests on, as a case's `establishes` names them (one fact or
 * several: any of them will do). Without the fact the comparison is inconclusive, never pass or fail.
 */
export type FactRef = string | string[];

export interface Assertion {
  path?: string;
  header?: string;
  clause?: ClauseRef;
  optional?: boolean;
  message?: string;
  assumes?: FactRef;
  [op: string]: unknown;
}

export interface CheckCall {
  name: string;
  args?: Record<string, unknown>;
  clause?: ClauseRef;
  message?: string;
  assumes?: FactRef;
}

export type StreamRule = boolean | { clause?: ClauseRef };

export interface StreamRules {
  clause?: ClauseRef;
  contentType?: StreamRule;
  terminator?: string | null | { data?: string | null; clause?: ClauseRef };
  eventSchema?: string | { name: string; clause?: ClauseRef };
  sameIdAcrossChunks?: StreamRule;
  oneFinishPerChoice?: StreamRule;
  firstEventWithinMs?: number;
  totalWithinMs?: number;
  maxEvents?: number;
}

export interface Expectations {
  status?: StatusValue | StatusValue[] | { in: StatusValue | StatusValue[]; clause?: ClauseRef };
  headers?: Record<string, boolean | string>;
  schema?: string | { name: string; clause?: ClauseRef };
  assert?: Assertion[];
  checks?: CheckCall[];
  stream?: StreamRules;
  noSynthetic?: boolean;
}

/**
 * What a precondition step establishes. `true` (a capability): the server may decline it (refuse n > 1),
 * and then the case's clauses are not applicable. `evidence`: the step must produce something to judge (a
 * completed tool call); when it does not, the clauses are untested, never "not applicable".
 */
export type Precondition = true | "evidence";

export interface Step {
  name: string;
  precondition?: Precondition;
  /** Earlier steps that must have passed for this one to be sent (beyond those it reads). */
  after?: string[];
  clauses?: string[];
  request: RequestTemplate;
  expect?: Expectations;
  capture?: Record<string, string>;
}

/** Where a case came from, for error messages and reports. */
export interface SourceLocation {
  file: string;
  line: number;
}

/** A case after loading: single-step cases are normalised to one step named "request". */
export interface Case {
  id: string;
  title: string;
  description?: string;
  profile: string;
  clauses: string[];
  requires: string[];
  timeoutMs?: number;
  /**
   * The run fact this case establishes when it passes (e.g. `reproducible-seeded-chat`): checks elsewhere
   * that compare two responses `assume` it. Such cases run first, and alone.
   */
  establishes?: string;
  steps: Step[];
  /** Per step name, the earlier steps it reads (captures, `step:` operands and arguments); computed at load. */
  dependsOn?: Record<string, string[]>;
  source: SourceLocation;
}

// ---- what the server answered ----

// The response types belong to the shared HTTP edge (tools/http/), which the runner, lis eval and lis bench use.
import type { ReceivedResponse, TransportError } from "../http/types.js";
export type { ReceivedResponse, StreamEventRecord, TransportError } from "../http/types.js";

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body as text (raw bodies as sent; binary bodies as a note). */
  bodyText?: string;
  /** The JSON body, when the template had one. */
  body?: unknown;
}

export interface Exchange {
  step: string;
  request: SentRequest;
  response?: ReceivedResponse;
  error?: TransportError;
}

// ---- results ----

/**
 * `inconclusive`: no check failed, but a comparison of two responses could not be judged because the run
 * has not shown that the server reproduces its output. It never counts as a pass.
 */
export type CaseStatus = "pass" | "fail" | "error" | "skip" | "precondition-failed" | "inconclusive";

export interface CheckResult {
  /** What kind of check: status, header, schema, assert, check:<name>, stream:<rule>, synthetic-schema, capture. */
  kind: string;
  step: string;
  clauses: string[];
  passed: boolean;
  /** One line: what was checked. */
  description: string;
  expected?: string;
  got?: string;
  message?: string;
  /** Set (with passed false) when the check could not judge: why. Neither a pass nor a failure. */
  inconclusive?: string;
  /** Set (with passed true) when the check had nothing to judge (no element, no match): not a pass either. */
  vacuous?: true;
  /**
   * Set on a failed status check when the request should have been rejected but was accepted: what else
   * fails on that response follows from it (verdicts.ts, blocked).
   */
  blocksStep?: true;
  /** The check names its clause itself (`clause:`), rather than judging the step's or case's clauses. */
  named?: true;
}

export interface Evidence {
  step: string;
  request: string;
  response: string;
}

export interface CaseResult {
  id: string;
  title: string;
  profile: string;
  clauses: string[];
  status: CaseStatus;
  /** Why the case was skipped, errored or precondition-failed. */
  reason?: string;
  /** The run stopped before the case was judged (deadline, target down, interrupt): reports count these in one line. */
  unfinished?: true;
  checks: CheckResult[];
  evidence: Evidence[];
  /** Steps that were not sent, and why (a step they read failed; the case ended in error). */
  notSent?: { step: string; reason: string }[];
  /**
   * Which kind of precondition did not hold (status precondition-failed), or, when a precondition check
   * that names its clause failed (status fail, that clause charged), the clauses that blocked the rest.
   */
  precondition?: { kind: "capability" | "evidence"; blockedBy?: string[] };
  durationMs: number;
  source: SourceLocation;
}
