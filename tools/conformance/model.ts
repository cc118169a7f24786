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

export interface Assertion {
  path?: string;
  header?: string;
  clause?: ClauseRef;
  optional?: boolean;
  message?: string;
  [op: string]: unknown;
}

export interface CheckCall {
  name: string;
  args?: Record<string, unknown>;
  clause?: ClauseRef;
  message?: string;
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

export interface Step {
  name: string;
  precondition?: boolean;
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
  steps: Step[];
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

export type CaseStatus = "pass" | "fail" | "error" | "skip" | "precondition-failed";

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
  checks: CheckResult[];
  evidence: Evidence[];
  durationMs: number;
  source: SourceLocation;
}
